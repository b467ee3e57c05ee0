using LevBacktest.Core.Experiments;
using LevBacktest.Core.Regression;

using static LevBacktest.Core.Tests.Regression.SnapshotBuilder;

namespace LevBacktest.Core.Tests.Regression;

public sealed class RegressionComparerTests
{
    [Fact]
    public void Identical_results_hold()
    {
        var snapshot = Snapshot(Run(0, 1, ("totalReturn", 0.1), ("firstLiquidationTime", double.NaN)), Run(1, 5, ("totalReturn", -1), ("firstLiquidationTime", 1_700_100_000_000)));
        var report = RegressionComparer.Compare(snapshot, snapshot, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Holds, report.Verdict);
        Assert.Empty(report.Differences);
        Assert.Equal(2, report.ComparedRuns);
        Assert.Equal(4, report.ComparedMetrics);
    }

    [Fact]
    public void A_moved_metric_is_drift_naming_run_metric_and_both_values()
    {
        var baseline = Snapshot(Run(0, 1, ("totalReturn", 0.1), ("feesPaid", 10)), Run(1, 5, ("totalReturn", 0.4), ("feesPaid", 50)));
        var current = Snapshot(Run(0, 1, ("totalReturn", 0.1), ("feesPaid", 10)), Run(1, 5, ("totalReturn", 0.39), ("feesPaid", 100)));
        var report = RegressionComparer.Compare(baseline, current, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Drift, report.Verdict);
        Assert.Equal(2, report.Differences.Count);
        var fees = Assert.Single(report.Differences, d => d.Metric == "feesPaid");
        Assert.Equal(RegressionDifferenceKind.Moved, fees.Kind);
        Assert.Equal("leverage = 5", fees.Run);
        Assert.Equal(50, fees.Baseline);
        Assert.Equal(100, fees.Current);
        Assert.Equal(50, fees.AbsoluteDifference);
        Assert.Equal(1, fees.RelativeDifference);
    }

    [Fact]
    public void Runs_are_matched_by_swept_values_not_by_position()
    {
        // A new leverage inserted at the front renumbers every run; only the new run is reported.
        var baseline = Snapshot(Run(0, 2, ("totalReturn", 0.2)), Run(1, 3, ("totalReturn", 0.3)));
        var current = Snapshot(Run(0, 1, ("totalReturn", 0.1)), Run(1, 2, ("totalReturn", 0.2)), Run(2, 3, ("totalReturn", 0.3)));
        var report = RegressionComparer.Compare(baseline, current, RegressionTolerance.Default);
        var added = Assert.Single(report.Differences);
        Assert.Equal(RegressionDifferenceKind.AddedRun, added.Kind);
        Assert.Equal("leverage = 1", added.Run);
        Assert.Equal(2, report.ComparedRuns);
    }

    [Fact]
    public void Matching_ignores_axis_order_and_number_spelling()
    {
        var a = new SnapshotRun(0, [new("leverage", SpecValue.FromNumber(5.0)), new("stop", SpecValue.FromText("none"))], [new("x", 1)]);
        var b = new SnapshotRun(3, [new("stop", SpecValue.FromText("none")), new("leverage", SpecValue.FromNumber(5))], [new("x", 1)]);
        var report = RegressionComparer.Compare(Snapshot(a), Snapshot(b), RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Holds, report.Verdict);
    }

    [Fact]
    public void Missing_and_added_runs_and_metrics_are_drift()
    {
        var baseline = Snapshot(Run(0, 1, ("totalReturn", 0.1), ("sharpe", 1.0)), Run(1, 2, ("totalReturn", 0.2)));
        var current = Snapshot(Run(0, 1, ("totalReturn", 0.1), ("sortino", 1.5)), Run(1, 4, ("totalReturn", 0.4)));
        var report = RegressionComparer.Compare(baseline, current, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Drift, report.Verdict);
        Assert.Equal(
            [
                (RegressionDifferenceKind.MissingMetric, "leverage = 1", "sharpe"),
                (RegressionDifferenceKind.AddedMetric, "leverage = 1", "sortino"),
                (RegressionDifferenceKind.MissingRun, "leverage = 2", null),
                (RegressionDifferenceKind.AddedRun, "leverage = 4", null),
            ],
            report.Differences.Select(d => (d.Kind, d.Run, d.Metric)).ToArray());
    }

