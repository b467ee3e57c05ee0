using System.Globalization;

using LevBacktest.Core.Regression;

using Spectre.Console;

namespace LevBacktest.Cli;

/// <summary>
/// Prints a <see cref="RegressionReport"/>: a headline, a "data changed" section when input files differ,
/// the table of what moved (metric, run parameters, baseline, now, difference, relative difference), and a
/// closing verdict line. The table is drawn with Spectre.Console on a terminal and is plain aligned text
/// otherwise (CI logs, pipes, tests), so logs stay greppable.
/// </summary>
internal static class RegressReportWriter
{
    /// <summary>Differences printed before the table is cut short (the count of the rest is printed).</summary>
    internal const int MaxPrintedDifferences = 200;

    /// <summary>The columns of the differences table.</summary>
    internal static readonly string[] Headers = ["metric", "run", "baseline", "now", "difference", "relative"];

    /// <summary>Writes the report.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="baselinePath">The baseline file as given (named in the headline).</param>
    /// <param name="output">Where it goes.</param>
    /// <param name="interactive">Draw tables with Spectre.Console (a terminal) instead of plain text.</param>
    public static void Write(RegressionReport report, string baselinePath, TextWriter output, bool interactive)
    {
        var tolerance = report.Tolerance;
        output.WriteLine(
            $"regress {report.Current.SpecName}: {report.ComparedRuns} runs, {report.ComparedMetrics} metric values compared with {baselinePath} " +
            $"(rtol {Number(tolerance.Relative)}, atol {Number(tolerance.Absolute)}; event counts and times exact)");
        if (report.SpecNameDiffers)
        {
            output.WriteLine($"note: the baseline was recorded for spec '{report.Baseline.SpecName}', these results are of '{report.Current.SpecName}'.");
        }

        if (report.ToolVersionDiffers)
        {
            output.WriteLine($"note: the baseline was recorded with {report.Baseline.ToolVersion}, this is {report.Current.ToolVersion}.");
        }

        if (report.DataChanges.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"DATA CHANGED: {report.DataChanges.Count} input file(s) differ from the baseline's; moved results below follow from the data and are not counted as drift.");
            var rows = report.DataChanges.Select(c => new[] { c.Role, Describe(c.Baseline), Describe(c.Current) }).ToList();
            WriteTable(["file", "baseline", "now"], rows, output, interactive, rightAlignFrom: int.MaxValue);
        }

