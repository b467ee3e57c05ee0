using LevBacktest.Core.Experiments.Results;
using LevBacktest.Reporting.Plotting;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Every file of a results folder as <c>levbt run</c> and <c>levbt merge</c> write it: the data files of
/// <see cref="ExperimentResultsWriter.DataFileNames"/> (LevBacktest.Core), then the charts and reports that
/// <see cref="ReportWriter.Write"/> adds unless <c>--no-charts</c> is given. The list lives here rather than in
/// Core because Core does not know the report (dependencies run Cli → Reporting → Core).
/// </summary>
/// <remarks>
/// <c>levbt report DIR --format svg</c> on a folder written with PNG charts adds the SVG charts beside them
/// and rewrites the two reports; the folder then holds the union of both formats' chart files.
/// </remarks>
public static class ResultsFolderFiles
{
    /// <summary><c>exposure.parquet</c>: each instrument's notional per bar, in a portfolio's folder only (written by Core's results writer).</summary>
    public const string ExposureFileName = "exposure.parquet";

    /// <summary>The Markdown report, <c>report.md</c>.</summary>
    public const string MarkdownReportFileName = "report.md";

    /// <summary>The self-contained HTML report, <c>report.html</c>.</summary>
    public const string HtmlReportFileName = "report.html";

    /// <summary><c>summary.json</c> and the six Parquet tables: the files of every results folder, also with <c>--no-charts</c>.</summary>
    public static IReadOnlyList<string> DataFileNames => ExperimentResultsWriter.DataFileNames;

    /// <summary>The file extension of charts in <paramref name="format"/>: <c>.png</c>, <c>.svg</c> or <c>.pdf</c>.</summary>
    /// <param name="format">The chart format.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="ChartFormat"/>.</exception>
    public static string ChartExtension(ChartFormat format) => format switch
    {
        ChartFormat.Png => ".png",
        ChartFormat.Svg => ".svg",
        ChartFormat.Pdf => ".pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };

    /// <summary>
    /// The chart files <see cref="ReportWriter.Write"/> draws, in report order (<see cref="ReportWriter.ChartNames"/>):
    /// all seven, except <c>heatmap</c> when fewer than two sweep axes vary.
    /// </summary>
    /// <param name="format">The chart format (<c>levbt run</c> and <c>levbt merge</c> draw PNG).</param>
    /// <param name="varyingAxisCount">Sweep axes with more than one value (≥ 0): <c>plan.Grid.Axes.Count(a =&gt; a.Count &gt; 1)</c>
    /// before a run, or <c>folder.Axes.Count(a =&gt; a.Count &gt; 1)</c> of a <see cref="ResultsFolder"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="varyingAxisCount"/> is negative, or an unknown format.</exception>
    /// <param name="portfolio">True for a portfolio's folder, which also has <c>exposure</c>.</param>
    public static IReadOnlyList<string> ChartFileNames(ChartFormat format, int varyingAxisCount, bool portfolio = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(varyingAxisCount);
        string extension = ChartExtension(format);
        var names = new List<string>(ReportWriter.ChartNames.Count);
        foreach (string chart in ReportWriter.ChartNames)
        {
            if ((chart != HeatmapChart.Name || HeatmapChart.IsDrawn(varyingAxisCount)) && (chart != ExposureChart.Name || portfolio))
            {
                names.Add(chart + extension);
            }
        }

        return names;
    }

    /// <summary>
    /// Every file of a results folder with charts: <see cref="DataFileNames"/>, then <see cref="ChartFileNames"/>, then
    /// <see cref="MarkdownReportFileName"/> and <see cref="HtmlReportFileName"/>. Nothing else is left in the folder
    /// (temporary files are renamed into place or deleted). With <c>--no-charts</c> the folder holds <see cref="DataFileNames"/> only.
    /// </summary>
    /// <param name="format">The chart format (<c>levbt run</c> and <c>levbt merge</c> draw PNG).</param>
    /// <param name="varyingAxisCount">Sweep axes with more than one value (see <see cref="ChartFileNames"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="varyingAxisCount"/> is negative, or an unknown format.</exception>
    /// <param name="portfolio">True for a portfolio's folder: it also has <c>exposure.parquet</c> and <c>exposure</c>'s chart.</param>
    public static IReadOnlyList<string> FileNames(ChartFormat format, int varyingAxisCount, bool portfolio = false)
        => portfolio
            ? [.. DataFileNames, ExposureFileName, .. ChartFileNames(format, varyingAxisCount, portfolio), MarkdownReportFileName, HtmlReportFileName]
            : [.. DataFileNames, .. ChartFileNames(format, varyingAxisCount), MarkdownReportFileName, HtmlReportFileName];
}