    [Fact]
    public void NaN_in_both_holds_but_NaN_against_a_number_is_drift()
    {
        var baseline = Snapshot(Run(0, 1, ("firstLiquidationTime", double.NaN), ("volatilityDrag", double.NaN)));
        var current = Snapshot(Run(0, 1, ("firstLiquidationTime", double.NaN), ("volatilityDrag", 0.01)));
        var difference = Assert.Single(RegressionComparer.Compare(baseline, current, RegressionTolerance.Default).Differences);
        Assert.Equal("volatilityDrag", difference.Metric);
        Assert.True(double.IsNaN(difference.AbsoluteDifference));
    }

    [Fact]
    public void Changed_data_is_its_own_verdict_and_names_the_file()
    {
        var changedFunding = Funding with { Sha256 = new string('c', 64), Path = "elsewhere/funding.parquet" };
        var baseline = Snapshot([Prices, Funding], Run(0, 1, ("fundingPaid", 3)));
        var current = Snapshot([Prices, changedFunding], Run(0, 1, ("fundingPaid", -3)));
        var report = RegressionComparer.Compare(baseline, current, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.DataChanged, report.Verdict);
        var change = Assert.Single(report.DataChanges);
        Assert.Equal("funding", change.Role);
        Assert.Equal(Funding, change.Baseline);
        Assert.Equal(changedFunding, change.Current);
        Assert.Single(report.Differences); // the moved metric is still listed, as a consequence of the data
    }

    [Fact]
    public void A_moved_file_with_the_same_content_is_not_a_data_change()
    {
        var moved = Prices with { Path = "/somewhere/else/prices.parquet", Sha256 = Prices.Sha256.ToUpperInvariant() };
        var report = RegressionComparer.Compare(Snapshot([Prices, Funding]), Snapshot([moved, Funding]), RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.Holds, report.Verdict);
    }

    [Fact]
    public void Same_hash_but_a_different_row_span_is_a_data_change()
    {
        var sliced = Prices with { RowCount = 99, LastTimeMs = Prices.LastTimeMs - 3_600_000 };
        var report = RegressionComparer.Compare(Snapshot([Prices]), Snapshot([sliced]), RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.DataChanged, report.Verdict);
    }

    [Fact]
    public void Missing_and_added_data_files_are_data_changes()
    {
        var report = RegressionComparer.Compare(Snapshot([Prices, Funding]), Snapshot([Prices, Funding with { Role = "mark" }]), RegressionTolerance.Default);
        Assert.Equal(
            [("funding", true, false), ("mark", false, true)],
            report.DataChanges.Select(c => (c.Role, c.Baseline is not null, c.Current is not null)).ToArray());
    }

    [Fact]
    public void Repeated_swept_values_match_in_order()
    {
        var baseline = Snapshot(Run(0, 2, ("x", 1)), Run(1, 2, ("x", 2)));
        var current = Snapshot(Run(0, 2, ("x", 1)), Run(1, 2, ("x", 2)));
        Assert.Equal(RegressionVerdict.Holds, RegressionComparer.Compare(baseline, current, RegressionTolerance.Default).Verdict);
        var shortened = Snapshot(Run(0, 2, ("x", 1)));
        var difference = Assert.Single(RegressionComparer.Compare(baseline, shortened, RegressionTolerance.Default).Differences);
        Assert.Equal(RegressionDifferenceKind.MissingRun, difference.Kind);
    }

    [Theory]
    [InlineData("levbt 0.1.0+abc", "levbt 0.1.0+def", false)]
    [InlineData("levbt 0.1.0", "levbt 0.1.0+def", false)]
    [InlineData("levbt 0.1.0+abc", "levbt 0.2.0+abc", true)]
    public void Tool_versions_differ_only_beyond_build_metadata(string baseline, string current, bool differs)
    {
        var report = RegressionComparer.Compare(
            new RegressionSnapshot("s", baseline, [], []), new RegressionSnapshot("s", current, [], []), RegressionTolerance.Default);
        Assert.Equal(differs, report.ToolVersionDiffers);
        Assert.Equal(RegressionVerdict.Holds, report.Verdict);
    }

    [Fact]
    public void Tolerance_is_applied_per_metric()
    {
        var baseline = Snapshot(Run(0, 1, ("finalEquity", 10_000), ("tradeCount", 3)));
        var current = Snapshot(Run(0, 1, ("finalEquity", 10_000 * (1 + 1e-12)), ("tradeCount", 3)));
        Assert.Equal(RegressionVerdict.Holds, RegressionComparer.Compare(baseline, current, RegressionTolerance.Default).Verdict);
        Assert.Equal(RegressionVerdict.Drift, RegressionComparer.Compare(baseline, current, RegressionTolerance.Exact).Verdict);
    }
}
