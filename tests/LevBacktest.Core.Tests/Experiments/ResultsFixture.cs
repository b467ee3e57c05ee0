using System.Text.Json.Nodes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Margin;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>A small finished sweep (with trades, stops, liquidations and funding) and its provenance.</summary>
internal static class ResultsFixture
{
    private static readonly Lazy<(ExperimentOutcome Outcome, ResultsProvenance Provenance)> Shared = new(Build);

    public static ExperimentOutcome Outcome => Shared.Value.Outcome;

    public static ResultsProvenance Provenance => Shared.Value.Provenance;

    private static (ExperimentOutcome, ResultsProvenance) Build()
    {
        var market = SyntheticMarket.Create(bars: 1500);
        var spec = SpecFixtures.Parse(s =>
        {
            s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 12, ["slow"] = 48 } };
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject
            {
                ["leverage"] = new JsonArray(1, 10, 80),
                ["stop.distance"] = new JsonArray(0.02, 0.5),
                ["signal.kind"] = new JsonArray("sma", "ema"),
            };
        });
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        var outcome = ExperimentRunner.Run(plan, market, LeverageBracketSchedule.FlatRate(0.004, 125), new ExperimentRunOptions(), CancellationToken.None);
        var times = market.OpenTimeMs.Span;
        var report = new DataValidationReport
        {
            Symbol = market.Symbol,
            BarIntervalMs = market.BarIntervalMs,
            BarCount = market.Count,
            FirstOpenTimeMs = times[0],
            LastOpenTimeMs = times[^1],
            Gaps = [],
            HasMarkFile = true,
            MarkFallbackBarCount = 0,
            MarkFallbackSpans = [],
            MarkBarsWithoutPriceBar = 0,
            BarsTrimmedToMark = 0,
            FundingEventCount = market.Funding.Count,
            FundingEventsOutsideBars = 0,
            FundingIntervals = [],
            FundingEventsWithJitter = 0,
            Warnings = ["a test warning"],
        };
        var files = new[] { new DataFileFingerprint(spec.Data.PricesPath, new string('a', 64), market.Count, times[0], times[^1]) };
        var provenance = new ResultsProvenance
        {
            ToolVersion = "levbt test",
            LoadedData = new LoadedMarketData(market, report, files),
            Overrides = new Dictionary<string, string> { ["from"] = "2020-01-01T00:00:00Z" },
        };
        return (outcome, provenance);
    }
}
