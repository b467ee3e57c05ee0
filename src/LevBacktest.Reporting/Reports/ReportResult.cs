namespace LevBacktest.Reporting.Reports;

/// <summary>What <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="Charts">The seven charts in report order, drawn or skipped.</param>
/// <param name="Notes">Notes shown in the report (skipped panels, thinned run sets), one line each.</param>
/// <param name="MarkdownPath">Full path of report.md.</param>
/// <param name="HtmlPath">Full path of report.html.</param>
public sealed record ReportResult(IReadOnlyList<ReportChart> Charts, IReadOnlyList<string> Notes, string MarkdownPath, string HtmlPath);
