using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.MonteCarlo;
using LevBacktest.Core.Tests.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.MonteCarlo;

public sealed class MonteCarloRunnerTests
{
    private static readonly LeverageBracketSchedule Flat = LeverageBracketSchedule.FlatRate(0.004, 125);

    private static ExperimentPlan Plan() => ExperimentPlan.Create(
        SpecFixtures.Parse(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(2, 10, 40) }),
        BuiltInStrategies.CreateCatalog());

    [Fact]
    public void Rows_are_identical_whatever_the_threads_and_shards()
    {
        var plan = Plan();
        var generator = new StationaryBlockBootstrap(SyntheticMarket.Create(bars: 1500), 400, 30);
        MonteCarloOutcome Run(int threads, SweepShard shard)
            => MonteCarloRunner.Run(plan, generator, Flat, 37, 99, new MonteCarloRunOptions { MaxDegreeOfParallelism = threads, Shard = shard }, CancellationToken.None);
        var one = Run(1, SweepShard.All);
        Assert.Equal(37 * 3, one.Rows.Length);
        Assert.Equal(one.Rows, Run(2, SweepShard.All).Rows);
        Assert.Equal(one.Rows, Run(5, SweepShard.All).Rows);
        var pieces = Enumerable.Range(0, 4).Select(i => Run(2, new SweepShard(i, 4))).ToArray();
        Assert.Equal(one.Rows, pieces.SelectMany(p => p.Rows).ToArray());
        Assert.Equal([0, 9, 18, 27], pieces.Select(p => p.FirstPath));

        // Leverage matters on every path: 40x is liquidated more often than 2x.
        Assert.True(RunRiskSummary.Compute(one.Rows, 3, 2).LiquidatedPaths > RunRiskSummary.Compute(one.Rows, 3, 0).LiquidatedPaths);
    }

    [Fact]
    public void Wilson_interval_matches_hand_computed_values()
    {
        // k = 0 of n = 10: [0, z²/(n + z²)] = [0, 0.27753].
        var (lower, upper) = RiskStatistics.WilsonInterval(0, 10);
        Assert.Equal(0, lower);
        Assert.Equal(3.8414588 / 13.8414588, upper, 6);

        // k = 5 of 10: centre 0.5, half-width z/(1 + z²/n)·√(0.025 + z²/400) = 0.263407.
        (lower, upper) = RiskStatistics.WilsonInterval(5, 10);
        Assert.Equal(0.5 - 0.2634069, lower, 6);
        Assert.Equal(0.5 + 0.2634069, upper, 6);
    }

    [Fact]
    public void Quantiles_and_expected_shortfall_follow_their_definitions()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
        Assert.Equal(11, RiskStatistics.Quantile(sorted, 0.5));
        Assert.Equal(2, RiskStatistics.Quantile(sorted, 0.05)); // h = 20 · 0.05 = 1
        Assert.Equal(5.5, RiskStatistics.Quantile(sorted, 0.225)); // h = 4.5: halfway between 5 and 6
        Assert.Equal(1.5, RiskStatistics.ExpectedShortfall(sorted, 0.05)); // ⌈1.05⌉ = 2 worst: (1 + 2) / 2
        Assert.Equal(1, RiskStatistics.ExpectedShortfall(sorted, 0.01));
    }

    [Fact]
    public void The_summary_of_a_run_counts_liquidations_losses_and_times()
    {
        PathRunResult[] rows =
        [
            new(true, 10, 0, -1, 1, 5),
            new(false, double.NaN, 12_000, 0.2, 0.1, 1),
            new(true, 30, 0, -1, 1, 3),
            new(false, double.NaN, 4_000, -0.6, 0.7, 1),
        ];
        var risk = RunRiskSummary.Compute(rows, 1, 0);
        Assert.Equal(2, risk.LiquidatedPaths);
        Assert.Equal(0.5, risk.LiquidationProbability);
        Assert.Equal(0.75, risk.ProbabilityLossOverHalf);
        Assert.Equal(20, risk.MedianTimeToLiquidationDays);
        Assert.Equal(2.5, risk.MeanFundingPaid);
        Assert.Equal(2_000, risk.FinalEquityQuantiles[2]);
        Assert.Equal(0, risk.ExpectedShortfall5);
    }
}
