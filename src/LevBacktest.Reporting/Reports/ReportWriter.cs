using System.Text;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Reporting.Plotting;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Draws the report charts (seven, eight for a portfolio) and writes report.md and report.html into a results folder, reading
/// only what is in the folder (and the price files its summary.json names, checked by SHA-256). Both
/// <c>levbt run</c> (on its temporary folder, before the atomic rename) and <c>levbt report DIR</c> call
/// this, so a report redrawn later is byte-for-byte the one the run wrote.
/// </summary>
public static class ReportWriter
{
    /// <summary>The chart names in report order (file names without extension); <c>exposure</c> is drawn for portfolios only.</summary>
    public static IReadOnlyList<string> ChartNames { get; } =
        [EquityChart.Name, ExposureChart.Name, DrawdownChart.Name, LiquidationsChart.Name, LeverageDecayChart.Name, EffectiveLeverageChart.Name, HeatmapChart.Name, FundingChart.Name];

    /// <summary>Writes the charts, report.md and report.html into <paramref name="directory"/>; every file atomically.</summary>
    /// <param name="directory">A results folder written by <c>levbt run</c>.</param>
    /// <param name="options">Format, chosen run and heatmap metric; null for the defaults.</param>
    /// <param name="cancellationToken">Stops between charts.</param>
    /// <returns>The charts drawn or skipped, the notes and the report paths.</returns>
    /// <exception cref="ResultsFolderException">The folder or one of its files is missing or malformed.</exception>
    /// <exception cref="ArgumentException">The requested run or heatmap metric is not in the folder.</exception>
    /// <exception cref="NotSupportedException">PDF asked for and SkiaSharp's native library has no PDF backend.</exception>
    public static ReportResult Write(string directory, ReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReportOptions();
        var folder = ResultsFolder.Read(directory);
        if (options.HeatmapMetric is not null)
        {
            HeatmapChart.ResolveMetric(folder, options.HeatmapMetric);
        }

        var notes = new List<string>();
        bool keepsCurves = folder.EquityStorage.Kind != EquityStorageKind.None;
        if (keepsCurves && !folder.HasLiquidationPrices)
        {
            notes.Add("liquidation-price line skipped: equity.parquet has no liquidationPrice column (written by an older levbt; rerun 'levbt run').");
        }

        // The price panels span the runs' bars, which only the curves record; without curves no chart draws them.
        var prices = keepsCurves ? PriceHistory.TryLoad(folder, notes) : null;
        var context = new ReportContext(folder, prices, options);
        // The rows of the runs the charts draw, read in one pass per table before the charts draw in parallel.
        var drawn = context.LineRuns.Select(r => r.RunIndex).Append(context.FocusRun.RunIndex).Distinct().Order().ToList();
        folder.Load(drawn);
        if (folder.EquityStorage.Kind == EquityStorageKind.Downsampled)
        {
            var cut = drawn.Where(r => !folder.EquityStorage.KeepsFullCurve(r)).ToList();
            if (cut.Count > 0)
            {
                notes.Add($"The folder keeps only downsampled curves of {(cut.Count == 1 ? "run" : "runs")} {string.Join(", ", cut)}, which the charts draw: their lines show each bucket's lowest and highest bar, not every bar (rerun with --equity full for every bar).");
            }
        }
        if (context.LineRuns.Count < folder.Runs.Count)
        {
            notes.Add($"Line charts draw {context.LineRunsDescription}; the metrics table has every run.");
        }

        string extension = ResultsFolderFiles.ChartExtension(options.Format);
        // Charts drawn from the runs' equity curves cannot be drawn from a folder that keeps none.
        string? noCurves = !keepsCurves
            ? "the folder keeps no equity curves (levbt run --equity none); rerun with --equity downsampled or full to draw it."
            : null;
        if (folder.EquityStorage.Kind == EquityStorageKind.Downsampled)
        {
            int full = folder.EquityStorage.FullRuns.Count;
            notes.Add($"Equity curves are downsampled to {folder.EquityStorage.Buckets:N0} buckets a run (each bucket's lowest and highest bar, plus the first and last bar, the deepest drawdown and every liquidation, exactly){(full > 0 ? $", except the {full} run{(full == 1 ? string.Empty : "s")} the charts draw, kept at every bar" : string.Empty)}; the line charts draw runs chosen from the grid before the sweep; rerun with --equity full for every bar of every run.");
        }

        (string Name, string Title, Func<ReportContext, (ChartFigure Figure, string Caption)>? Build, string? Skip)[] plan =
        [
            (EquityChart.Name, EquityChart.Title, c => (EquityChart.Create(c, out string caption), caption), noCurves),
            (ExposureChart.Name, ExposureChart.Title, c => (ExposureChart.Create(c, out string caption), caption), noCurves),
            (DrawdownChart.Name, DrawdownChart.Title, c => (DrawdownChart.Create(c, out string caption), caption), noCurves),
            (LiquidationsChart.Name, LiquidationsChart.Title, c => (LiquidationsChart.Create(c, out string caption), caption), noCurves),
            (LeverageDecayChart.Name, LeverageDecayChart.Title, c => (LeverageDecayChart.Create(c, out string caption), caption), noCurves),
            (EffectiveLeverageChart.Name, EffectiveLeverageChart.Title, c => (EffectiveLeverageChart.Create(c, out string caption), caption), noCurves),
            (HeatmapChart.Name, HeatmapChart.Title, c => (HeatmapChart.Create(c, out string caption), caption), HeatmapChart.SkipReason(folder)),
            (FundingChart.Name, FundingChart.Title, c => (FundingChart.Create(c, out string caption), caption), noCurves),
        ];
        if (folder.Portfolio is null)
        {
            // Only a portfolio's folder has exposure by instrument; single-instrument reports keep their chart list.
            plan = plan.Where(p => p.Name != ExposureChart.Name).ToArray();
        }

        var charts = new ReportChart[plan.Length];

        // Charts are independent (each has its own ScottPlot plots and Skia surface), so they render on all cores.
        Parallel.For(0, plan.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (name, title, build, skip) = plan[i];
            if (skip is not null || build is null)
            {
                charts[i] = new ReportChart(name, title, string.Empty, null, skip);
                return;
            }

            var (figure, caption) = build(context);
            string file = name + extension;
            figure.Save(Path.Combine(folder.Directory, file), options.Format);
            charts[i] = new ReportChart(name, title, caption, file, null);
        });
        foreach (var chart in charts)
        {
            if (chart.SkipReason is not null)
            {
                notes.Add($"{chart.Name}{extension} not drawn: {chart.SkipReason}");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        string markdown = Path.Combine(folder.Directory, ResultsFolderFiles.MarkdownReportFileName);
        string html = Path.Combine(folder.Directory, ResultsFolderFiles.HtmlReportFileName);
        WriteAtomically(markdown, MarkdownReport.Build(folder, charts, notes));
        WriteAtomically(html, HtmlReport.Build(folder, charts, notes));
        return new ReportResult(charts, notes, markdown, html);
    }

    private static void WriteAtomically(string path, string text)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
