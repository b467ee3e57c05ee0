using System.Text.Json;
using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>The portfolio form of a spec: "instruments" and "portfolio", and the errors that name the field.</summary>
public sealed class PortfolioSpecReaderTests
{
    private static JsonObject Instrument(string name) => new()
    {
        ["prices"] = $"{name}/prices.parquet",
        ["mark"] = $"{name}/mark.parquet",
        ["maintenanceMarginRate"] = 0.005,
        ["maxLeverage"] = 50,
    };

    private static JsonObject Portfolio() => new()
    {
        ["name"] = "pair",
        ["instruments"] = new JsonArray(Instrument("btc"), Instrument("eth")),
        ["initialCapital"] = 10_000,
        ["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 2, 5) },
    };

    private static ExperimentSpec Parse(Action<JsonObject> change)
    {
        var spec = Portfolio();
        change(spec);
        return SpecFixtures.Parse(spec);
    }

    private static ExperimentSpecException Reject(Action<JsonObject> change)
        => Assert.Throws<ExperimentSpecException>(() => Parse(change));

    [Fact]
    public void Defaults_are_an_equal_weight_cross_account_holding_every_instrument_long()
    {
        var spec = Parse(_ => { });
        var portfolio = spec.Portfolio!;
        Assert.Equal(2, portfolio.Instruments.Count);
        Assert.Equal("cross", portfolio.MarginMode);
        Assert.Equal("equal", portfolio.Sizing);
        Assert.Equal("none", portfolio.Rebalancing);
        Assert.All(portfolio.Instruments, i => Assert.Equal("buy-and-hold-long", i.Signal.Name));
        Assert.All(portfolio.Instruments, i => Assert.Equal("none", i.Stop.Name));
        Assert.All(portfolio.Instruments, i => Assert.Equal(1.0, i.Weight));
        Assert.Equal(Path.GetFullPath("/specs/folder/eth/prices.parquet"), portfolio.Instruments[1].Data.PricesPath);
        Assert.Equal(0.005, portfolio.Instruments[1].Terms.MaintenanceMarginRate);
        Assert.Equal("$.instruments[1]", portfolio.Instruments[1].JsonPath);

        // The single-instrument view is instrument 0 with the account's terms, so plans and sweeps read one shape.
        Assert.Equal(portfolio.Instruments[0].Data, spec.Data);
        Assert.Equal("cross", spec.Instrument.MarginMode);
        Assert.Equal("fixed-leverage", spec.Strategy.Sizing.Name);
        Assert.Equal(3, spec.Sweep[0].Count);
    }

    [Fact]
    public void Account_rules_window_and_fees_come_from_the_portfolio_section()
    {
        var spec = Parse(s =>
        {
            s["portfolio"] = new JsonObject
            {
                ["marginMode"] = "isolated",
                ["sizing"] = new JsonObject { ["rule"] = "inverseVolatility", ["lookbackBars"] = 48 },
                ["rebalancing"] = new JsonObject { ["rule"] = "periodic", ["everyBars"] = 24 },
                ["from"] = "2020-03-01",
                ["to"] = "2020-04-01",
                ["takerFeeRate"] = 0.0004,
                ["slippage"] = new JsonObject { ["basisPoints"] = 2 },
            };
            s["instruments"]![1]!["signal"] = new JsonObject { ["name"] = "buy-and-hold-short" };
            s["instruments"]![1]!["stop"] = "none";
        });
        var portfolio = spec.Portfolio!;
        Assert.Equal("isolated", portfolio.MarginMode);
        Assert.Equal(("inverseVolatility", 48), (portfolio.Sizing, portfolio.VolatilityLookbackBars));
        Assert.Equal(("periodic", 24), (portfolio.Rebalancing, portfolio.RebalanceEveryBars));
        Assert.Equal("buy-and-hold-short", portfolio.Instruments[1].Signal.Name);
        long march = new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long april = new DateTimeOffset(2020, 4, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.All(portfolio.Instruments, i => Assert.Equal((march, april), (i.Data.FromMs!.Value, i.Data.ToMs!.Value)));
        Assert.All(portfolio.Instruments, i => Assert.Equal(0.0004, i.Terms.TakerFeeRate));
        Assert.All(portfolio.Instruments, i => Assert.Equal(2, i.Terms.SlippageBasisPoints));
        Assert.Equal(0.0004, spec.Instrument.TakerFeeRate);
    }

    [Fact]
    public void Fixed_sizing_reads_each_weight_and_band_rebalancing_its_band()
    {
        var spec = Parse(s =>
        {
            s["portfolio"] = new JsonObject { ["sizing"] = "fixed", ["rebalancing"] = new JsonObject { ["rule"] = "band", ["band"] = 0.05 } };
            s["instruments"]![0]!["weight"] = 3;
            s["instruments"]![1]!["weight"] = 1;
        });
        Assert.Equal([3.0, 1.0], spec.Portfolio!.Instruments.Select(i => i.Weight));
        Assert.Equal(("band", 0.05), (spec.Portfolio.Rebalancing, spec.Portfolio.RebalanceBand));
    }

    [Fact]
    public void An_inverse_portfolio_names_its_settlement_coin()
    {
        var spec = Parse(s =>
        {
            foreach (var item in s["instruments"]!.AsArray())
            {
                item!["contract"] = "inverse";
                item["contractSize"] = 100;
                item["settlementAsset"] = "BTC";
            }
        });
        Assert.All(spec.Portfolio!.Instruments, i => Assert.Equal(("inverse", 100.0, "BTC"), (i.Terms.Contract, i.Terms.ContractSize, i.SettlementAsset)));
        Assert.Equal("inverse", spec.Instrument.Contract);
    }

    [Theory]
    [InlineData("data", "$.data")]
    [InlineData("instrument", "$.instrument")]
    [InlineData("strategy", "$.strategy")]
    public void Single_instrument_sections_are_rejected_beside_instruments(string section, string path)
    {
        var error = Reject(s => s[section] = new JsonObject());
        Assert.Equal(path, error.JsonPath);
        Assert.Contains("per instrument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_portfolio_section_without_instruments_is_rejected()
    {
        var error = SpecFixtures.Reject(s => s["portfolio"] = new JsonObject { ["marginMode"] = "cross" });
        Assert.Equal("$.portfolio", error.JsonPath);
    }

    [Fact]
    public void The_single_instrument_spec_is_read_as_before()
    {
        var spec = SpecFixtures.Parse(_ => { });
        Assert.Null(spec.Portfolio);
        Assert.Equal("isolated", spec.Instrument.MarginMode);
    }

    public static TheoryData<string, string, string> Errors() => new()
    {
        { """{"instruments": []}""", "$.instruments", "non-empty array" },
        { """{"instruments": [{"mark": "m.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}]}""", "$.instruments[0].prices", "required" },
        { """{"instruments": [{"prices": "p.parquet"}]}""", "$.instruments[0].tiers", "required" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "takerFeeRate": 0.001}]}""", "$.instruments[0].takerFeeRate", "$.portfolio.takerFeeRate" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "marginMode": "cross"}]}""", "$.instruments[0].marginMode", "$.portfolio.marginMode" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "from": "2020-01-01"}]}""", "$.instruments[0].from", "window" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "weight": 2}]}""", "$.instruments[0].weight", "fixed" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"sizing": "fixed"}}""", "$.instruments[0].weight", "required" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "bogus": 1}]}""", "$.instruments[0].bogus", "unknown property" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "contract": "inverse", "contractSize": 100}]}""", "$.instruments[0].settlementAsset", "required" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "settlementAsset": "BTC"}]}""", "$.instruments[0].settlementAsset", "inverse" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}, {"prices": "q.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50, "contract": "inverse", "contractSize": 100, "settlementAsset": "BTC"}]}""", "$.instruments[1]", "one settlement asset" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"marginMode": "portfolio"}}""", "$.portfolio.marginMode", "cross" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"sizing": "kelly"}}""", "$.portfolio.sizing", "inverseVolatility" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"sizing": {"rule": "equal", "lookbackBars": 30}}}""", "$.portfolio.sizing.lookbackBars", "inverse-volatility" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"rebalancing": "periodic"}}""", "$.portfolio.rebalancing", "everyBars" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"rebalancing": {"rule": "periodic", "everyBars": 0.5}}}""", "$.portfolio.rebalancing.everyBars", "whole number" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"rebalancing": {"rule": "band", "band": 1.5}}}""", "$.portfolio.rebalancing.band", "0 < band < 1" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"from": "2020-02-01", "to": "2020-01-01"}}""", "$.portfolio.to", "later" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "portfolio": {"leverage": 3}}""", "$.portfolio.leverage", "unknown property" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "sweep": {"stop.distance": [0.1]}}""", "$.sweep['stop.distance']", "cannot sweep" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "sweep": {"isolatedAllocation": [0.5]}}""", "$.sweep.isolatedAllocation", "cannot sweep" },
        { """{"instruments": [{"prices": "p.parquet", "maintenanceMarginRate": 0.005, "maxLeverage": 50}], "fill": "barClose"}""", "$.fill", "next bar's open" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Errors_name_the_field(string fragment, string path, string hint)
    {
        var spec = JsonNode.Parse(fragment)!.AsObject();
        spec["name"] = "bad";
        spec["initialCapital"] = 1000;
        var error = Assert.Throws<ExperimentSpecException>(() => SpecFixtures.Parse(spec));
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_instrument_signal_and_stop_is_checked_against_the_catalog()
    {
        var spec = Parse(s => s["instruments"]![1]!["signal"] = "no-such-signal");
        var error = Assert.Throws<ExperimentSpecException>(() => ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog()));
        Assert.StartsWith("$.instruments[1].signal", error.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_binds_each_instrument_signal_and_stop()
    {
        var spec = Parse(s => s["instruments"]![1]!["signal"] = "buy-and-hold-short");
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        Assert.Equal(["buy-and-hold-long", "buy-and-hold-short"], plan.InstrumentSignals.Select(s => s.Descriptor.Name));
        Assert.Equal(["none", "none"], plan.InstrumentStops.Select(s => s.Descriptor.Name));
        Assert.Equal(3, plan.RunCount);
        Assert.Equal(5, plan.GetRun(2).Leverage);
    }

    [Fact]
    public void The_schema_lists_exactly_the_properties_of_a_portfolio_instrument_and_section()
    {
        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(ExampleSpecTests.RepositoryRoot(), "strategies", "experiment.schema.json"))).RootElement.GetProperty("$defs");
        static string[] Properties(JsonElement objectSchema) => objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        static string[] Allowed(ExperimentSpecException error)
        {
            string marker = "allowed here: ";
            return error.Message[(error.Message.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].TrimEnd('.').Split(", ").Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(Properties(schema.GetProperty("portfolioInstrument")), Allowed(Reject(s => s["instruments"]![0]!["bogus"] = 1)));
        Assert.Equal(Properties(schema.GetProperty("portfolio")), Allowed(Reject(s => s["portfolio"] = new JsonObject { ["bogus"] = 1 })));
    }
}
