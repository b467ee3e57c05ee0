namespace LevBacktest.Core.Data;

/// <summary>
/// What loading found out about the data: span and interval, gaps (reported, never filled), the
/// mark-price coverage and the fallback applied, funding intervals, resampling, and warnings.
/// All times are UTC epoch milliseconds; the figures describe the returned <see cref="MarketData"/>
/// (after symbol filter, mark policy, time-range slice and resampling).
/// </summary>
public sealed class DataValidationReport
{
    /// <summary>Symbol of the data.</summary>
    public required string Symbol { get; init; }

    /// <summary>Bar interval of the returned data, milliseconds.</summary>
    public required long BarIntervalMs { get; init; }

    /// <summary>Number of bars returned.</summary>
    public required int BarCount { get; init; }

    /// <summary>Open time of the first bar, or 0 when there are no bars.</summary>
    public required long FirstOpenTimeMs { get; init; }

    /// <summary>Open time of the last bar, or 0 when there are no bars.</summary>
    public required long LastOpenTimeMs { get; init; }

    /// <summary>Every gap between consecutive bars, in time order.</summary>
    public required IReadOnlyList<DataGap> Gaps { get; init; }

    /// <summary>Number of gaps.</summary>
    public int GapCount => Gaps.Count;

    /// <summary>The gap with the most missing bars (the earliest among equals), or null without gaps.</summary>
    public DataGap? LargestGap
    {
        get
        {
            DataGap? largest = null;
            foreach (var gap in Gaps)
            {
                if (largest is null || gap.MissingBarCount > largest.Value.MissingBarCount)
                {
                    largest = gap;
                }
            }

            return largest;
        }
    }

    /// <summary>Total bars missing in all gaps.</summary>
    public long MissingBarCount
    {
        get
        {
            long total = 0;
            foreach (var gap in Gaps)
            {
                total += gap.MissingBarCount;
            }

            return total;
        }
    }

    /// <summary>True when a mark-price file was loaded.</summary>
    public required bool HasMarkFile { get; init; }

    /// <summary>Bars whose mark OHLC is the last-price OHLC (policy <see cref="MissingMarkPolicy.FallBackToLastPrice"/>).</summary>
    public required int MarkFallbackBarCount { get; init; }

    /// <summary>The runs of bars that fell back to the last price, in time order.</summary>
    public required IReadOnlyList<BarSpan> MarkFallbackSpans { get; init; }

    /// <summary>Mark bars with no price bar at the same open time (ignored).</summary>
    public required int MarkBarsWithoutPriceBar { get; init; }

    /// <summary>Price bars dropped because they lie outside the mark series (policy <see cref="MissingMarkPolicy.StartWhereMarkStarts"/>).</summary>
    public required int BarsTrimmedToMark { get; init; }

    /// <summary>Funding settlements kept (those that settle at one of the bars).</summary>
    public required int FundingEventCount { get; init; }

    /// <summary>Funding settlements in the file (after the symbol filter) that settle at none of the returned bars.</summary>
    public required int FundingEventsOutsideBars { get; init; }

    /// <summary>Runs of equally spaced settlements over the kept events, in time order.</summary>
    public required IReadOnlyList<FundingIntervalSpan> FundingIntervals { get; init; }

    /// <summary>The distinct funding intervals found, milliseconds, most frequent first.</summary>
    public IReadOnlyList<long> DistinctFundingIntervalsMs =>
        FundingIntervals.GroupBy(s => s.IntervalMs)
            .OrderByDescending(g => g.Sum(s => s.IntervalCount))
            .ThenBy(g => g.Key)
            .Select(g => g.Key)
            .ToArray();

    /// <summary>Settlements whose time is not on a whole second (millisecond jitter), matched to bars within the tolerance of <see cref="FundingEvents.SettlementToleranceMs"/>.</summary>
    public required int FundingEventsWithJitter { get; init; }

    /// <summary>Interval of the files before resampling, or null when the data was not resampled.</summary>
    public long? ResampledFromIntervalMs { get; init; }

    /// <summary>Incomplete edge buckets dropped by resampling.</summary>
    public int DroppedEdgeBuckets { get; init; }

    /// <summary>Resampled bars built from fewer source bars than a full bucket (gaps inside, or kept edges).</summary>
    public int IncompleteBuckets { get; init; }

    /// <summary>Things worth knowing that are not errors (no volume column, flat zero-volume bars, …).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
