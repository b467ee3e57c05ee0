namespace LevBacktest.Reporting.Reports;

/// <summary>The <c>data</c> section of <c>summary.json</c>: what market data the runs used.</summary>
public sealed record ResultsDataSummary
{
    /// <summary>The symbol, e.g. BTCUSDT.</summary>
    public required string Symbol { get; init; }

    /// <summary>Bar interval of the runs, milliseconds.</summary>
    public required long BarIntervalMs { get; init; }

    /// <summary>Interval of the files when the runs used resampled bars, milliseconds; else null.</summary>
    public long? ResampledFromIntervalMs { get; init; }

    /// <summary>Bars in the run window.</summary>
    public required long BarCount { get; init; }

    /// <summary>Open time of the first bar, ISO-8601 UTC.</summary>
    public required string FirstBarOpenTime { get; init; }

    /// <summary>Open time of the last bar, ISO-8601 UTC.</summary>
    public required string LastBarOpenTime { get; init; }

    /// <summary>Gaps in the bar series (reported, not filled).</summary>
    public long GapCount { get; init; }

    /// <summary>Bars missing inside those gaps.</summary>
    public long MissingBarCount { get; init; }

    /// <summary>Whether a mark-price file was loaded.</summary>
    public bool HasMarkFile { get; init; }

    /// <summary>Bars where the last price stood in for a missing mark price.</summary>
    public long MarkFallbackBarCount { get; init; }

    /// <summary>Funding events in the window.</summary>
    public long FundingEventCount { get; init; }

    /// <summary>Loader warnings, one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The input files with their fingerprints.</summary>
    public IReadOnlyList<ResultsDataFile> Files { get; init; } = [];

    /// <summary>The file with <paramref name="role"/> ("prices", "mark", "funding"), or null.</summary>
    /// <param name="role">The role name.</param>
    public ResultsDataFile? FileWithRole(string role)
    {
        foreach (var file in Files)
        {
            if (file.Role == role)
            {
                return file;
            }
        }

        return null;
    }
}
