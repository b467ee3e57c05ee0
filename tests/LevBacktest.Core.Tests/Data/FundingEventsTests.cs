using LevBacktest.Core.Data;

using static LevBacktest.Core.Tests.Data.Csv;

namespace LevBacktest.Core.Tests.Data;

public sealed class FundingEventsTests
{
    [Fact]
    public void Settlement_bar_is_the_first_bar_opening_at_or_after_the_time_less_one_second()
    {
        long[] bars = Enumerable.Range(0, 6).Select(h => Start + (h * Hour)).ToArray();
        long[] times =
        [
            Start - 1_000,               // 1 s early: still bar 0
            Start + Hour + 3,            // 3 ms late: bar 1
            Start + (2 * Hour) - 999,    // 999 ms early: bar 2
            Start + (3 * Hour) - 1_001,  // more than 1 s early: settles at bar 3's open (the first bar opening after it)
            Start + (3 * Hour) + 1_001,  // inside bar 3: next bar's open
            Start + (5 * Hour) + 10,     // 10 ms after the last bar opens: that bar
            Start + (5 * Hour) + 2_000,  // 2 s after the last bar opens: no bar left
        ];
        var funding = new FundingEvents(times, new double[times.Length], ReadOnlyMemory<double>.Empty);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6 }, funding.SettlementBarIndices(bars));
    }

    [Fact]
    public void Explicit_tolerance_decides_whether_a_jittered_stamp_settles_at_its_own_bar()
    {
        long[] bars = Enumerable.Range(0, 4).Select(h => Start + (h * Hour)).ToArray();
        long[] times = [Start + Hour + 3, Start + (2 * Hour) - 3];
        var funding = new FundingEvents(times, new double[times.Length], ReadOnlyMemory<double>.Empty);

        // Exact matching: 3 ms late misses bar 1 and waits for bar 2; 3 ms early is taken by bar 2.
        Assert.Equal([2, 2], funding.SettlementBarIndices(bars, toleranceMs: 0));

        // A 5 ms tolerance absorbs the late stamp (bar 1) and leaves the early one at bar 2.
        Assert.Equal([1, 2], funding.SettlementBarIndices(bars, toleranceMs: 5));

        // The default overload is the 1 s tolerance.
        Assert.Equal(funding.SettlementBarIndices(bars, FundingEvents.SettlementToleranceMs), funding.SettlementBarIndices(bars));
        Assert.Throws<ArgumentOutOfRangeException>(() => funding.SettlementBarIndices(bars, toleranceMs: -1));
    }

    [Fact]
    public void Market_data_slice_keeps_events_by_settlement_bar_and_shares_memory()
    {
        long[] bars = Enumerable.Range(0, 4).Select(h => Start + (h * Hour)).ToArray();
        double[] price = [1, 1, 1, 1];
        var funding = new FundingEvents(new[] { Start + Hour - 5, Start + (2 * Hour) + 5 }, new[] { 0.1, 0.2 }, ReadOnlyMemory<double>.Empty);
        var data = new MarketData("T", Hour, bars, price, price, price, price, price, default, default, default, default, funding);
        var slice = data.Slice(Start + Hour, Start + (2 * Hour));
        Assert.Equal(1, slice.Count);
        Assert.Equal(new[] { 0.1 }, slice.Funding.Rate.ToArray());
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(slice.Close, out var segment));
        Assert.Same(price, segment.Array);
        Assert.Equal(1, data.IndexOf(Start + Hour));
        Assert.Equal(-1, data.IndexOf(Start + Hour + 1));
    }
}
