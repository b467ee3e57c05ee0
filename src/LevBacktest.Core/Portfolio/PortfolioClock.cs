namespace LevBacktest.Core.Portfolio;

/// <summary>The portfolio's bar clock: the union of the instruments' bar open times.</summary>
internal static class PortfolioClock
{
    /// <summary>Sorted distinct open times (UTC ms) of every instrument's bars: a merge of the instruments' strictly increasing
    /// times, O(total bars) (one instrument: a copy of its times).</summary>
    public static long[] Union(IReadOnlyList<PortfolioInstrument> instruments)
    {
        long[] clock = instruments[0].Data.OpenTimeMs.ToArray();
        for (int k = 1; k < instruments.Count; k++)
        {
            clock = Merge(clock, instruments[k].Data.OpenTimeMs.Span);
        }

        return clock;
    }

    private static long[] Merge(long[] left, ReadOnlySpan<long> right)
    {
        var merged = new long[left.Length + right.Length];
        int i = 0, j = 0, count = 0;
        while (i < left.Length || j < right.Length)
        {
            long next = j >= right.Length || (i < left.Length && left[i] <= right[j]) ? left[i] : right[j];
            merged[count++] = next;
            while (i < left.Length && left[i] == next)
            {
                i++;
            }

            while (j < right.Length && right[j] == next)
            {
                j++;
            }
        }

        return merged[..count];
    }

    /// <summary>For each clock bar, the index of the bar of <paramref name="own"/> (strictly increasing times) at that time, or −1.</summary>
    public static int[] MapToClock(long[] clock, ReadOnlySpan<long> own)
    {
        var map = new int[clock.Length];
        int j = 0;
        for (int i = 0; i < clock.Length; i++)
        {
            while (j < own.Length && own[j] < clock[i])
            {
                j++;
            }

            map[i] = j < own.Length && own[j] == clock[i] ? j : -1;
        }

        return map;
    }
}
