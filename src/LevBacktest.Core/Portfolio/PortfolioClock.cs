namespace LevBacktest.Core.Portfolio;

/// <summary>The portfolio's bar clock: the union of the instruments' bar open times.</summary>
internal static class PortfolioClock
{
    /// <summary>Sorted distinct open times (UTC ms) of every instrument's bars.</summary>
    public static long[] Union(IReadOnlyList<PortfolioInstrument> instruments)
    {
        int total = 0;
        foreach (var instrument in instruments)
        {
            total += instrument.Data.Count;
        }

        var times = new long[total];
        int at = 0;
        foreach (var instrument in instruments)
        {
            instrument.Data.OpenTimeMs.Span.CopyTo(times.AsSpan(at));
            at += instrument.Data.Count;
        }

        Array.Sort(times);
        int distinct = 0;
        for (int i = 0; i < times.Length; i++)
        {
            if (distinct == 0 || times[distinct - 1] != times[i])
            {
                times[distinct++] = times[i];
            }
        }

        return times[..distinct];
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
