namespace LevBacktest.Core.Data.Sources;

/// <summary>Facts about validated series for the report: gaps and funding intervals.</summary>
internal static class SeriesAnalysis
{
    /// <summary>Every step larger than the interval between consecutive open times.</summary>
    public static List<DataGap> FindGaps(ReadOnlySpan<long> openTimeMs, long intervalMs)
    {
        var gaps = new List<DataGap>();
        for (int i = 1; i < openTimeMs.Length; i++)
        {
            long step = openTimeMs[i] - openTimeMs[i - 1];
            if (step > intervalMs)
            {
                gaps.Add(new DataGap(openTimeMs[i - 1], openTimeMs[i], (step / intervalMs) - 1));
            }
        }

        return gaps;
    }

    /// <summary>Runs of equally spaced settlements, spacing rounded to the minute.</summary>
    public static List<FundingIntervalSpan> FundingIntervals(ReadOnlySpan<long> timeMs)
    {
        var spans = new List<FundingIntervalSpan>();
        for (int i = 1; i < timeMs.Length; i++)
        {
            long spacing = (long)Math.Round((timeMs[i] - timeMs[i - 1]) / 60_000.0, MidpointRounding.AwayFromZero) * 60_000;
            if (spans.Count > 0 && spans[^1].IntervalMs == spacing)
            {
                var last = spans[^1];
                spans[^1] = last with { ToMs = timeMs[i], IntervalCount = last.IntervalCount + 1 };
            }
            else
            {
                spans.Add(new FundingIntervalSpan(spacing, timeMs[i - 1], timeMs[i], 1));
            }
        }

        return spans;
    }

    /// <summary>Settlements not stamped on a whole second.</summary>
    public static int CountJitter(ReadOnlySpan<long> timeMs)
    {
        int count = 0;
        foreach (long time in timeMs)
        {
            if (time % 1_000 != 0)
            {
                count++;
            }
        }

        return count;
    }
}
