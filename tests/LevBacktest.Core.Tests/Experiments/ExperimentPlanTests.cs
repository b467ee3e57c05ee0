using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class ExperimentPlanTests
{
    private static readonly StrategyCatalog Catalog = BuiltInStrategies.CreateCatalog();

    private static ExperimentPlan Plan(Action<JsonObject> change) => ExperimentPlan.Create(SpecFixtures.Parse(change), Catalog);

    private static ExperimentSpecException Reject(Action<JsonObject> change)
        => Assert.Throws<ExperimentSpecException>(() => Plan(change));

    [Fact]
    public void Single_run_binds_defaults()
    {
        var plan = Plan(_ => { });
        Assert.Equal(1, plan.RunCount);
        var run = plan.GetRun(0);
        Assert.Equal("buy-and-hold-long", run.Signal.Descriptor.Name);
        Assert.Equal("none", run.Stop.Descriptor.Name);
        Assert.Equal(1.0, run.Leverage);
        Assert.Equal(10_000, run.InitialCapital);
    }

    [Fact]
    public void Each_run_gets_its_point_of_the_product()
    {
        var plan = Plan(s =>
        {
            s["leverage"] = 7;
            s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["slow"] = 100 } };
            s["strategy"]!["stop"] = new JsonObject { ["name"] = "fixed-percent", ["parameters"] = new JsonObject { ["distance"] = 0.1 } };
            s["sweep"] = new JsonObject
            {
                ["leverage"] = new JsonArray(2, 5),
                ["stop.distance"] = new JsonArray(0.02, 0.05, 0.08),
                ["signal.fast"] = new JsonArray(10, 20),
                ["takerFeeRate"] = new JsonArray(0.0004),
            };
        });

        Assert.Equal(12, plan.RunCount);
        for (int r = 0; r < plan.RunCount; r++)
        {
            var run = plan.GetRun(r);
            Assert.Equal(r, run.RunIndex);
            Assert.Equal(r < 6 ? 2 : 5, run.Leverage);
            Assert.Equal(new[] { 0.02, 0.05, 0.08 }[r / 2 % 3], run.Stop.GetNumber("distance"));
            Assert.Equal(r % 2 == 0 ? 10 : 20, run.Signal.GetInteger("fast"));
            Assert.Equal(100, run.Signal.GetInteger("slow"));
            Assert.Equal(0.0004, run.TakerFeeRate);
        }
    }

    [Fact]
    public void A_component_axis_swaps_the_whole_component()
    {
        var plan = Plan(s =>
        {
            s["sweep"] = new JsonObject
            {
                ["stop"] = new JsonArray("none", new JsonObject { ["name"] = "fixed-percent", ["parameters"] = new JsonObject { ["distance"] = 0.03 } }),
            };
        });

        Assert.Equal("none", plan.GetRun(0).Stop.Descriptor.Name);
        Assert.Equal("fixed-percent", plan.GetRun(1).Stop.Descriptor.Name);
        Assert.Equal(0.03, plan.GetRun(1).Stop.GetNumber("distance"));
    }

    [Fact]
    public void Unknown_strategy_names_the_path_and_lists_the_valid_names()
    {
        var error = Reject(s => s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-crossover" });
        Assert.Equal("$.strategy.signal.name", error.JsonPath);
        Assert.Contains("ma-cross", error.Message, StringComparison.Ordinal);
        Assert.Contains("buy-and-hold-long", error.Message, StringComparison.Ordinal);

        Assert.Equal("$.strategy.stop.name", Reject(s => s["strategy"]!["stop"] = "trailng").JsonPath);
        Assert.Equal("$.sweep.stop[1].name", Reject(s => s["sweep"] = new JsonObject { ["stop"] = new JsonArray("none", "nothing") }).JsonPath);
    }

    [Fact]
    public void Bad_parameters_name_the_path()
    {
        var error = Reject(s => s["strategy"]!["stop"] = new JsonObject { ["name"] = "fixed-percent", ["parameters"] = new JsonObject { ["percent"] = 0.1 } });
        Assert.Equal("$.strategy.stop.parameters", error.JsonPath);
        Assert.Contains("distance", error.Message, StringComparison.Ordinal);

        error = Reject(s =>
        {
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject { ["stop.percent"] = new JsonArray(0.1) };
        });
        Assert.Equal("$.sweep['stop.percent']", error.JsonPath);
        Assert.Contains("valid parameters: distance", error.Message, StringComparison.Ordinal);

        error = Reject(s =>
        {
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject { ["stop.distance"] = new JsonArray(0.1, 1.5) };
        });
        Assert.Equal("$.sweep['stop.distance'][1]", error.JsonPath);
    }

    [Fact]
    public void Constructor_checks_run_for_every_swept_combination()
    {
        var error = Reject(s =>
        {
            s["strategy"]!["signal"] = "ma-cross";
            s["sweep"] = new JsonObject { ["signal.fast"] = new JsonArray(10, 60), ["signal.slow"] = new JsonArray(50, 100) };
        });
        Assert.Equal("$.sweep", error.JsonPath);
        Assert.Contains("signal.fast = 60, signal.slow = 50", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("time")]
    [InlineData("liquidation-fraction")]
    public void Fixed_fractional_sizing_is_rejected_with_a_stop_that_gives_no_price_at_entry(string stop)
    {
        var error = Reject(s =>
        {
            s["strategy"]!["sizing"] = "fixed-fractional";
            s["strategy"]!["stop"] = stop;
        });

        Assert.Equal("$.strategy.stop", error.JsonPath);
        Assert.Equal(
            $"sizing 'fixed-fractional' needs a stop price at entry, before the position is sized, which stop-loss '{stop}' does not give; "
            + "choose a stop-loss rule that does (fixed-percent, atr, trailing-percent, chandelier) or another sizing rule.",
            error.Problem);
    }

    [Fact]
    public void Fixed_fractional_sizing_without_any_stop_names_the_absent_stop_block()
    {
        var error = Reject(s => s["strategy"]!["sizing"] = "fixed-fractional");
        Assert.Equal("$.strategy.stop", error.JsonPath);
        Assert.Contains("stop-loss 'none' does not give", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixed-percent")]
    [InlineData("atr")]
    [InlineData("trailing-percent")]
    [InlineData("chandelier")]
    public void Fixed_fractional_sizing_is_accepted_with_a_stop_that_has_a_price_at_entry(string stop)
    {
        var plan = Plan(s =>
        {
            s["strategy"]!["sizing"] = "fixed-fractional";
            s["strategy"]!["stop"] = stop;
            s["sweep"] = new JsonObject { ["sizing.risk"] = new JsonArray(0.005, 0.01, 0.02), ["leverage"] = new JsonArray(2, 5) };
        });

        Assert.Equal(6, plan.RunCount);
        Assert.Equal(stop, plan.GetRun(5).Stop.Descriptor.Name);
    }

    [Fact]
    public void A_swept_stop_that_gives_no_price_names_its_sweep_element_and_the_first_run()
    {
        var error = Reject(s =>
        {
            s["strategy"]!["sizing"] = "fixed-fractional";
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject
            {
                ["leverage"] = new JsonArray(2, 5),
                ["stop"] = new JsonArray("fixed-percent", "atr", new JsonObject { ["name"] = "time", ["parameters"] = new JsonObject { ["bars"] = 12 } }),
            };
        });

        // Runs are numbered with the first axis slowest: leverage 2 → runs 0–2, the third stop is run 2.
        Assert.Equal("$.sweep.stop[2]", error.JsonPath);
        Assert.Contains("stop-loss 'time' does not give (first in run 2: stop = time(bars=12));", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_swept_sizing_that_needs_a_stop_price_names_the_stop_and_the_run_values()
    {
        var error = Reject(s =>
        {
            s["sweep"] = new JsonObject
            {
                ["sizing"] = new JsonArray("fixed-leverage", "vol-target", new JsonObject { ["name"] = "fixed-fractional", ["parameters"] = new JsonObject { ["risk"] = 0.02 } }),
                ["leverage"] = new JsonArray(1, 3, 10),
            };
        });

        Assert.Equal("$.strategy.stop", error.JsonPath);
        Assert.Contains("sizing 'fixed-fractional' needs a stop price at entry", error.Problem, StringComparison.Ordinal);
        Assert.Contains("(first in run 6: sizing = fixed-fractional(risk=0.02))", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_combinations_that_occur_are_rejected()
    {
        // Swept sizing and swept stop: fixed-fractional meets 'none' at sizing[1] × stop[0], i.e. run 2 of 2 × 2.
        var error = Reject(s =>
        {
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject
            {
                ["sizing"] = new JsonArray("fixed-leverage", "fixed-fractional"),
                ["stop"] = new JsonArray("none", "atr"),
            };
        });
        Assert.Equal("$.sweep.stop[0]", error.JsonPath);
        Assert.Contains("(first in run 2: sizing = fixed-fractional, stop = none)", error.Problem, StringComparison.Ordinal);

        // A sizing that needs nothing goes with every stop, and fixed-fractional with the stops that have a price.
        var plan = Plan(s => s["sweep"] = new JsonObject
        {
            ["sizing"] = new JsonArray("fixed-leverage", "vol-target", "liquidation-aware"),
            ["stop"] = new JsonArray("none", "time", "liquidation-fraction", "atr"),
        });
        Assert.Equal(12, plan.RunCount);
    }

    [Fact]
    public void Declarations_of_a_custom_catalog_are_checked_and_a_custom_stop_provides_an_entry_price_by_default()
    {
        var priceless = StrategyDescriptor.ForStopLoss("close-only", "Exits on the signal only.", [], _ => new PricelessStop(), provides: StrategyCapabilities.None);
        var plain = StrategyDescriptor.ForStopLoss("plain", "A stop that says nothing about its price at entry.", [], _ => new PricelessStop());
        Assert.Equal(StrategyCapabilities.EntryStopPrice, plain.Provides);
        Assert.Equal(StrategyCapabilities.None, plain.Requires);

        var catalog = BuiltInStrategies.CreateCatalog([priceless, plain]);
        var error = Assert.Throws<ExperimentSpecException>(() => ExperimentPlan.Create(
            SpecFixtures.Parse(s =>
            {
                s["strategy"]!["sizing"] = "fixed-fractional";
                s["strategy"]!["stop"] = "close-only";
            }),
            catalog));
        Assert.Contains("stop-loss 'close-only' does not give", error.Problem, StringComparison.Ordinal);
        Assert.Contains("(fixed-percent, atr, trailing-percent, chandelier, plain)", error.Problem, StringComparison.Ordinal);

        // With no stop in the catalog that gives the price, the message says to change the sizing instead.
        var sizingOnly = new StrategyCatalog([.. catalog.OfKind(StrategyKind.Signal), .. catalog.OfKind(StrategyKind.Sizing), NoStopLossDescriptor()]);
        error = Assert.Throws<ExperimentSpecException>(() => ExperimentPlan.Create(SpecFixtures.Parse(s => s["strategy"]!["sizing"] = "fixed-fractional"), sizingOnly));
        Assert.EndsWith("no registered stop-loss rule gives it, so choose another sizing rule.", error.Problem, StringComparison.Ordinal);
    }

    private static StrategyDescriptor NoStopLossDescriptor() => Catalog.Find(StrategyKind.StopLoss, "none");

    private sealed class PricelessStop : IStopLoss
    {
        public void Prepare(LevBacktest.Core.Data.MarketData data)
        {
        }

        public StopDecision Evaluate(in StopContext context) => StopDecision.None;
    }
}
