using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class SimulationSettingsFactoryTests
{
    private static SimulationSettings Settings(Action<JsonObject> change, int runIndex = 0)
    {
        var plan = ExperimentPlan.Create(SpecFixtures.Parse(change), BuiltInStrategies.CreateCatalog());
        return SimulationSettingsFactory.Create(plan.Spec, plan.GetRun(runIndex), LeverageBracketSchedule.FlatRate(0.004, 125));
    }

    [Fact]
    public void Defaults_map_to_the_engine_defaults()
    {
        var settings = Settings(_ => { });
        var engineDefaults = new SimulationSettings { Brackets = settings.Brackets };
        Assert.Equal(engineDefaults with { InitialCapital = 10_000 }, settings);
    }

    [Fact]
    public void Every_spec_word_maps_to_its_engine_value()
    {
        var settings = Settings(s =>
        {
            s["instrument"]!["marginMode"] = "cross";
            s["instrument"]!["clearanceFeeRate"] = 0.005;
            s["instrument"]!["slippage"] = new JsonObject { ["basisPoints"] = 1.5, ["volatilityMultiplier"] = 0.2, ["lookbackBars"] = 24 };
            s["fill"] = "barClose";
            s["stopTrigger"] = "markPrice";
            s["takeProfit"] = 0.3;
            s["overLeverage"] = "reject";
            s["afterLiquidation"] = "endRun";
            s["leverage"] = 4;
        });
        Assert.Equal(MarginMode.Cross, settings.MarginMode);
        Assert.Equal(0.005, settings.ClearanceFeeRate);
        Assert.Equal(SlippageModel.VolatilityProportional(0.2, 24, 1.5), settings.Slippage);
        Assert.Equal(FillTiming.BarClose, settings.Fill);
        Assert.Equal(PriceSource.MarkPrice, settings.StopTrigger);
        Assert.Equal(0.3, settings.TakeProfitFraction);
        Assert.Equal(OverLeveragePolicy.Reject, settings.OverLeveragePolicy);
        Assert.Equal(AfterLiquidationPolicy.EndRun, settings.AfterLiquidationPolicy);
        Assert.Equal(4, settings.Leverage);
    }

    [Fact]
    public void Setting_axes_override_the_instrument_per_run()
    {
        Action<JsonObject> change = s => s["sweep"] = new JsonObject
        {
            ["initialCapital"] = new JsonArray(500, 1000),
            ["isolatedAllocation"] = new JsonArray(0.5),
            ["takerFeeRate"] = new JsonArray(0.0004),
            ["makerFeeRate"] = new JsonArray(0.0001),
            ["slippageBasisPoints"] = new JsonArray(3),
        };
        var settings = Settings(change, runIndex: 1);
        Assert.Equal(1000, settings.InitialCapital);
        Assert.Equal(0.5, settings.IsolatedAllocation);
        Assert.Equal(0.0004, settings.TakerFeeRate);
        Assert.Equal(0.0001, settings.MakerFeeRate);
        Assert.Equal(SlippageModel.Fixed(3), settings.Slippage);
    }

    [Fact]
    public void Every_vocabulary_word_has_an_engine_counterpart()
    {
        Assert.Equal(Enum.GetNames<MarginMode>().Select(Camel), SpecVocabulary.MarginModes);
        Assert.Equal(Enum.GetNames<FillTiming>().Select(Camel), SpecVocabulary.FillPolicies);
        Assert.Equal(Enum.GetNames<PriceSource>().Select(Camel), SpecVocabulary.StopTriggers);
        Assert.Equal(Enum.GetNames<OverLeveragePolicy>().Select(Camel), SpecVocabulary.OverLeveragePolicies);
        Assert.Equal(Enum.GetNames<AfterLiquidationPolicy>().Select(Camel), SpecVocabulary.AfterLiquidationPolicies);
    }

    [Fact]
    public void Missing_tier_file_is_file_not_found()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SimulationSettingsFactory.LoadBrackets(new InstrumentSpec { TiersPath = "/nonexistent/tiers.json" }));
        Assert.Contains("/nonexistent/tiers.json", error.Message, StringComparison.Ordinal);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