        if (report.PluginChanges.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"CODE CHANGED: {report.PluginChanges.Count} strategy plugin(s) differ from the baseline's; moved results below follow from the new code and are not counted as drift.");
            var rows = report.PluginChanges.Select(c => new[] { c.FileName, Describe(c.Baseline), Describe(c.Current) }).ToList();
            WriteTable(["plugin", "baseline", "now"], rows, output, interactive, rightAlignFrom: int.MaxValue);
        }

        if (report.Differences.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(report.DataChanges.Count > 0 ? $"Results that moved with the data ({report.Differences.Count}):"
                : report.PluginChanges.Count > 0 ? $"Results that moved with the code ({report.Differences.Count}):"
                : $"Moved beyond tolerance ({report.Differences.Count}):");
            var rows = report.Differences.Take(MaxPrintedDifferences).Select(Row).ToList();
            WriteTable(Headers, rows, output, interactive, rightAlignFrom: 2);
            if (report.Differences.Count > rows.Count)
            {
                output.WriteLine($"... and {report.Differences.Count - rows.Count} more differences not shown.");
            }
        }

        output.WriteLine();
        output.WriteLine(report.Verdict switch
        {
            RegressionVerdict.Holds => $"OK: every metric of {report.ComparedRuns} runs holds against the baseline.",
            RegressionVerdict.Drift => $"DRIFT: {report.Differences.Count} difference(s) beyond tolerance. If the change is intended, refresh the baseline with --update and commit it.",
            RegressionVerdict.CodeChanged => $"CODE CHANGED: a strategy plugin is not the baseline's ({string.Join(", ", report.PluginChanges.Select(c => c.FileName))}). If the new code is intended, refresh the baseline with --update and commit it.",
            _ => $"DATA CHANGED: the input data is not the baseline's ({string.Join(", ", report.DataChanges.Select(c => c.Role))}). If the new data is intended, refresh the baseline with --update and commit it.",
        });
    }

    /// <summary>One table row of a difference.</summary>
    /// <param name="difference">The difference.</param>
    internal static string[] Row(RegressionDifference difference)
    {
        string metric = difference.Kind switch
        {
            RegressionDifferenceKind.MissingRun => "(run missing)",
            RegressionDifferenceKind.AddedRun => "(run added)",
            RegressionDifferenceKind.MissingMetric => $"{difference.Metric} (missing)",
            RegressionDifferenceKind.AddedMetric => $"{difference.Metric} (added)",
            _ => difference.Metric!,
        };
        bool isRun = difference.Kind is RegressionDifferenceKind.MissingRun or RegressionDifferenceKind.AddedRun;
        string baseline = difference.Baseline is double b ? Value(difference.Metric, b) : isRun && difference.Kind == RegressionDifferenceKind.MissingRun ? "present" : "-";
        string now = difference.Current is double c ? Value(difference.Metric, c) : isRun && difference.Kind == RegressionDifferenceKind.AddedRun ? "present" : "-";
        double absolute = difference.AbsoluteDifference;
        double relative = difference.RelativeDifference;
        return
        [
            metric,
            difference.Run,
            baseline,
            now,
            double.IsNaN(absolute) ? "-" : Signed(absolute),
            double.IsNaN(relative) ? "-" : Signed(relative * 100, "G4") + " %",
        ];
    }

    private static string Value(string? metric, double value)
    {
        // Event times read better as dates; the number is kept so it can be found in the baseline file.
        if (metric is not null && metric.EndsWith("Time", StringComparison.Ordinal) && double.IsFinite(value) && Math.Abs(value) < 2.5e14)
        {
            return $"{Number(value)} ({DateTimeOffset.FromUnixTimeMilliseconds((long)value).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
        }

        return Number(value);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Signed(double value, string format = "R")
        => (value > 0 ? "+" : string.Empty) + value.ToString(format, CultureInfo.InvariantCulture);

    private static string Describe(SnapshotDataFile? file) => file is null
        ? "(none)"
        : $"{file.Path}: sha256 {file.Sha256[..Math.Min(12, file.Sha256.Length)]}…, {file.RowCount} rows, " +
          $"{FormatTime(file.FirstTimeMs)} .. {FormatTime(file.LastTimeMs)}";

    private static string Describe(SnapshotPlugin? plugin) => plugin is null
        ? "(none)"
        : $"{plugin.Path}: sha256 {plugin.Sha256[..Math.Min(12, plugin.Sha256.Length)]}…";

    private static string FormatTime(long epochMs) => epochMs is >= 0 and < 253_402_300_800_000
        ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : epochMs.ToString(CultureInfo.InvariantCulture);

    private static void WriteTable(string[] headers, List<string[]> rows, TextWriter output, bool interactive, int rightAlignFrom)
    {
        if (interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            var table = new Table().Border(TableBorder.Rounded);
            for (int c = 0; c < headers.Length; c++)
            {
                var column = new TableColumn(Markup.Escape(headers[c]));
                table.AddColumn(c >= rightAlignFrom ? column.RightAligned() : column);
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            console.Write(table);
            return;
        }

        var widths = new int[headers.Length];
        for (int c = 0; c < headers.Length; c++)
        {
            widths[c] = headers[c].Length;
            foreach (var row in rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((v, c) => c >= rightAlignFrom ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd();
        output.WriteLine(Line(headers));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }
}
