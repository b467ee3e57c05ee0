using System.Globalization;
using System.Text;

namespace LevBacktest.Reporting.Reports;

/// <summary>report.md: spec, data spans, metrics table and every chart (referenced by file name).</summary>
internal static class MarkdownReport
{
    public static string Build(ResultsFolder folder, IReadOnlyList<ReportChart> charts, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(folder.Experiment).AppendLine();
        if (!string.IsNullOrWhiteSpace(folder.Description))
        {
            text.AppendLine(folder.Description).AppendLine();
        }

        text.AppendLine("## Data").AppendLine();
        foreach (var line in ReportFacts.DataLines(folder))
        {
            text.Append("- ").AppendLine(line);
        }

        text.AppendLine();
        text.AppendLine("| role | file | SHA-256 | rows | first | last |").AppendLine("|---|---|---|---:|---|---|");
        foreach (var file in folder.Data.Files)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {file.Role} | `{file.Path}` | `{Short(file.Sha256)}` | {file.RowCount:N0} | {ReportContext.FormatDate(file.FirstTimeMs)} | {ReportContext.FormatDate(file.LastTimeMs)} |").AppendLine();
        }

        text.AppendLine().AppendLine("## Metrics").AppendLine();
        var headers = MetricsTable.Headers(folder);
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin("|", headers.Select((_, i) => i == 0 || i > folder.Axes.Count ? "---:" : "---")).AppendLine("|");
        foreach (var row in MetricsTable.Rows(folder))
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        }

        if (folder.Portfolio is not null)
        {
            text.AppendLine().AppendLine("## Contribution by instrument").AppendLine();
            foreach (var line in ContributionTable.Facts(folder))
            {
                text.Append("- ").AppendLine(line);
            }

            text.AppendLine();
            var contributionHeaders = ContributionTable.Headers(folder);
            text.Append("| ").AppendJoin(" | ", contributionHeaders).AppendLine(" |");
            text.Append('|').AppendJoin("|", contributionHeaders.Select((_, i) => ContributionTable.IsNumeric(i) ? "---:" : "---")).AppendLine("|");
            foreach (var row in ContributionTable.Rows(folder))
            {
                text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
            }
        }

        text.AppendLine().AppendLine("## Charts").AppendLine();
        foreach (var chart in charts)
        {
            text.Append("### ").AppendLine(chart.Title).AppendLine();
            if (chart.FileName is null)
            {
                text.Append("Not drawn: ").AppendLine(chart.SkipReason).AppendLine();
                continue;
            }

            text.AppendLine(chart.Caption).AppendLine();
            text.Append("![").Append(chart.Title).Append("](").Append(chart.FileName).AppendLine(")").AppendLine();
        }

        if (notes.Count > 0)
        {
            text.AppendLine("## Notes").AppendLine();
            foreach (var note in notes)
            {
                text.Append("- ").AppendLine(note);
            }

            text.AppendLine();
        }

        text.AppendLine("## Spec").AppendLine();
        if (folder.Overrides.Count > 0)
        {
            text.Append("Command-line overrides: ").AppendJoin(", ", folder.Overrides.Select(o => $"`{o.Key}` = `{o.Value}`")).AppendLine().AppendLine();
        }

        text.AppendLine("```json").AppendLine(folder.SpecJson).AppendLine("```").AppendLine();
        text.Append("Written by ").Append(folder.Tool).AppendLine(" from the results folder (summary.json and the Parquet tables); `levbt report <folder>` redraws it.");
        return text.ToString();
    }

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
