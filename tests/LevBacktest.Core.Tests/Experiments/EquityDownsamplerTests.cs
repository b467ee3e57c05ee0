using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class EquityDownsamplerTests
{
    [Fact]
    public void Each_bucket_keeps_its_lowest_and_highest_bar_plus_the_ends()
    {
        // 12 bars in 3 buckets of 4 (0-3, 4-7, 8-11), worked by hand:
        // bucket 0: min 90 at bar 2, max 110 at bar 1; bucket 1: min 80 at bar 6, max 105 at bar 4;
        // bucket 2: min 95 at bar 9, max 130 at bar 11. First bar 0 and last bar 11 always.
        // Deepest drawdown below the running peak 110: 80 at bar 6 (already kept).
        double[] equity = [100, 110, 90, 100, 105, 100, 80, 100, 100, 95, 120, 130];
        int[] kept = EquityDownsampler.KeptBars(equity, 3, []);
        Assert.Equal([0, 1, 2, 4, 6, 9, 11], kept);
    }

    [Fact]
    public void Liquidation_bars_and_the_deepest_drawdown_are_kept_exactly()
    {
        // One bucket of 10 keeps min (bar 9) and max (bar 3); the deepest drawdown relative to its peak is bar 1
        // (50 below a peak of 100 = −50 %; bar 9 is 60 below 200 = −30 %); bar 5 was liquidated.
        double[] equity = [100, 50, 120, 200, 180, 170, 160, 150, 145, 140];
        int[] kept = EquityDownsampler.KeptBars(equity, 1, [5]);
        Assert.Equal([0, 1, 3, 5, 9], kept);
    }

    [Fact]
    public void A_curve_short_enough_is_kept_whole()
    {
        double[] equity = [1, 2, 3, 4, 5, 6];
        Assert.Equal([0, 1, 2, 3, 4, 5], EquityDownsampler.KeptBars(equity, 3, []));
    }

    [Fact]
    public void The_minimum_of_a_long_random_curve_survives_and_rows_stay_within_the_bound()
    {
        var random = new Random(11);
        var equity = new double[100_000];
        double value = 10_000;
        for (int i = 0; i < equity.Length; i++)
        {
            value *= Math.Exp(0.01 * ((2 * random.NextDouble()) - 1));
            equity[i] = value;
        }

        int[] kept = EquityDownsampler.KeptBars(equity, 250, [12_345]);
        Assert.InRange(kept.Length, 250, (2 * 250) + 3 + 1);
        Assert.Equal(equity.Min(), kept.Select(i => equity[i]).Min());
        Assert.Equal(equity.Max(), kept.Select(i => equity[i]).Max());
        Assert.Contains(12_345, kept);
        Assert.Equal(kept.Order().Distinct(), kept);
    }
}
