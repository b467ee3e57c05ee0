using LevBacktest.Core.Data;

using static LevBacktest.Core.Tests.Data.Csv;

namespace LevBacktest.Core.Tests.Data;

public sealed class MarketDataResamplerTests
{
    /// <summary>
    /// Ten hourly bars from 2024-01-01 02:00 to 11:00 UTC (so the 4h bucket 00–04 is
    /// partial, 04–08 complete), with hand-picked values.
    /// </summary>
    private static MarketData TenHours(FundingEvents? funding = null, bool withMark = true)
    {
        long[] time = Enumerable.Range(2, 10).Select(h => Start + (h * Hour)).ToArray();
        double[] open = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
        double[] high = [12, 13, 20, 14, 16, 17, 18, 19, 20, 21];
        double[] low = [9, 10, 11, 5, 13, 14, 15, 16, 17, 18];
        double[] close = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
        double[] volume = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] markOpen = open.Select(x => x + 0.5).ToArray();
        double[] markHigh = high.Select(x => x + 0.25).ToArray();
        double[] markLow = low.Select(x => x + 1).ToArray();
        double[] markClose = close.Select(x => x - 0.5).ToArray();
        return withMark
            ? new MarketData("T", Hour, time, open, high, low, close, volume, markOpen, markHigh, markLow, markClose, funding ?? FundingEvents.Empty)
            : new MarketData("T", Hour, time, open, high, low, close, volume, default, default, default, default, funding ?? FundingEvents.Empty);
    }

    [Fact]
    public void Four_hour_bars_aggregate_first_open_max_high_min_low_last_close_summed_volume()
    {
        var result = MarketDataResampler.Resample(TenHours(), 4 * Hour, PartialBucketPolicy.DropIncompleteEdges, out var summary);

        // The partial first bucket 00:00–04:00 (02:00, 03:00) is dropped; 04–08 (indices 2..5) and 08–12 (6..9) are complete.
        Assert.Equal(2, result.Count);
        Assert.Equal(4 * Hour, result.BarIntervalMs);
        Assert.Equal(new[] { Start + (4 * Hour), Start + (8 * Hour) }, result.OpenTimeMs.ToArray());
        Assert.Equal(new double[] { 12, 16 }, result.Open.ToArray());
        Assert.Equal(new double[] { 20, 21 }, result.High.ToArray());
        Assert.Equal(new double[] { 5, 15 }, result.Low.ToArray());
        Assert.Equal(new double[] { 16, 20 }, result.Close.ToArray());
        Assert.Equal(new double[] { 3 + 4 + 5 + 6, 7 + 8 + 9 + 10 }, result.Volume.ToArray());
        Assert.Equal(new double[] { 12.5, 16.5 }, result.MarkOpen.ToArray());
        Assert.Equal(new double[] { 20.25, 21.25 }, result.MarkHigh.ToArray());
        Assert.Equal(new double[] { 6, 16 }, result.MarkLow.ToArray());
        Assert.Equal(new double[] { 15.5, 19.5 }, result.MarkClose.ToArray());
        Assert.Equal(new ResampleSummary(Hour, 4 * Hour, 2, 0, 1), summary);
    }

    [Fact]
    public void Kept_edges_are_aggregated_from_the_bars_they_hold_and_aligned_to_utc()
    {
        var result = MarketDataResampler.Resample(TenHours(), 4 * Hour, PartialBucketPolicy.KeepIncompleteEdges, out var summary);
        Assert.Equal(new[] { Start, Start + (4 * Hour), Start + (8 * Hour) }, result.OpenTimeMs.ToArray());

        // 00–04 holds 02:00, 03:00; 08–12 holds 08:00..11:00 (complete).
        Assert.Equal(new double[] { 10, 12, 16 }, result.Open.ToArray());
        Assert.Equal(new double[] { 13, 20, 21 }, result.High.ToArray());
        Assert.Equal(new double[] { 9, 5, 15 }, result.Low.ToArray());
        Assert.Equal(new double[] { 12, 16, 20 }, result.Close.ToArray());
        Assert.Equal(new double[] { 3, 18, 34 }, result.Volume.ToArray());
        Assert.Equal(new ResampleSummary(Hour, 4 * Hour, 3, 1, 0), summary);
    }

    [Fact]
    public void Daily_buckets_start_at_midnight_utc_and_interior_gaps_give_incomplete_bars()
    {
        // 72 hourly bars from 2024-01-01 00:00, with 30 h of day 2 missing... (hours 30..35 removed).
        var hours = Enumerable.Range(0, 72).Where(h => h < 30 || h > 35).ToArray();
        long[] time = hours.Select(h => Start + (h * Hour)).ToArray();
        double[] price = hours.Select(h => 100.0 + h).ToArray();
        var data = new MarketData("T", Hour, time, price, price.Select(p => p + 1).ToArray(), price.Select(p => p - 1).ToArray(), price, price.Select(_ => 1.0).ToArray(), default, default, default, default, FundingEvents.Empty);
        var result = MarketDataResampler.Resample(data, 24 * Hour, PartialBucketPolicy.DropIncompleteEdges, out var summary);
        Assert.Equal(new[] { Start, Start + (24 * Hour), Start + (48 * Hour) }, result.OpenTimeMs.ToArray());
        Assert.Equal(new double[] { 24, 18, 24 }, result.Volume.ToArray());
        Assert.Equal(new double[] { 100, 124, 148 }, result.Open.ToArray());
        Assert.Equal(new double[] { 123, 147, 171 }, result.Close.ToArray());
        Assert.Equal(new double[] { 124, 148, 172 }, result.High.ToArray());
        Assert.Equal(1, summary.IncompleteBucketCount);
        Assert.Equal(0, summary.DroppedEdgeBucketCount);
    }

    [Fact]
    public void Weekly_buckets_start_on_monday()
    {
        // 2024-01-01 was a Monday; 14 days of daily bars from Wednesday 2024-01-03.
        long day = 24 * Hour;
        long[] time = Enumerable.Range(2, 14).Select(d => Start + (d * day)).ToArray();
        double[] price = time.Select((_, i) => 100.0 + i).ToArray();
        var data = new MarketData("T", day, time, price, price, price, price, price, default, default, default, default, FundingEvents.Empty);
        var kept = MarketDataResampler.Resample(data, 7 * day, PartialBucketPolicy.KeepIncompleteEdges);
        Assert.Equal(new[] { Start, Start + (7 * day), Start + (14 * day) }, kept.OpenTimeMs.ToArray());
        var dropped = MarketDataResampler.Resample(data, 7 * day);
        Assert.Equal(new[] { Start + (7 * day) }, dropped.OpenTimeMs.ToArray());
        Assert.Equal(105, dropped.Open.Span[0]);
    }

    [Fact]
    public void Funding_keeps_its_times_and_settles_at_the_next_coarse_open()
    {
        var funding = new FundingEvents(new[] { Start + (3 * Hour), Start + (8 * Hour) + 5, Start + (11 * Hour) }, new[] { 0.001, 0.002, 0.003 }, ReadOnlyMemory<double>.Empty);
        var result = MarketDataResampler.Resample(TenHours(funding), 4 * Hour, PartialBucketPolicy.KeepIncompleteEdges);
        Assert.Equal(new[] { Start + (3 * Hour), Start + (8 * Hour) + 5 }, result.Funding.TimeMs.ToArray());
        Assert.Equal(new[] { 1, 2 }, result.FundingBarIndex.ToArray());
    }

    [Theory]
    [InlineData(90 * 60 * 1000L)]
    [InlineData(5 * 3_600_000L)]
    [InlineData(-3_600_000L)]
    public void Targets_that_are_not_multiples_or_not_day_aligned_are_rejected(long target)
    {
        Assert.Throws<ArgumentException>(() => MarketDataResampler.Resample(TenHours(), target));
    }

    [Fact]
    public void Resampling_twice_equals_resampling_once_when_buckets_nest()
    {
        var hours = Enumerable.Range(0, 24 * 10).ToArray();
        var random = new Random(7);
        long[] time = hours.Select(h => Start + (h * Hour)).ToArray();
        double[] open = hours.Select(_ => 100 + random.NextDouble()).ToArray();
        double[] close = hours.Select(_ => 100 + random.NextDouble()).ToArray();
        double[] high = open.Zip(close, (o, c) => Math.Max(o, c) + random.NextDouble()).ToArray();
        double[] low = open.Zip(close, (o, c) => Math.Min(o, c) - random.NextDouble()).ToArray();
        double[] volume = hours.Select(_ => Math.Round(random.NextDouble() * 8, 3)).ToArray();
        var data = new MarketData("T", Hour, time, open, high, low, close, volume, open, high, low, close, FundingEvents.Empty);
        var direct = MarketDataResampler.Resample(data, 24 * Hour);
        var stepped = MarketDataResampler.Resample(MarketDataResampler.Resample(data, 4 * Hour), 24 * Hour);
        Assert.Equal(direct.OpenTimeMs.ToArray(), stepped.OpenTimeMs.ToArray());
        Assert.Equal(direct.Open.ToArray(), stepped.Open.ToArray());
        Assert.Equal(direct.High.ToArray(), stepped.High.ToArray());
        Assert.Equal(direct.Low.ToArray(), stepped.Low.ToArray());
        Assert.Equal(direct.Close.ToArray(), stepped.Close.ToArray());
        Assert.Equal(direct.MarkLow.ToArray(), stepped.MarkLow.ToArray());
        for (int i = 0; i < direct.Count; i++)
        {
            Assert.Equal(direct.Volume.Span[i], stepped.Volume.Span[i], 9);
        }
    }
}
