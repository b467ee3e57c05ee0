using System.Globalization;
using System.Net;
using System.Text;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// report.html: the same content as report.md in one self-contained file — PNG and SVG charts embedded as
/// base64 data URIs, PDF charts linked (browsers cannot show a PDF inline as an image).
/// </summary>
internal static class HtmlReport
{
    public static string Build(ResultsFolder folder, IReadOnlyList<ReportChart> charts, IReadOnlyList<string> notes)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(E(folder.Experiment)).AppendLine(" — levbt report</title>");
        html.AppendLine("<style>body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:1680px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 7px}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}pre{white-space:pre-wrap;overflow-wrap:anywhere}p{overflow-wrap:anywhere}"
            + "th{background:#f2f2f2}img{max-width:100%;height:auto;border:1px solid #ddd}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}"
            + "code{font-size:12px}.skip{color:#8a4b00}.wide{overflow-x:auto;max-width:100%}</style>");
        html.AppendLine("</head><body>");
        html.Append("<h1>").Append(E(folder.Experiment)).AppendLine("</h1>");
        if (!string.IsNullOrWhiteSpace(folder.Description))
        {
            html.Append("<p>").Append(E(folder.Description)).AppendLine("</p>");
        }

        html.AppendLine("<h2>Data</h2><ul>");
        foreach (var line in ReportFacts.DataLines(folder))
        {
            html.Append("<li>").Append(E(line)).AppendLine("</li>");
        }

        html.AppendLine("</ul><div class=\"wide\"><table><tr><th>role</th><th>file</th><th>SHA-256</th><th>rows</th><th>first</th><th>last</th></tr>");
        foreach (var file in folder.Data.Files)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(file.Role)}</td><td><code>{E(file.Path)}</code></td><td><code>{E(file.Sha256)}</code></td><td class=\"n\">{file.RowCount:N0}</td><td>{ReportContext.FormatDate(file.FirstTimeMs)}</td><td>{ReportContext.FormatDate(file.LastTimeMs)}</td></tr>").AppendLine();
        }

        html.AppendLine("</table></div>");
        // A sweep with many axes and metrics is wider than a laptop screen: the table scrolls inside its own box
        // instead of pushing the whole page (and its charts) off the right edge.
        html.AppendLine("<h2>Metrics</h2><div class=\"wide\"><table>");
        html.Append("<tr>").AppendJoin(string.Empty, MetricsTable.Headers(folder).Select(h => $"<th>{E(h)}</th>")).AppendLine("</tr>");
        int parameterColumns = folder.Axes.Count;
        foreach (var row in MetricsTable.Rows(folder))
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                html.Append(i == 0 || i > parameterColumns ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</table></div>");
        if (folder.Portfolio is not null)
        {
            html.AppendLine("<h2>Contribution by instrument</h2><ul>");
            foreach (var line in ContributionTable.Facts(folder))
            {
                html.Append("<li>").Append(E(line)).AppendLine("</li>");
            }

            html.AppendLine("</ul><div class=\"wide\"><table>");
            html.Append("<tr>").AppendJoin(string.Empty, ContributionTable.Headers(folder).Select(h => $"<th>{E(h)}</th>")).AppendLine("</tr>");
            foreach (var row in ContributionTable.Rows(folder))
            {
                html.Append("<tr>");
                for (int i = 0; i < row.Count; i++)
                {
                    html.Append(ContributionTable.IsNumeric(i) ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
                }

                html.AppendLine("</tr>");
            }

            html.AppendLine("</table></div>");
        }

        html.AppendLine("<h2>Charts</h2>");
        foreach (var chart in charts)
        {
            html.Append("<h3>").Append(E(chart.Title)).AppendLine("</h3>");
            if (chart.FileName is null)
            {
                html.Append("<p class=\"skip\">Not drawn: ").Append(E(chart.SkipReason ?? string.Empty)).AppendLine("</p>");
                continue;
            }

            html.Append("<p>").Append(E(chart.Caption)).AppendLine("</p>");
            string path = Path.Combine(folder.Directory, chart.FileName);
            string extension = Path.GetExtension(chart.FileName).ToLowerInvariant();
            if (extension == ".pdf")
            {
                html.Append("<p><a href=\"").Append(E(chart.FileName)).Append("\">").Append(E(chart.FileName)).AppendLine("</a> (PDF)</p>");
                continue;
            }

            string mime = extension == ".svg" ? "image/svg+xml" : "image/png";
            html.Append("<img alt=\"").Append(E(chart.Title)).Append("\" src=\"data:").Append(mime).Append(";base64,")
                .Append(Convert.ToBase64String(File.ReadAllBytes(path))).AppendLine("\">");
        }

        if (notes.Count > 0)
        {
            html.AppendLine("<h2>Notes</h2><ul>");
            foreach (var note in notes)
            {
                html.Append("<li>").Append(E(note)).AppendLine("</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("<h2>Spec</h2>");
        if (folder.Overrides.Count > 0)
        {
            html.Append("<p>Command-line overrides: ").AppendJoin(", ", folder.Overrides.Select(o => $"<code>{E(o.Key)}</code> = <code>{E(o.Value)}</code>")).AppendLine("</p>");
        }

        html.Append("<pre>").Append(E(folder.SpecJson)).AppendLine("</pre>");
        html.Append("<p>Written by ").Append(E(folder.Tool)).AppendLine(" from the results folder; <code>levbt report &lt;folder&gt;</code> redraws it.</p>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
