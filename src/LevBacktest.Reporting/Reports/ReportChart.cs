namespace LevBacktest.Reporting.Reports;

/// <summary>One chart of a report: the file written, or why it was skipped.</summary>
/// <param name="Name">Base name without extension, e.g. <c>equity</c>.</param>
/// <param name="Title">Title of the chart.</param>
/// <param name="Caption">One or two sentences saying what the chart shows and which runs it draws.</param>
/// <param name="FileName">File name inside the results folder (e.g. <c>equity.png</c>); null when skipped.</param>
/// <param name="SkipReason">Why the chart was not drawn; null when it was.</param>
public sealed record ReportChart(string Name, string Title, string Caption, string? FileName, string? SkipReason);
