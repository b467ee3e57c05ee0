using LevBacktest.Core.Experiments.Results;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

public sealed class ChartRunPlanTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-chartplan").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Buy-and-hold over 12 leverages: more runs than the 8 lines a chart draws.</summary>
    private static string TwelveLeverages() => ResultsFolderFixture.LeverageSweepSpec()
        .Replace("\"leverage\": [1, 3, 10, 50]", "\"leverage\": [1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 75]", StringComparison.Ordinal);

    private static EquityStorage Planned(Core.Experiments.ExperimentPlan plan) => EquityStorage.Downsampled(20).WithFullRuns(ChartRunPlan.LineRuns(plan));

    [Fact]
    public void A_downsampled_folder_draws_the_runs_planned_before_the_sweep_and_keeps_them_at_every_bar()
    {
        string folderPath = ResultsFolderFixture.Write(Path.Combine(_root, "planned"), TwelveLeverages(), Planned, out var outcome);
        var planned = ChartRunPlan.LineRuns(outcome.Plan);
        // Grid ends and evenly spread over the 12 leverages, from the grid alone.
        Assert.Equal([0, 2, 3, 5, 6, 8, 9, 11], planned.Order());

        var report = ReportWriter.Write(folderPath);
        var folder = ResultsFolder.Read(folderPath);
        var context = new ReportContext(folder, null, new ReportOptions());
        Assert.Equal(planned.Order(), context.LineRuns.Select(r => r.RunIndex).Order());
        Assert.Contains(context.FocusRun.RunIndex, planned);
        int bars = outcome.Runs[0].Result.EquityCurve.Count;
        foreach (var run in folder.Runs)
        {
            int kept = folder.EquityOf(run.RunIndex).Count;
            Assert.Equal(planned.Contains(run.RunIndex), kept == bars);
            Assert.True(kept <= bars);
        }

        Assert.DoesNotContain(report.Notes, n => n.Contains("keeps only downsampled curves", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("except the 8 runs the charts draw, kept at every bar", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_that_draws_a_downsampled_curve_says_so()
    {
        string folderPath = ResultsFolderFixture.Write(Path.Combine(_root, "asked"), TwelveLeverages(), Planned, out _);
        var report = ReportWriter.Write(folderPath, new ReportOptions { RunIndex = 1 });
        Assert.Contains(report.Notes, n => n.Contains("keeps only downsampled curves of run 1,", StringComparison.Ordinal));
    }
}
