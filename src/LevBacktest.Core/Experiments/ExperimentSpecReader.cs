using System.Globalization;
using System.Text.Json;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Reads experiment specs (JSON, documented by <c>strategies/experiment.schema.json</c>). Parsing uses
/// <see cref="JsonDocument"/> and binds by hand so that every error names the JSON path of the offending
/// value; unknown properties are rejected. Relative file paths resolve against the spec file's folder.
/// Strategy names and parameters are checked against the catalog later, by <c>ExperimentPlan</c>.
/// </summary>
public static class ExperimentSpecReader
{
    /// <summary>Largest number of values one sweep axis may have.</summary>
    public const int MaxAxisValues = 100_000;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    /// <summary>Reads and binds a spec file.</summary>
    /// <param name="path">The spec file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ExperimentSpecException">The spec is malformed; the message starts with the file and the JSON path.</exception>
    public static ExperimentSpec ReadFile(string path)
    {
        string fullPath = Path.GetFullPath(path);
        Data.InputFile.Require(path, "Experiment spec");

        string json = File.ReadAllText(fullPath);
        try
        {
            return Parse(json, Path.GetDirectoryName(fullPath)!) with { SourcePath = fullPath };
        }
        catch (ExperimentSpecException exception) when (exception.SpecFile is null)
        {
            throw exception.InFile(path);
        }
    }

    /// <summary>Parses and binds spec text.</summary>
    /// <param name="json">The spec document.</param>
    /// <param name="baseDirectory">Folder that relative paths resolve against.</param>
    /// <exception cref="ExperimentSpecException">The spec is malformed.</exception>
    public static ExperimentSpec Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            string where = exception.LineNumber is long line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {(exception.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new ExperimentSpecException("$", $"not valid JSON{where}.", null, exception);
        }

        using (document)
        {
            return Bind(document.RootElement, Path.GetFullPath(baseDirectory));
        }
    }

    private static ExperimentSpec Bind(JsonElement root, string baseDirectory)
    {
        var spec = new JsonSpecObject(root, "$");
        spec.Allow("$schema");
        string name = spec.RequiredString("name");
        string? description = spec.OptionalString("description");
        PortfolioSpec? portfolio = null;
        ExperimentDataSpec data;
        InstrumentSpec instrument;
        StrategySpec strategy;
        if (spec.TryGet("instruments", out _))
        {
            // A portfolio: data, terms and strategy live per instrument and in $.portfolio; the single-instrument
            // sections stand for instrument 0 so that planning, sweeps and results read one shape.
            (portfolio, data, instrument, strategy) = PortfolioSpecReader.Bind(spec, baseDirectory);
        }
        else
        {
            if (spec.TryGet("portfolio", out _))
            {
                throw new ExperimentSpecException(spec.PathOf("portfolio"), "only applies to a portfolio: list its instruments in \"instruments\": [ {...}, ... ].");
            }

            data = BindData(spec.RequiredObject("data"), baseDirectory);
            instrument = BindInstrument(spec.RequiredObject("instrument"), baseDirectory);
            strategy = BindStrategy(spec.RequiredObject("strategy"));
        }

        double initialCapital = spec.RequiredNumber("initialCapital");
        RequirePositive(initialCapital, spec.PathOf("initialCapital"));
        double leverage = spec.OptionalNumber("leverage", 1.0);
        RequirePositive(leverage, spec.PathOf("leverage"));
        var execution = new ExecutionSpec
        {
            Fill = spec.OptionalChoice("fill", "nextOpen", SpecVocabulary.FillPolicies),
            StopTrigger = spec.OptionalChoice("stopTrigger", "lastPrice", SpecVocabulary.StopTriggers),
            TakeProfitFraction = spec.OptionalNumber("takeProfit", double.NaN),
            OverLeverage = spec.OptionalChoice("overLeverage", "reduce", SpecVocabulary.OverLeveragePolicies),
            AfterLiquidation = spec.OptionalChoice("afterLiquidation", "reEnter", SpecVocabulary.AfterLiquidationPolicies),
        };
        if (portfolio is not null && execution.Fill != "nextOpen")
        {
            throw new ExperimentSpecException(spec.PathOf("fill"), "a portfolio fills at the next bar's open; leave 'fill' out or write \"nextOpen\".");
        }

        if (!double.IsNaN(execution.TakeProfitFraction))
        {
            RequirePositive(execution.TakeProfitFraction, spec.PathOf("takeProfit"));
        }

        var sweep = spec.OptionalObject("sweep") is { } sweepObject ? BindSweep(sweepObject) : [];
        if (portfolio is not null)
        {
            PortfolioSpecReader.CheckSweep(sweep);
        }

        var plugins = BindPlugins(spec, baseDirectory);
        var monteCarlo = spec.OptionalObject("monteCarlo") is { } monteCarloObject ? MonteCarlo.MonteCarloSpecReader.Bind(monteCarloObject) : null;
        spec.RejectUnknown();
        return new ExperimentSpec
        {
            Name = name,
            Description = description,
            Data = data,
            Instrument = instrument,
            InitialCapital = initialCapital,
            Leverage = leverage,
            Strategy = strategy,
            Sweep = sweep,
            Execution = execution,
            Plugins = plugins,
            MonteCarlo = monteCarlo,
            Portfolio = portfolio,
            Document = root.Clone(),
        };
    }

