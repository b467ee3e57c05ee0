using System.CommandLine;

using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt report DIR</c>: redraws the charts and report.md / report.html of a results folder from its
/// summary.json and Parquet tables (the same code <c>levbt run</c> uses, so the output is identical).
/// </summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Results folder written by 'levbt run'." };
        var run = new Option<int?>("--run") { Description = "Run index for the price panel (liquidations) and the leverage-drift chart (default: the lowest liquidated leverage, else the highest)." };
        var metric = new Option<string?>("--metric") { Description = "Metric of the heatmap, e.g. totalReturn, maxDrawdown, liquidationCount (default totalReturn)." };
        var format = new Option<string>("--format") { Description = "Image format: png, svg or pdf.", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "svg", "pdf");
        var command = new Command("report", "Redraw the charts and report.md / report.html of a results folder.");
        command.Arguments.Add(directory);
        command.Options.Add(run);
        command.Options.Add(metric);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var options = new ReportOptions
            {
                RunIndex = parse.GetValue(run),
                HeatmapMetric = parse.GetValue(metric),
                Format = parse.GetValue(format) switch
                {
                    "svg" => ChartFormat.Svg,
                    "pdf" => ChartFormat.Pdf,
                    _ => ChartFormat.Png,
                },
            };
            return Execute(parse.GetValue(directory)!, options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="directory">The results folder.</param>
    /// <param name="options">Format, run and metric.</param>
    /// <param name="output">The files written.</param>
    /// <param name="error">Notes (skipped charts and panels).</param>
    /// <returns>The exit code.</returns>
    internal static int Execute(string directory, ReportOptions options, TextWriter output, TextWriter error)
    {
        var result = ReportWriter.Write(directory, options);
        foreach (var note in result.Notes)
        {
            error.WriteLine($"levbt: note: {note}");
        }

        foreach (var chart in result.Charts)
        {
            if (chart.FileName is not null)
            {
                output.WriteLine(Path.Combine(Path.GetDirectoryName(result.MarkdownPath)!, chart.FileName));
            }
        }

        output.WriteLine(result.MarkdownPath);
        output.WriteLine(result.HtmlPath);
        return CommandLineApplication.ExitSuccess;
    }
}
