using LevBacktest.Cli;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Regression;

namespace LevBacktest.Cli.Tests;

public sealed class RegressReportWriterTests
{
    private static readonly SnapshotDataFile Prices = new("prices", "p.parquet", new string('a', 64), 10, 0, 9 * 3_600_000);

    private static SnapshotRun Run(double leverage, params (string, double)[] metrics)
        => new(0, [new SnapshotParameter("leverage", SpecValue.FromNumber(leverage))], metrics.Select(m => new KeyValuePair<string, double>(m.Item1, m.Item2)).ToList());

    private static string Write(RegressionReport report)
    {
        var output = new StringWriter();
        RegressReportWriter.Write(report, "b.json", output, interactive: false);
        return output.ToString();
    }

    [Fact]
    public void Plain_table_lists_metric_run_values_and_differences_aligned()
    {
        var baseline = new RegressionSnapshot("s", "levbt 1", [Prices], [Run(5, ("feesPaid", 50), ("firstLiquidationTime", 1_704_067_200_000))]);
        var current = new RegressionSnapshot("s", "levbt 1", [Prices], [Run(5, ("feesPaid", 100), ("firstLiquidationTime", double.NaN))]);
        string text = Write(RegressionComparer.Compare(baseline, current, RegressionTolerance.Default));
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith("regress s: 1 runs, 2 metric values compared with b.json (rtol 1E-09, atol 1E-12;", lines[0]);
        int header = Array.FindIndex(lines, l => l.StartsWith("  metric", StringComparison.Ordinal));
        Assert.Equal("  metric                run                                       baseline  now  difference  relative", lines[header]);
        Assert.Equal("  feesPaid              leverage = 5                                    50  100         +50    +100 %", lines[header + 1]);
        Assert.Equal("  firstLiquidationTime  leverage = 5  1704067200000 (2024-01-01 00:00 UTC)  NaN           -         -", lines[header + 2]);
        Assert.StartsWith("DRIFT: 2 difference(s) beyond tolerance.", lines[^1]);
    }

    [Fact]
    public void Holding_results_print_one_verdict_line_and_notes()
    {
        var baseline = new RegressionSnapshot("s", "levbt 1", [Prices], [Run(1, ("x", 1))]);
        var current = new RegressionSnapshot("s", "levbt 2", [Prices], [Run(1, ("x", 1))]);
        string text = Write(RegressionComparer.Compare(baseline, current, RegressionTolerance.Default));
        Assert.Contains("note: the baseline was recorded with levbt 1, this is levbt 2.", text);
        Assert.EndsWith("OK: every metric of 1 runs holds against the baseline." + Environment.NewLine, text);
        Assert.DoesNotContain("  metric ", text);
    }

    [Fact]
    public void Long_difference_lists_are_cut_with_a_count()
    {
        var metrics = Enumerable.Range(0, 250).Select(k => ($"m{k}", (double)k)).ToArray();
        var moved = metrics.Select(m => (m.Item1, m.Item2 + 1)).ToArray();
        var report = RegressionComparer.Compare(
            new RegressionSnapshot("s", "v", [Prices], [Run(1, metrics)]),
            new RegressionSnapshot("s", "v", [Prices], [Run(1, moved)]),
            RegressionTolerance.Default);
        Assert.Contains("... and 50 more differences not shown.", Write(report));
    }
}
