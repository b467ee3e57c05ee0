using System.Text.Json.Nodes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Regression;
using LevBacktest.Core.Tests.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Regression;

/// <summary>
/// The regression check on real sweeps: reproducible bit for bit across thread counts, and failing, with
/// the right metrics named, when the semantics of fees or funding change.
/// </summary>
public sealed class ExperimentRegressionTests
{
    private static readonly MarketData Market = SyntheticMarket.Create(bars: 2000, seed: 11);
    private static readonly LeverageBracketSchedule Flat = LeverageBracketSchedule.FlatRate(0.004, 125);

    // What the loader would report for the (synthetic) prices file; identical on both sides of each
    // comparison below, so that every difference found is about the results.
    private static readonly DataFileFingerprint[] Files = [new("prices.parquet", new string('5', 64), 2000, SyntheticMarket.Start, SyntheticMarket.Start + (1999 * SyntheticMarket.Hour))];

    private static ExperimentPlan Plan(double takerFeeRate = 0.0005) => ExperimentPlan.Create(
        SpecFixtures.Parse(s =>
        {
            s["instrument"]!["takerFeeRate"] = takerFeeRate;
            s["instrument"]!["slippage"] = new JsonObject { ["basisPoints"] = 1 };
            s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 10, ["slow"] = 40, ["allowShort"] = true } };
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject
            {
                ["leverage"] = new JsonArray(1, 3, 10, 50),
                ["stop.distance"] = new JsonArray(0.02, 0.1),
            };
        }),
        BuiltInStrategies.CreateCatalog());

    private static ExperimentPlan HoldPlan() => ExperimentPlan.Create(
        SpecFixtures.Parse(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 1.25) }),
        BuiltInStrategies.CreateCatalog());

    private static RegressionSnapshot Snapshot(ExperimentPlan plan, MarketData market, int threads)
    {
        var outcome = ExperimentRunner.Run(plan, market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = threads }, CancellationToken.None);
        return OutcomeSnapshot.Create(outcome, Files, "levbt test");
    }

    [Fact]
    public void Runs_are_bit_for_bit_reproducible_across_thread_counts()
    {
        var plan = Plan();
        var one = Snapshot(plan, Market, threads: 1);
        var two = Snapshot(plan, Market, threads: 2);
        var report = RegressionComparer.Compare(one, two, RegressionTolerance.Exact);
        Assert.Equal(RegressionVerdict.Holds, report.Verdict);
        Assert.Equal(8, report.ComparedRuns);
        Assert.Equal(8 * RunMetrics.Names.Count, report.ComparedMetrics);
        for (int r = 0; r < one.Runs.Count; r++)
        {
            Assert.Equal(
                one.Runs[r].Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)),
                two.Runs[r].Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)));
        }
    }

    [Fact]
    public void The_snapshot_carries_swept_values_metrics_and_file_roles()
    {
        var snapshot = Snapshot(Plan(), Market, threads: 2);
        Assert.Equal("test", snapshot.SpecName);
        Assert.Equal("prices", Assert.Single(snapshot.DataFiles).Role);
        Assert.Equal(Enumerable.Range(0, 8), snapshot.Runs.Select(r => r.RunIndex));
        Assert.Equal("leverage = 3, stop.distance = 0.1", snapshot.Runs[3].Label);
        Assert.Equal(RunMetrics.Names, snapshot.Runs[3].Metrics.Select(m => m.Key));
        Assert.Equal(3, snapshot.Runs[3].MetricsByName["leverage"]);
    }

    [Fact]
    public void A_doubled_fee_is_drift_naming_feesPaid_in_every_run_that_traded()
    {
        var baseline = Snapshot(Plan(takerFeeRate: 0.0005), Market, threads: 2);
        var doubled = Snapshot(Plan(takerFeeRate: 0.001), Market, threads: 2);
        var report = RegressionComparer.Compare(baseline, doubled, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Drift, report.Verdict);
        Assert.Empty(report.DataChanges);
        foreach (var run in baseline.Runs)
        {
            Assert.True(run.MetricsByName["tradeCount"] > 0, run.Label);
            var fees = Assert.Single(report.Differences, d => d.Run == run.Label && d.Metric == "feesPaid");
            Assert.Equal(RegressionDifferenceKind.Moved, fees.Kind);
            Assert.True(fees.Current > fees.Baseline, run.Label);
            if (run.MetricsByName["liquidationCount"] == 0)
            {
                Assert.Contains(report.Differences, d => d.Run == run.Label && d.Metric == "finalEquity");
            }
        }
    }

    /// <summary>
    /// The funding sign is flipped in the data rather than in the engine: every payment is
    /// side · q · P · r (DESIGN.md "Funding"), so negating every rate r is exactly what an engine that got
    /// the sign convention backwards would compute, and it needs no test hook in the engine. The data
    /// fingerprints are kept identical so that the check judges the results (with a real modified funding
    /// file the verdict is "data changed" instead, which the CLI tests cover).
    /// </summary>
    [Fact]
    public void A_flipped_funding_sign_is_drift_naming_funding_paid_and_received()
    {
        var flipped = WithFundingRates(Market, rate => -rate);
        var baseline = Snapshot(HoldPlan(), Market, threads: 2);
        var current = Snapshot(HoldPlan(), flipped, threads: 2);
        var report = RegressionComparer.Compare(baseline, current, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Drift, report.Verdict);
        foreach (var run in baseline.Runs)
        {
            Assert.Contains(report.Differences, d => d.Run == run.Label && d.Metric == "fundingPaid");
            Assert.Contains(report.Differences, d => d.Run == run.Label && d.Metric == "fundingReceived");
            Assert.Equal(0, run.MetricsByName["liquidationCount"]);

            // A held long keeps its quantity, so each payment is exactly negated: paid and received swap, bit for bit.
            var now = current.Runs.Single(r => r.MatchKey == run.MatchKey);
            Assert.True(run.MetricsByName["fundingPaid"] > 0);
            Assert.Equal(run.MetricsByName["fundingPaid"], now.MetricsByName["fundingReceived"]);
            Assert.Equal(run.MetricsByName["fundingReceived"], now.MetricsByName["fundingPaid"]);
        }
    }

    private static MarketData WithFundingRates(MarketData market, Func<double, double> change)
    {
        var rates = market.Funding.Rate.ToArray();
        for (int k = 0; k < rates.Length; k++)
        {
            rates[k] = change(rates[k]);
        }

        return new MarketData(
            market.Symbol, market.BarIntervalMs, market.OpenTimeMs, market.Open, market.High, market.Low, market.Close, market.Volume,
            market.MarkOpen, market.MarkHigh, market.MarkLow, market.MarkClose,
            new FundingEvents(market.Funding.TimeMs, rates, market.Funding.MarkPrice));
    }
}
