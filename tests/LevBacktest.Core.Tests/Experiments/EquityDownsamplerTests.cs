using FsCheck;
using FsCheck.Fluent;

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

    /// <summary>
    /// The kept bars as the class documentation defines them, computed the plain way: one flag per bar, each bucket's
    /// first minimum and first maximum (a NaN held so far gives way to the next bar), the ends, the first bar of the
    /// deepest relative drawdown (divided at every bar) and the liquidation bars.
    /// </summary>
    private static int[] ByDefinition(double[] equity, int buckets, int[] liquidationBars)
    {
        int n = equity.Length;
        if (n <= 2L * buckets)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var kept = new bool[n];
        kept[0] = kept[n - 1] = true;
        for (int b = 0; b < buckets; b++)
        {
            int first = (int)((long)b * n / buckets);
            int end = (int)((long)(b + 1) * n / buckets);
            int lowest = first;
            int highest = first;
            for (int i = first + 1; i < end; i++)
            {
                lowest = equity[i] < equity[lowest] || double.IsNaN(equity[lowest]) ? i : lowest;
                highest = equity[i] > equity[highest] || double.IsNaN(equity[highest]) ? i : highest;
            }

            kept[lowest] = kept[highest] = true;
        }

        double peak = double.NegativeInfinity;
        double deepest = 0;
        int deepestBar = 0;
        for (int i = 0; i < n; i++)
        {
            peak = equity[i] > peak ? equity[i] : peak;
            if (peak > 0 && (equity[i] / peak) - 1 < deepest)
            {
                deepest = (equity[i] / peak) - 1;
                deepestBar = i;
            }
        }

        kept[deepestBar] = true;
        foreach (int bar in liquidationBars)
        {
            kept[bar] = true;
        }

        return Enumerable.Range(0, n).Where(i => kept[i]).ToArray();
    }

    [Fact]
    public void Random_curves_with_ties_NaN_negative_and_zero_equity_keep_exactly_the_defined_bars()
    {
        // Values from a small set make ties (first-on-ties matters) and equal quotients; NaN, 0 and negative equity
        // exercise the NaN rule and the "peak > 0" rule; steps make new peaks and long drawdowns.
        double[] palette = [double.NaN, -5, 0, -0.0, 0.5, 1, 2, 3, 3.0000000000000004, 7, 100, 1e300, double.PositiveInfinity];
        var cases = Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var random = new Random(seed);
            int n = random.Next(1, 400);
            var equity = new double[n];
            double walk = 100;
            for (int i = 0; i < n; i++)
            {
                walk *= Math.Exp(0.05 * ((2 * random.NextDouble()) - 1));
                equity[i] = random.NextDouble() < 0.15 ? palette[random.Next(palette.Length)] : Math.Round(walk, random.Next(0, 3));
            }

            int buckets = random.Next(1, 60);
            int[] liquidations = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(n)).ToArray();
            return (equity, buckets, liquidations);
        });
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int[] expected = ByDefinition(c.equity, c.buckets, c.liquidations);
            int[] kept = EquityDownsampler.KeptBars(c.equity, c.buckets, c.liquidations.AsEnumerable());
            Assert.True(
                expected.SequenceEqual(kept),
                $"equity [{string.Join(", ", c.equity.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}], {c.buckets} buckets, "
                + $"liquidations [{string.Join(", ", c.liquidations)}]: expected [{string.Join(", ", expected)}], kept [{string.Join(", ", kept)}]");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    [Fact]
    public void A_liquidation_bar_outside_the_curve_is_rejected()
    {
        double[] equity = [1, 2, 3, 4, 5, 6, 7];
        Assert.Throws<ArgumentOutOfRangeException>(() => EquityDownsampler.KeptBars(equity, 2, [7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquityDownsampler.KeptBars(equity, 2, [-1]));
    }
}
