using System.Globalization;

namespace LevBacktest.Reporting.Reports;

/// <summary>Facts about the data and sweep shared by the Markdown and HTML reports.</summary>
internal static class ReportFacts
{
    public static IEnumerable<string> DataLines(ResultsFolder folder)
    {
        var data = folder.Data;
        yield return string.Create(CultureInfo.InvariantCulture, $"Symbol {data.Symbol}, {data.BarCount:N0} bars of {ReportContext.FormatInterval(data.BarIntervalMs)}{(data.ResampledFromIntervalMs is long from ? $" (resampled from {ReportContext.FormatInterval(from)})" : string.Empty)}, first bar opens {data.FirstBarOpenTime}, last bar opens {data.LastBarOpenTime}.");
        yield return string.Create(CultureInfo.InvariantCulture, $"{data.FundingEventCount:N0} funding events; {(data.HasMarkFile ? "mark price from its own file" : "no mark-price file: the last price stands in for the mark price")}{(data.MarkFallbackBarCount > 0 ? $"; last price stands in for a missing mark price on {data.MarkFallbackBarCount:N0} bars" : string.Empty)}.");
        if (data.GapCount > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{data.GapCount:N0} gaps in the bars ({data.MissingBarCount:N0} bars missing), reported, not filled.");
        }

        foreach (var warning in data.Warnings)
        {
            yield return "Warning: " + warning;
        }

        string axes = folder.Axes.Count == 0
            ? "no sweep axes"
            : string.Join("; ", folder.Axes.Select(a => $"{a.Name} ∈ {{{string.Join(", ", a.Labels)}}}"));
        yield return string.Create(CultureInfo.InvariantCulture, $"{folder.Runs.Count:N0} runs: {axes}. Initial capital {ReportContext.Money(folder.InitialCapital)} {folder.MoneyUnit}.");
        yield return $"Strategy of run {folder.Runs[0].RunIndex}: {folder.Runs[0].Strategy}.";
    }
}