    /// <summary><c>"plugins"</c>: strategy assemblies, each path relative to the spec's folder.</summary>
    private static string[] BindPlugins(JsonSpecObject spec, string baseDirectory)
    {
        if (!spec.TryGet("plugins", out var array))
        {
            return [];
        }

        string path = spec.PathOf("plugins");
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ExperimentSpecException(path, $"must be an array of plugin assembly paths (relative to the spec), found {JsonSpecObject.Describe(array)}.");
        }

        var plugins = new string[array.GetArrayLength()];
        int k = 0;
        foreach (var item in array.EnumerateArray())
        {
            string itemPath = JsonSpecObject.Index(path, k);
            string text = JsonSpecObject.AsString(item, itemPath);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ExperimentSpecException(itemPath, "must be the path of a plugin assembly, found an empty string.");
            }

            plugins[k++] = ResolvePath(text, baseDirectory);
        }

        return plugins;
    }

    /// <summary>Binds a data section; <paramref name="instrumentOfPortfolio"/>: one of <c>$.instruments</c>, whose other
    /// properties the caller reads and checks, and whose window is the portfolio's.</summary>
    internal static ExperimentDataSpec BindData(JsonSpecObject data, string baseDirectory, bool instrumentOfPortfolio = false)
    {
        string prices = ResolvePath(data.RequiredString("prices"), baseDirectory);
        string? mark = data.OptionalString("mark") is { } m ? ResolvePath(m, baseDirectory) : null;
        string? funding = data.OptionalString("funding") is { } f ? ResolvePath(f, baseDirectory) : null;
        string? symbol = data.OptionalString("symbol");
        IReadOnlyDictionary<string, string> priceColumns = Empty, markColumns = Empty, fundingColumns = Empty;
        if (data.OptionalObject("columns") is { } columnObject)
        {
            priceColumns = ColumnMap(columnObject, "prices", SpecVocabulary.PriceColumns);
            markColumns = ColumnMap(columnObject, "mark", SpecVocabulary.MarkColumns);
            fundingColumns = ColumnMap(columnObject, "funding", SpecVocabulary.FundingColumns);
            columnObject.RejectUnknown();
        }

        string? timeUnit = data.TryGet("timeUnit", out _) ? data.OptionalChoice("timeUnit", "ms", SpecVocabulary.TimeUnits) : null;
        long? from = instrumentOfPortfolio ? null : OptionalInstant(data, "from");
        long? to = instrumentOfPortfolio ? null : OptionalInstant(data, "to");
        if (from is long start && to is long end && end <= start)
        {
            throw new ExperimentSpecException(data.PathOf("to"), "must be later than 'from'.");
        }

        long? resample = null;
        if (data.OptionalString("resample") is { } interval)
        {
            if (!SpecTime.TryParseDurationMilliseconds(interval, out long ms))
            {
                throw new ExperimentSpecException(data.PathOf("resample"), $"'{interval}' is not a duration; write e.g. \"15m\", \"4h\", \"1d\" or \"1w\".");
            }

            resample = ms;
        }

        string missingMark = data.OptionalChoice("missingMark", "fallBackToLastPrice", SpecVocabulary.MissingMarkPolicies);
        if (!instrumentOfPortfolio)
        {
            data.RejectUnknown();
        }

        return new ExperimentDataSpec
        {
            PricesPath = prices,
            MarkPath = mark,
            FundingPath = funding,
            Symbol = symbol,
            PriceColumns = priceColumns,
            MarkColumns = markColumns,
            FundingColumns = fundingColumns,
            TimeUnit = timeUnit,
            FromMs = from,
            ToMs = to,
            ResampleIntervalMs = resample,
            MissingMark = missingMark,
        };
    }

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);

    private static Dictionary<string, string> ColumnMap(JsonSpecObject columns, string file, IReadOnlyList<string> roles)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (columns.OptionalObject(file) is not { } fileColumns)
        {
            return map;
        }

        foreach (var role in fileColumns.Names)
        {
            if (!roles.Contains(role, StringComparer.Ordinal))
            {
                throw new ExperimentSpecException(fileColumns.PathOf(role), $"unknown column role '{role}'; valid roles for the {file} file: {string.Join(", ", roles)}.");
            }

            map[role] = fileColumns.RequiredString(role);
        }

        return map;
    }

    private static InstrumentSpec BindInstrument(JsonSpecObject instrument, string baseDirectory)
    {
        var result = BindContract(instrument, baseDirectory) with
        {
            TakerFeeRate = Fraction(instrument, "takerFeeRate", 0.0005, 0.1),
            MakerFeeRate = Fraction(instrument, "makerFeeRate", 0.0002, 0.1),
            MarginMode = instrument.OptionalChoice("marginMode", "isolated", SpecVocabulary.MarginModes),
            IsolatedAllocation = instrument.OptionalNumber("isolatedAllocation", 1.0),
            ClearanceFeeRate = Fraction(instrument, "clearanceFeeRate", 0.0, 1.0),
        };
        result = BindSlippage(instrument, result);
        if (result.IsolatedAllocation is <= 0 or > 1)
        {
            throw new ExperimentSpecException(instrument.PathOf("isolatedAllocation"), "must be a fraction of equity with 0 < allocation ≤ 1.");
        }

        instrument.RejectUnknown();
        return result;
    }

    /// <summary>The contract terms of an instrument: tier table or flat tier, linear or inverse with its contract size.</summary>
    internal static InstrumentSpec BindContract(JsonSpecObject instrument, string baseDirectory)
    {
        string? tiers = instrument.OptionalString("tiers") is { } t ? ResolvePath(t, baseDirectory) : null;
        bool hasRate = instrument.TryGet("maintenanceMarginRate", out _);
        bool hasMax = instrument.TryGet("maxLeverage", out _);
        double rate = double.NaN, maxLeverage = double.NaN;
        if (tiers is not null && (hasRate || hasMax))
        {
            throw new ExperimentSpecException(instrument.PathOf(hasRate ? "maintenanceMarginRate" : "maxLeverage"), "give either 'tiers' (a tier table file) or a flat 'maintenanceMarginRate' with 'maxLeverage', not both.");
        }

        if (tiers is null)
        {
            if (!hasRate)
            {
                throw new ExperimentSpecException(instrument.PathOf("tiers"), "required: a tier table file ('tiers'), or a flat 'maintenanceMarginRate' with 'maxLeverage'.");
            }

            rate = instrument.RequiredNumber("maintenanceMarginRate");
            if (rate is <= 0 or >= 1)
            {
                throw new ExperimentSpecException(instrument.PathOf("maintenanceMarginRate"), "must be a fraction between 0 and 1 (0.004 = 0.4 %).");
            }

            maxLeverage = instrument.RequiredNumber("maxLeverage");
            if (maxLeverage < 1)
            {
                throw new ExperimentSpecException(instrument.PathOf("maxLeverage"), "must be at least 1.");
            }
        }

        var result = new InstrumentSpec
        {
            TiersPath = tiers,
            MaintenanceMarginRate = rate,
            MaxLeverage = maxLeverage,
            Contract = instrument.OptionalChoice("contract", "linear", SpecVocabulary.Contracts),
        };
        if (result.Contract == "inverse")
        {
            double size = instrument.RequiredNumber("contractSize");
            if (!(size > 0) || !double.IsFinite(size))
            {
                throw new ExperimentSpecException(instrument.PathOf("contractSize"), "must be a positive number of USD per contract (Binance COIN-M BTCUSD: 100, ETHUSD: 10).");
            }

            result = result with { ContractSize = size };
        }
        else if (instrument.TryGet("contractSize", out _))
        {
            throw new ExperimentSpecException(instrument.PathOf("contractSize"), "only applies to an inverse contract (\"contract\": \"inverse\").");
        }

        return result;
    }

    /// <summary>The optional <c>slippage</c> object of <paramref name="owner"/> applied to <paramref name="result"/>.</summary>
    internal static InstrumentSpec BindSlippage(JsonSpecObject owner, InstrumentSpec result)
    {
        if (owner.OptionalObject("slippage") is { } slippage)
        {
            double basisPoints = slippage.OptionalNumber("basisPoints", 0.0);
            if (basisPoints is < 0 or >= 5000)
            {
                throw new ExperimentSpecException(slippage.PathOf("basisPoints"), "must be between 0 and 5000 basis points (1 = 0.01 %).");
            }

            double multiplier = double.NaN;
            int lookback = 0;
            if (slippage.TryGet("volatilityMultiplier", out _))
            {
                multiplier = slippage.RequiredNumber("volatilityMultiplier");
                if (multiplier < 0)
                {
                    throw new ExperimentSpecException(slippage.PathOf("volatilityMultiplier"), "must not be negative.");
                }

                double bars = slippage.RequiredNumber("lookbackBars");
                if (bars < 2 || bars != Math.Floor(bars) || bars > 100_000)
                {
                    throw new ExperimentSpecException(slippage.PathOf("lookbackBars"), "must be a whole number of bars between 2 and 100000.");
                }

                lookback = (int)bars;
            }
            else if (slippage.TryGet("lookbackBars", out _))
            {
                throw new ExperimentSpecException(slippage.PathOf("lookbackBars"), "only applies with 'volatilityMultiplier' (volatility-proportional slippage).");
            }

            slippage.RejectUnknown();
            result = result with { SlippageBasisPoints = basisPoints, SlippageVolatilityMultiplier = multiplier, SlippageLookbackBars = lookback };
        }

        return result;
    }

    private static StrategySpec BindStrategy(JsonSpecObject strategy)
    {
        var signal = BindComponent(strategy.Required("signal"), strategy.PathOf("signal"));
        var sizing = BindComponent(strategy.Required("sizing"), strategy.PathOf("sizing"));
        var stop = strategy.TryGet("stop", out var stopElement)
            ? BindComponent(stopElement, strategy.PathOf("stop"))
            : new StrategyComponentSpec("none", new Dictionary<string, SpecValue>(), strategy.PathOf("stop"));
        strategy.RejectUnknown();
        return new StrategySpec(signal, sizing, stop);
    }

    /// <summary>A component is <c>"name"</c> or <c>{ "name": …, "parameters": { … } }</c>.</summary>
    internal static StrategyComponentSpec BindComponent(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new StrategyComponentSpec(JsonSpecObject.AsString(element, path), new Dictionary<string, SpecValue>(), path);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ExperimentSpecException(path, $"expected a component name or an object with 'name' and 'parameters', found {JsonSpecObject.Describe(element)}.");
        }

        var component = new JsonSpecObject(element, path);
        string name = component.RequiredString("name");
        var parameters = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
        if (component.OptionalObject("parameters") is { } parameterObject)
        {
            foreach (var parameter in parameterObject.Names)
            {
                parameters[parameter] = JsonSpecObject.AsScalar(parameterObject.Required(parameter), parameterObject.PathOf(parameter));
            }
        }

        component.RejectUnknown();
        return new StrategyComponentSpec(name, parameters, path);
    }

    private static List<SweepAxis> BindSweep(JsonSpecObject sweep)
    {
        if (!sweep.Names.Any())
        {
            // An empty object is most likely a sweep whose axes were lost; one run is asked for by leaving it out.
            throw new ExperimentSpecException("$.sweep", "is empty: give at least one axis (e.g. \"leverage\": [1, 2, 5]), or leave 'sweep' out for a single run.");
        }

        var axes = new List<SweepAxis>();
        foreach (var name in sweep.Names)
        {
            string path = sweep.PathOf(name);
            var element = sweep.Required(name);
            axes.Add(BindAxis(name, element, path));
        }

        foreach (var component in axes.Where(a => a.Target == SweepAxisTarget.StrategyComponent))
        {
            var clash = axes.FirstOrDefault(a => a.Target == SweepAxisTarget.StrategyParameter && a.Role == component.Role);
            if (clash is not null)
            {
                throw new ExperimentSpecException(clash.JsonPath, $"cannot sweep a parameter of '{component.Name}' while also sweeping '{component.Name}' itself; put the parameter values into the components of {component.JsonPath}.");
            }
        }

        return axes;
    }

    private static SweepAxis BindAxis(string name, JsonElement element, string path)
    {
        if (name == "leverage")
        {
            var values = NumberValues(element, path);
            for (int i = 0; i < values.Count; i++)
            {
                RequirePositive(values[i].Number, JsonSpecObject.Index(path, i));
            }

            return new SweepAxis { Name = name, Target = SweepAxisTarget.Leverage, Values = values, JsonPath = path };
        }

        if (SpecVocabulary.SettingAxes.Contains(name, StringComparer.Ordinal))
        {
            var values = NumberValues(element, path);
            for (int i = 0; i < values.Count; i++)
            {
                double v = values[i].Number;
                bool ok = name switch
                {
                    "initialCapital" => v > 0,
                    "isolatedAllocation" => v is > 0 and <= 1,
                    "slippageBasisPoints" => v is >= 0 and < 5000,
                    _ => v is >= 0 and < 0.1,
                };
                if (!ok)
                {
                    throw new ExperimentSpecException(JsonSpecObject.Index(path, i), $"{values[i]} is out of range for {name}.");
                }
            }

            return new SweepAxis { Name = name, Target = SweepAxisTarget.Setting, Parameter = name, Values = values, JsonPath = path };
        }

        if (TryRole(name, out var role))
        {
            var components = ComponentValues(element, path);
            return new SweepAxis
            {
                Name = name,
                Target = SweepAxisTarget.StrategyComponent,
                Role = role,
                Values = components.Select(c => SpecValue.FromText(Label(c))).ToArray(),
                Components = components,
                JsonPath = path,
            };
        }

        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && TryRole(name[..dot], out role) && dot < name.Length - 1)
        {
            var values = ScalarValues(element, path);
            return new SweepAxis { Name = name, Target = SweepAxisTarget.StrategyParameter, Role = role, Parameter = name[(dot + 1)..], Values = values, JsonPath = path };
        }

        throw new ExperimentSpecException(path, $"unknown sweep axis '{name}'; valid axes: leverage, {string.Join(", ", SpecVocabulary.SettingAxes)}, signal, sizing, stop, or a strategy parameter as signal.NAME, sizing.NAME or stop.NAME.");
    }

    /// <summary>A component's label in tables: its name, with its parameters when it has any (<c>vol-target(targetVolatility=0.5)</c>).</summary>
    private static string Label(StrategyComponentSpec component)
        => component.Parameters.Count == 0
            ? component.Name
            : $"{component.Name}({string.Join(", ", component.Parameters.Select(p => $"{p.Key}={p.Value}"))})";

    private static bool TryRole(string name, out StrategyComponentRole role)
    {
        (bool found, role) = name switch
        {
            "signal" => (true, StrategyComponentRole.Signal),
            "sizing" => (true, StrategyComponentRole.Sizing),
            "stop" => (true, StrategyComponentRole.Stop),
            _ => (false, default),
        };
        return found;
    }

    private static List<StrategyComponentSpec> ComponentValues(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw new ExperimentSpecException(path, $"expected a non-empty array of components, found {JsonSpecObject.Describe(element)}.");
        }

        var components = new List<StrategyComponentSpec>();
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            components.Add(BindComponent(item, JsonSpecObject.Index(path, index++)));
        }

        RequireDistinct(components.Select(Label).ToList(), path);
        return components;
    }

    private static List<SpecValue> NumberValues(JsonElement element, string path)
    {
        var values = ScalarValues(element, path);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i].Kind != SpecValueKind.Number)
            {
                throw new ExperimentSpecException(JsonSpecObject.Index(path, i), $"expected a number, found '{values[i]}'.");
            }
        }

        return values;
    }

    /// <summary>An axis is a non-empty array of scalars or a range <c>{ "from", "to", "step" }</c> (inclusive of <c>to</c>).</summary>
    private static List<SpecValue> ScalarValues(JsonElement element, string path)
    {
        var values = new List<SpecValue>();
        if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var item in element.EnumerateArray())
            {
                values.Add(JsonSpecObject.AsScalar(item, JsonSpecObject.Index(path, index++)));
            }

            if (values.Count == 0)
            {
                throw new ExperimentSpecException(path, "a sweep axis needs at least one value.");
            }

            if (values.Count > MaxAxisValues)
            {
                throw new ExperimentSpecException(path, $"has {values.Count} values; at most {MaxAxisValues} are allowed.");
            }

            RequireDistinct(values.Select(v => v.ToString()).ToList(), path);
            return values;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ExperimentSpecException(path, $"expected an array of values or a range {{\"from\", \"to\", \"step\"}}, found {JsonSpecObject.Describe(element)}.");
        }

        var range = new JsonSpecObject(element, path);
        double from = range.RequiredNumber("from");
        double to = range.RequiredNumber("to");
        double step = range.RequiredNumber("step");
        range.RejectUnknown();
        if (step <= 0)
        {
            throw new ExperimentSpecException(range.PathOf("step"), "must be positive.");
        }

        if (to < from)
        {
            throw new ExperimentSpecException(range.PathOf("to"), "must not be less than 'from'.");
        }

        double steps = Math.Floor(((to - from) / step) + 1e-9);
        if (steps + 1 > MaxAxisValues)
        {
            throw new ExperimentSpecException(path, $"the range has {steps + 1} values; at most {MaxAxisValues} are allowed.");
        }

        for (int i = 0; i <= (int)steps; i++)
        {
            // Rounding to 12 significant decimals keeps 0.1 + 2·0.1 from printing as 0.30000000000000004.
            values.Add(SpecValue.FromNumber(Math.Round(from + (i * step), 12)));
        }

        return values;
    }

    private static void RequireDistinct(List<string> labels, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            if (!seen.Add(labels[i]))
            {
                throw new ExperimentSpecException(JsonSpecObject.Index(path, i), "repeats an earlier value of the same axis.");
            }
        }
    }

    internal static long? OptionalInstant(JsonSpecObject data, string name)
    {
        if (data.OptionalString(name) is not { } text)
        {
            return null;
        }

        if (!SpecTime.TryParseUtcMilliseconds(text, out long ms))
        {
            throw new ExperimentSpecException(data.PathOf(name), $"'{text}' is not a date; write \"2021-01-31\" (midnight UTC) or \"2021-01-31T08:00:00Z\".");
        }

        return ms;
    }

    internal static double Fraction(JsonSpecObject owner, string name, double fallback, double limit)
    {
        double value = owner.OptionalNumber(name, fallback);
        if (value < 0 || value >= limit)
        {
            throw new ExperimentSpecException(owner.PathOf(name), string.Create(CultureInfo.InvariantCulture, $"must be a fraction with 0 ≤ value < {limit} (0.0005 = 0.05 %), got {value}."));
        }

        return value;
    }

    internal static void RequirePositive(double value, string path)
    {
        if (!(value > 0))
        {
            throw new ExperimentSpecException(path, string.Create(CultureInfo.InvariantCulture, $"must be positive, got {value}."));
        }
    }

    internal static string ResolvePath(string path, string baseDirectory)
        => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
}
