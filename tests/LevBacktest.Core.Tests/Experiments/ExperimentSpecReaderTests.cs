using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class ExperimentSpecReaderTests
{
    [Fact]
    public void Minimal_spec_takes_the_documented_defaults()
    {
        var spec = SpecFixtures.Parse(SpecFixtures.Minimal());

        Assert.Equal("test", spec.Name);
        Assert.Equal(Path.GetFullPath("/specs/folder/prices.parquet"), spec.Data.PricesPath);
        Assert.Null(spec.Data.MarkPath);
        Assert.Equal("fallBackToLastPrice", spec.Data.MissingMark);
        Assert.Equal(0.004, spec.Instrument.MaintenanceMarginRate);
        Assert.Equal(125, spec.Instrument.MaxLeverage);
        Assert.Equal(0.0005, spec.Instrument.TakerFeeRate);
        Assert.Equal(0.0002, spec.Instrument.MakerFeeRate);
        Assert.Equal(0.0, spec.Instrument.SlippageBasisPoints);
        Assert.True(double.IsNaN(spec.Instrument.SlippageVolatilityMultiplier));
        Assert.Equal("isolated", spec.Instrument.MarginMode);
        Assert.Equal(1.0, spec.Instrument.IsolatedAllocation);
        Assert.Equal(10_000, spec.InitialCapital);
        Assert.Equal(1.0, spec.Leverage);
        Assert.Equal("none", spec.Strategy.Stop.Name);
        Assert.Equal("nextOpen", spec.Execution.Fill);
        Assert.Equal("reEnter", spec.Execution.AfterLiquidation);
        Assert.Empty(spec.Sweep);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_spec_folder_and_absolute_paths_stay()
    {
        var spec = SpecFixtures.Parse(s =>
        {
            s["data"]!["prices"] = "../data/p.parquet";
            s["data"]!["mark"] = "/abs/mark.parquet";
            s["instrument"] = new JsonObject { ["tiers"] = "tiers/btc.json" };
        });

        Assert.Equal(Path.GetFullPath("/specs/data/p.parquet"), spec.Data.PricesPath);
        Assert.Equal(Path.GetFullPath("/abs/mark.parquet"), spec.Data.MarkPath);
        Assert.Equal(Path.GetFullPath("/specs/folder/tiers/btc.json"), spec.Instrument.TiersPath);
        Assert.True(double.IsNaN(spec.Instrument.MaintenanceMarginRate));
    }

    [Fact]
    public void Data_window_resampling_and_columns_bind()
    {
        var spec = SpecFixtures.Parse(s =>
        {
            s["data"]!["from"] = "2020-01-01";
            s["data"]!["to"] = "2020-01-02T12:00:00Z";
            s["data"]!["resample"] = "4h";
            s["data"]!["timeUnit"] = "us";
            s["data"]!["symbol"] = "BTCUSDT";
            s["data"]!["columns"] = new JsonObject
            {
                ["prices"] = new JsonObject { ["time"] = "ts" },
                ["funding"] = new JsonObject { ["fundingRate"] = "rate" },
            };
        });

        Assert.Equal(1_577_836_800_000, spec.Data.FromMs); // 2020-01-01T00:00:00Z
        Assert.Equal(1_577_836_800_000 + (36 * 3_600_000L), spec.Data.ToMs);
        Assert.Equal(4 * 3_600_000L, spec.Data.ResampleIntervalMs);
        Assert.Equal("us", spec.Data.TimeUnit);
        Assert.Equal("BTCUSDT", spec.Data.Symbol);
        Assert.Equal("ts", spec.Data.PriceColumns["time"]);
        Assert.Equal("rate", spec.Data.FundingColumns["fundingRate"]);
        Assert.Empty(spec.Data.MarkColumns);
    }

    [Fact]
    public void Strategy_components_take_a_name_or_an_object_with_parameters()
    {
        var spec = SpecFixtures.Parse(s =>
        {
            s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 20, ["kind"] = "ema", ["flag"] = true } };
            s["strategy"]!["stop"] = "trailing";
        });

        var signal = spec.Strategy.Signal;
        Assert.Equal("ma-cross", signal.Name);
        Assert.Equal(20, signal.Parameters["fast"].Number);
        Assert.Equal("ema", signal.Parameters["kind"].Text);
        Assert.True(signal.Parameters["flag"].Boolean);
        Assert.Equal("trailing", spec.Strategy.Stop.Name);
        Assert.Equal("$.strategy.stop", spec.Strategy.Stop.JsonPath);
    }

    [Fact]
    public void Sweep_axes_keep_spec_order_and_ranges_include_the_end()
    {
        var spec = SpecFixtures.Parse(s => s["sweep"] = new JsonObject
        {
            ["leverage"] = new JsonObject { ["from"] = 1, ["to"] = 2, ["step"] = 0.1 },
            ["stop.percent"] = new JsonArray(0.02, 0.05),
            ["takerFeeRate"] = new JsonArray(0.0004),
        });

        Assert.Equal(["leverage", "stop.percent", "takerFeeRate"], spec.Sweep.Select(a => a.Name));
        var leverage = spec.Sweep[0];
        Assert.Equal(SweepAxisTarget.Leverage, leverage.Target);
        Assert.Equal(11, leverage.Count);
        Assert.Equal(0.3 + 1, leverage.Values[3].Number);
        Assert.Equal("1.3", leverage.Values[3].ToString());
        Assert.Equal(2.0, leverage.Values[10].Number);
        var stop = spec.Sweep[1];
        Assert.Equal(SweepAxisTarget.StrategyParameter, stop.Target);
        Assert.Equal(StrategyComponentRole.Stop, stop.Role);
        Assert.Equal("percent", stop.Parameter);
        Assert.Equal("$.sweep['stop.percent']", stop.JsonPath);
        Assert.Equal(SweepAxisTarget.Setting, spec.Sweep[2].Target);
    }

    [Fact]
    public void A_component_axis_holds_whole_components()
    {
        var spec = SpecFixtures.Parse(s => s["sweep"] = new JsonObject
        {
            ["sizing"] = new JsonArray("fixed-leverage", new JsonObject { ["name"] = "vol-target", ["parameters"] = new JsonObject { ["targetVolatility"] = 0.5 } }),
        });

        var axis = Assert.Single(spec.Sweep);
        Assert.Equal(SweepAxisTarget.StrategyComponent, axis.Target);
        Assert.Equal(["fixed-leverage", "vol-target(targetVolatility=0.5)"], axis.Values.Select(v => v.Text));
        Assert.Equal(0.5, axis.Components![1].Parameters["targetVolatility"].Number);
        Assert.Equal("$.sweep.sizing[1]", axis.Components[1].JsonPath);
    }

    [Theory]
    [InlineData("signal", "$.strategy.signal.name")]
    [InlineData("sizing", "$.strategy.sizing.name")]
    public void Missing_component_name_is_reported_with_its_path(string role, string path)
    {
        var error = SpecFixtures.Reject(s => s["strategy"]![role] = new JsonObject { ["parameters"] = new JsonObject() });
        Assert.Equal(path, error.JsonPath);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_property_is_rejected_with_its_path_and_the_allowed_names()
    {
        var error = SpecFixtures.Reject(s => s["instrument"]!["takerFee"] = 0.001);
        Assert.Equal("$.instrument.takerFee", error.JsonPath);
        Assert.Contains("takerFeeRate", error.Message, StringComparison.Ordinal);

        error = SpecFixtures.Reject(s => s["levrage"] = 3);
        Assert.Equal("$.levrage", error.JsonPath);
        Assert.StartsWith("$.levrage: unknown property 'levrage'; allowed here:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_and_ranges_name_the_path()
    {
        Assert.Equal("$.initialCapital", SpecFixtures.Reject(s => s["initialCapital"] = "lots").JsonPath);
        Assert.Equal("$.initialCapital", SpecFixtures.Reject(s => s["initialCapital"] = -1).JsonPath);
        Assert.Equal("$.instrument.isolatedAllocation", SpecFixtures.Reject(s => s["instrument"]!["isolatedAllocation"] = 1.5).JsonPath);
        Assert.Equal("$.instrument.takerFeeRate", SpecFixtures.Reject(s => s["instrument"]!["takerFeeRate"] = -0.1).JsonPath);
        Assert.Equal("$.data.prices", SpecFixtures.Reject(s => s["data"]!["prices"] = 3).JsonPath);
        Assert.Equal("$.data", SpecFixtures.Reject(s => s["data"] = new JsonArray()).JsonPath);
        Assert.Equal("$.name", SpecFixtures.Reject(s => s.Remove("name")).JsonPath);
    }

    [Fact]
    public void Wrong_enumerated_value_lists_the_valid_ones()
    {
        var error = SpecFixtures.Reject(s => s["instrument"]!["marginMode"] = "portfolio");
        Assert.Equal("$.instrument.marginMode: unknown value 'portfolio'; valid values: isolated, cross.", error.Message);
        Assert.Equal("$.fill", SpecFixtures.Reject(s => s["fill"] = "close").JsonPath);
        Assert.Equal("$.data.missingMark", SpecFixtures.Reject(s => s["data"]!["missingMark"] = "guess").JsonPath);
    }

    [Fact]
    public void Inverse_contract_needs_a_contract_size_and_a_linear_one_refuses_it()
    {
        var inverse = SpecFixtures.Parse(s => { s["instrument"]!["contract"] = "inverse"; s["instrument"]!["contractSize"] = 100; });
        Assert.Equal("inverse", inverse.Instrument.Contract);
        Assert.Equal(100, inverse.Instrument.ContractSize);
        Assert.Equal("linear", SpecFixtures.Parse(_ => { }).Instrument.Contract);

        Assert.Equal("$.instrument.contractSize", SpecFixtures.Reject(s => s["instrument"]!["contract"] = "inverse").JsonPath);
        Assert.Equal("$.instrument.contractSize", SpecFixtures.Reject(s => { s["instrument"]!["contract"] = "inverse"; s["instrument"]!["contractSize"] = 0; }).JsonPath);
        Assert.Equal("$.instrument.contractSize", SpecFixtures.Reject(s => s["instrument"]!["contractSize"] = 100).JsonPath);
        Assert.Equal("$.instrument.contract", SpecFixtures.Reject(s => s["instrument"]!["contract"] = "quanto").JsonPath);
    }

    [Fact]
    public void Slippage_is_fixed_basis_points_or_volatility_proportional()
    {
        var fixedSlippage = SpecFixtures.Parse(s => s["instrument"]!["slippage"] = new JsonObject { ["basisPoints"] = 2 });
        Assert.Equal(2, fixedSlippage.Instrument.SlippageBasisPoints);
        Assert.True(double.IsNaN(fixedSlippage.Instrument.SlippageVolatilityMultiplier));
        var proportional = SpecFixtures.Parse(s => s["instrument"]!["slippage"] = new JsonObject { ["basisPoints"] = 1, ["volatilityMultiplier"] = 0.1, ["lookbackBars"] = 24 });
        Assert.Equal(0.1, proportional.Instrument.SlippageVolatilityMultiplier);
        Assert.Equal(24, proportional.Instrument.SlippageLookbackBars);
        Assert.Equal("$.instrument.slippage.lookbackBars", SpecFixtures.Reject(s => s["instrument"]!["slippage"] = new JsonObject { ["volatilityMultiplier"] = 0.1 }).JsonPath);
        Assert.Equal("$.instrument.slippage.lookbackBars", SpecFixtures.Reject(s => s["instrument"]!["slippage"] = new JsonObject { ["lookbackBars"] = 24 }).JsonPath);
        Assert.Equal("$.instrument.slippage.bps", SpecFixtures.Reject(s => s["instrument"]!["slippage"] = new JsonObject { ["bps"] = 1 }).JsonPath);
    }

    [Fact]
    public void Unknown_column_role_lists_the_roles_of_that_file()
    {
        var error = SpecFixtures.Reject(s => s["data"]!["columns"] = new JsonObject { ["funding"] = new JsonObject { ["open"] = "o" } });
        Assert.Equal("$.data.columns.funding.open", error.JsonPath);
        Assert.Contains("time, fundingRate, fundingMarkPrice, symbol", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.data.columns.trades", SpecFixtures.Reject(s => s["data"]!["columns"] = new JsonObject { ["trades"] = new JsonObject() }).JsonPath);
    }

    [Fact]
    public void Dates_and_durations_are_checked()
    {
        Assert.Equal("$.data.from", SpecFixtures.Reject(s => s["data"]!["from"] = "01/02/2020").JsonPath);
        Assert.Equal("$.data.from", SpecFixtures.Reject(s => s["data"]!["from"] = "2020-01-01T00:00:00").JsonPath); // no zone: ambiguous
        Assert.Equal("$.data.to", SpecFixtures.Reject(s => { s["data"]!["from"] = "2021-01-01"; s["data"]!["to"] = "2020-01-01"; }).JsonPath);
        Assert.Equal("$.data.resample", SpecFixtures.Reject(s => s["data"]!["resample"] = "4 hours").JsonPath);
    }

    [Fact]
    public void Tier_file_and_flat_rate_are_exclusive_and_one_is_required()
    {
        Assert.Equal("$.instrument.maintenanceMarginRate", SpecFixtures.Reject(s => s["instrument"]!["tiers"] = "t.json").JsonPath);
        Assert.Equal("$.instrument.tiers", SpecFixtures.Reject(s => s["instrument"] = new JsonObject()).JsonPath);
        Assert.Equal("$.instrument.maxLeverage", SpecFixtures.Reject(s => s["instrument"] = new JsonObject { ["maintenanceMarginRate"] = 0.01 }).JsonPath);
    }

    [Fact]
    public void Bad_sweep_axes_name_the_axis_or_the_value()
    {
        var error = SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["lev"] = new JsonArray(1) });
        Assert.Equal("$.sweep.lev", error.JsonPath);
        Assert.Contains("valid axes: leverage", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.sweep.leverage[1]", SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 0) }).JsonPath);
        Assert.Equal("$.sweep.leverage[1]", SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, "x") }).JsonPath);
        Assert.Equal("$.sweep.leverage[2]", SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 2, 1) }).JsonPath);
        Assert.Equal("$.sweep.leverage", SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray() }).JsonPath);
        Assert.Equal("$.sweep.leverage.step", SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonObject { ["from"] = 1, ["to"] = 2, ["step"] = 0 } }).JsonPath);
        Assert.Equal("$.sweep['stop.percent']", SpecFixtures.Reject(s => s["sweep"] = new JsonObject { ["stop"] = new JsonArray("fixed-percent"), ["stop.percent"] = new JsonArray(0.1) }).JsonPath);
    }

    [Fact]
    public void Duplicate_property_and_invalid_json_are_reported()
    {
        var duplicate = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecReader.Parse("""{"name":"a","name":"b"}""", "/"));
        Assert.Equal("$.name", duplicate.JsonPath);
        var syntax = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecReader.Parse("{\"name\": \n ,}", "/"));
        Assert.Equal("$", syntax.JsonPath);
        Assert.Contains("line 2", syntax.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_file_prefixes_the_file_name_and_missing_file_is_file_not_found()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-spec").FullName;
        try
        {
            string path = Path.Combine(folder, "bad.json");
            var spec = SpecFixtures.Minimal();
            spec["strategy"]!["signal"] = new JsonObject();
            File.WriteAllText(path, spec.ToJsonString());
            var error = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecReader.ReadFile(path));
            Assert.Equal($"{path}: $.strategy.signal.name: required property is missing.", error.Message);
            Assert.Throws<FileNotFoundException>(() => ExperimentSpecReader.ReadFile(Path.Combine(folder, "absent.json")));

            File.WriteAllText(path, SpecFixtures.Minimal().ToJsonString());
            var ok = ExperimentSpecReader.ReadFile(path);
            Assert.Equal(Path.Combine(folder, "prices.parquet"), ok.Data.PricesPath);
            Assert.Equal(path, ok.SourcePath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
