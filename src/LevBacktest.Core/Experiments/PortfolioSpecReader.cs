using System.Globalization;
using System.Text.Json;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Binds the portfolio form of a spec: <c>"instruments": [ {...}, ... ]</c> (each with its data files, contract,
/// tiers, signal, stop and weight) and the account's <c>"portfolio"</c> section (margin mode, sizing rule,
/// rebalancing, window, fees, slippage). Every error names the JSON path of the offending value.
/// </summary>
internal static class PortfolioSpecReader
{
    /// <summary>Properties of <c>$.instruments[k]</c> that are account terms of a portfolio, given once in <c>$.portfolio</c>.</summary>
    private static readonly string[] AccountTerms = ["marginMode", "isolatedAllocation", "takerFeeRate", "makerFeeRate", "slippage", "clearanceFeeRate", "from", "to"];

    /// <summary>Sweep axes a portfolio accepts (the strategy is per instrument and is not swept).</summary>
    private static readonly string[] PortfolioAxes = ["leverage", "initialCapital", "takerFeeRate", "makerFeeRate", "slippageBasisPoints"];

    /// <summary>Binds <c>$.instruments</c> and <c>$.portfolio</c> of <paramref name="spec"/>.</summary>
    /// <returns>The portfolio, and instrument 0's data, terms and strategy for the single-instrument view of the spec.</returns>
    /// <exception cref="ExperimentSpecException">A value is missing, unknown or out of range.</exception>
    public static (PortfolioSpec Portfolio, ExperimentDataSpec Data, InstrumentSpec Instrument, StrategySpec Strategy) Bind(JsonSpecObject spec, string baseDirectory)
    {
        foreach (var single in new[] { "data", "instrument", "strategy" })
        {
            if (spec.TryGet(single, out _))
            {
                throw new ExperimentSpecException(spec.PathOf(single), $"a portfolio spec (one with \"instruments\") gives '{single}' per instrument, in $.instruments[k]; leave the top-level '{single}' out.");
            }
        }

        string instrumentsPath = spec.PathOf("instruments");
        var array = spec.Required("instruments");
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new ExperimentSpecException(instrumentsPath, $"must be a non-empty array of instruments, found {JsonSpecObject.Describe(array)}.");
        }

        var section = spec.OptionalObject("portfolio");
        string sectionPath = spec.PathOf("portfolio");
        string marginMode = section?.OptionalChoice("marginMode", "cross", SpecVocabulary.MarginModes) ?? "cross";
        var (sizing, lookback) = BindSizing(section);
        var (rebalancing, everyBars, band) = BindRebalancing(section);
        long? from = section is null ? null : ExperimentSpecReader.OptionalInstant(section, "from");
        long? to = section is null ? null : ExperimentSpecReader.OptionalInstant(section, "to");
        if (from is long start && to is long end && end <= start)
        {
            throw new ExperimentSpecException(section!.PathOf("to"), "must be later than 'from'.");
        }

        var account = new InstrumentSpec
        {
            TakerFeeRate = section is null ? 0.0005 : ExperimentSpecReader.Fraction(section, "takerFeeRate", 0.0005, 0.1),
            MakerFeeRate = section is null ? 0.0002 : ExperimentSpecReader.Fraction(section, "makerFeeRate", 0.0002, 0.1),
            ClearanceFeeRate = section is null ? 0 : ExperimentSpecReader.Fraction(section, "clearanceFeeRate", 0.0, 1.0),
            MarginMode = marginMode,
        };
        if (section is not null)
        {
            account = ExperimentSpecReader.BindSlippage(section, account);
            section.RejectUnknown();
        }

        var instruments = new List<PortfolioInstrumentSpec>();
        int k = 0;
        foreach (var item in array.EnumerateArray())
        {
            string path = JsonSpecObject.Index(instrumentsPath, k++);
            instruments.Add(BindInstrument(new JsonSpecObject(item, path), baseDirectory, account, from, to, sizing));
        }

        string asset = instruments[0].SettlementAsset;
        for (int i = 1; i < instruments.Count; i++)
        {
            if (instruments[i].SettlementAsset != asset)
            {
                throw new ExperimentSpecException(instruments[i].JsonPath, $"settles in {instruments[i].SettlementAsset} but {instruments[0].JsonPath} settles in {asset}: one account holds one settlement asset (all linear USDT, or all inverse in the same coin).");
            }
        }

        var portfolio = new PortfolioSpec
        {
            Instruments = instruments,
            MarginMode = marginMode,
            Sizing = sizing,
            VolatilityLookbackBars = lookback,
            Rebalancing = rebalancing,
            RebalanceEveryBars = everyBars,
            RebalanceBand = band,
        };
        var first = instruments[0];
        var strategy = new StrategySpec(first.Signal, new StrategyComponentSpec("fixed-leverage", new Dictionary<string, SpecValue>(), sectionPath + ".sizing"), first.Stop);
        return (portfolio, first.Data, first.Terms, strategy);
    }

    /// <summary>A portfolio sweeps the account's leverage and terms, not a strategy (its signals and stops are per instrument).</summary>
    public static void CheckSweep(IReadOnlyList<SweepAxis> sweep)
    {
        foreach (var axis in sweep)
        {
            if (!PortfolioAxes.Contains(axis.Name, StringComparer.Ordinal))
            {
                throw new ExperimentSpecException(axis.JsonPath, $"a portfolio cannot sweep '{axis.Name}'; its axes may be {string.Join(", ", PortfolioAxes)} (signals and stops are set per instrument).");
            }
        }
    }

    private static PortfolioInstrumentSpec BindInstrument(JsonSpecObject item, string baseDirectory, InstrumentSpec account, long? from, long? to, string sizing)
    {
        foreach (var term in AccountTerms)
        {
            // Names, not TryGet: an account term is never one of the properties an instrument allows.
            if (item.Names.Contains(term, StringComparer.Ordinal))
            {
                string where = term is "from" or "to" ? "the window" : "an account term";
                throw new ExperimentSpecException(item.PathOf(term), $"is {where} of a portfolio: give it once in $.portfolio.{term}.");
            }
        }

        var data = ExperimentSpecReader.BindData(item, baseDirectory, instrumentOfPortfolio: true) with { FromMs = from, ToMs = to };
        var contract = ExperimentSpecReader.BindContract(item, baseDirectory);
        var terms = account with
        {
            TiersPath = contract.TiersPath,
            MaintenanceMarginRate = contract.MaintenanceMarginRate,
            MaxLeverage = contract.MaxLeverage,
            Contract = contract.Contract,
            ContractSize = contract.ContractSize,
        };
        string asset = "USDT";
        if (terms.Contract == "inverse")
        {
            asset = item.RequiredString("settlementAsset");
            if (string.IsNullOrWhiteSpace(asset))
            {
                throw new ExperimentSpecException(item.PathOf("settlementAsset"), "must name the coin the contract settles in, e.g. \"BTC\".");
            }
        }
        else if (item.TryGet("settlementAsset", out _))
        {
            throw new ExperimentSpecException(item.PathOf("settlementAsset"), "only applies to an inverse contract (a linear one settles in USDT).");
        }

        var signal = item.TryGet("signal", out var signalElement)
            ? ExperimentSpecReader.BindComponent(signalElement, item.PathOf("signal"))
            : new StrategyComponentSpec("buy-and-hold-long", new Dictionary<string, SpecValue>(), item.PathOf("signal"));
        var stop = item.TryGet("stop", out var stopElement)
            ? ExperimentSpecReader.BindComponent(stopElement, item.PathOf("stop"))
            : new StrategyComponentSpec("none", new Dictionary<string, SpecValue>(), item.PathOf("stop"));
        double weight = 1;
        if (item.TryGet("weight", out _))
        {
            if (sizing != "fixed")
            {
                throw new ExperimentSpecException(item.PathOf("weight"), $"only applies with fixed-weight sizing ($.portfolio.sizing \"fixed\"); the sizing is \"{sizing}\".");
            }

            weight = item.RequiredNumber("weight");
            if (!(weight > 0))
            {
                throw new ExperimentSpecException(item.PathOf("weight"), string.Create(CultureInfo.InvariantCulture, $"must be positive (weights are normalised to sum 1), got {weight}."));
            }
        }
        else if (sizing == "fixed")
        {
            throw new ExperimentSpecException(item.PathOf("weight"), "required: fixed-weight sizing needs every instrument's weight.");
        }

        item.RejectUnknown();
        return new PortfolioInstrumentSpec(data, terms, signal, stop, weight, asset, item.Path);
    }

    /// <summary><c>"sizing": "equal"</c>, or an object <c>{ "rule": "inverseVolatility", "lookbackBars": 30 }</c>.</summary>
    private static (string Rule, int LookbackBars) BindSizing(JsonSpecObject? section)
    {
        if (section is null || !section.TryGet("sizing", out var element))
        {
            return ("equal", 30);
        }

        string path = section.PathOf("sizing");
        if (element.ValueKind == JsonValueKind.String)
        {
            return (Choice(JsonSpecObject.AsString(element, path), path, SpecVocabulary.PortfolioSizingRules), 30);
        }

        var sizing = new JsonSpecObject(element, path);
        string rule = Choice(sizing.RequiredString("rule"), sizing.PathOf("rule"), SpecVocabulary.PortfolioSizingRules);
        int lookback = 30;
        if (sizing.TryGet("lookbackBars", out _))
        {
            if (rule != "inverseVolatility")
            {
                throw new ExperimentSpecException(sizing.PathOf("lookbackBars"), "only applies to inverse-volatility sizing (\"rule\": \"inverseVolatility\").");
            }

            lookback = WholeNumber(sizing, "lookbackBars", 2, 100_000);
        }

        sizing.RejectUnknown();
        return (rule, lookback);
    }

    /// <summary><c>"rebalancing": "none"</c>, <c>{ "rule": "periodic", "everyBars": 24 }</c> or <c>{ "rule": "band", "band": 0.05 }</c>.</summary>
    private static (string Rule, int EveryBars, double Band) BindRebalancing(JsonSpecObject? section)
    {
        if (section is null || !section.TryGet("rebalancing", out var element))
        {
            return ("none", 0, 0);
        }

        string path = section.PathOf("rebalancing");
        if (element.ValueKind == JsonValueKind.String)
        {
            string word = Choice(JsonSpecObject.AsString(element, path), path, SpecVocabulary.PortfolioRebalancingRules);
            if (word != "none")
            {
                throw new ExperimentSpecException(path, word == "periodic"
                    ? "periodic rebalancing needs its period: { \"rule\": \"periodic\", \"everyBars\": 24 }."
                    : "band rebalancing needs its band: { \"rule\": \"band\", \"band\": 0.05 }.");
            }

            return ("none", 0, 0);
        }

        var rebalancing = new JsonSpecObject(element, path);
        string rule = Choice(rebalancing.RequiredString("rule"), rebalancing.PathOf("rule"), SpecVocabulary.PortfolioRebalancingRules);
        int everyBars = 0;
        double band = 0;
        if (rule == "periodic")
        {
            everyBars = WholeNumber(rebalancing, "everyBars", 1, 10_000_000);
        }
        else if (rule == "band")
        {
            band = rebalancing.RequiredNumber("band");
            if (band is <= 0 or >= 1)
            {
                throw new ExperimentSpecException(rebalancing.PathOf("band"), string.Create(CultureInfo.InvariantCulture, $"must be a fraction with 0 < band < 1 (0.05 = rebalance when a weight drifts 5 % from its target), got {band}."));
            }
        }

        rebalancing.RejectUnknown();
        return (rule, everyBars, band);
    }

    private static string Choice(string value, string path, IReadOnlyList<string> allowed)
        => allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ExperimentSpecException(path, $"'{value}' is not one of {string.Join(", ", allowed)}.");

    private static int WholeNumber(JsonSpecObject owner, string name, int min, int max)
    {
        double value = owner.RequiredNumber(name);
        if (value < min || value > max || value != Math.Floor(value))
        {
            throw new ExperimentSpecException(owner.PathOf(name), string.Create(CultureInfo.InvariantCulture, $"must be a whole number between {min} and {max}, got {value}."));
        }

        return (int)value;
    }
}
