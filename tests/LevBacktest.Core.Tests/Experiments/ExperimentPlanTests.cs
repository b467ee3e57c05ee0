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
}
