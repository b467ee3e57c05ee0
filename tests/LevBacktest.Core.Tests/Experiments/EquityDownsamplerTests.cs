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
    public void Random_curves_of_any_length_and_bucket_count_keep_exactly_the_defined_bars()
    {
        // Curves built from stretches, so buckets of every length (2 bars to thousands) meet what the vector passes must
        // get right: a bucket starting on NaN (and NaN inside or filling a bucket), ties across vector lanes and in the
        // last partial vector (the first bar must win), −0 against +0, ±∞, flat stretches (a stopped-out run), negative
        // and zero peaks, new peaks and long drawdowns, and more liquidation bars than fit on the stack, repeated.
        // −∞ is left out: under a +∞ peak its quotient is NaN and the kept drawdown bar follows the stretch-minimum rule,
        // not a division at every bar (A_negative_infinity_under_an_infinite_peak_keeps_the_rule_of_the_stretch_minimum).
        double[] palette = [double.NaN, -5, -0.0, 0, 1, 2, 2, 3, 100, double.PositiveInfinity];
        var cases = Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var random = new Random(seed);
            int n = random.Next(4) switch { 0 => random.Next(1, 40), 1 => random.Next(40, 600), 2 => random.Next(600, 3_000), _ => 8_760 };
            var equity = new double[n];
            double walk = random.Next(5) == 0 ? -100 : 100;
            for (int i = 0; i < n;)
            {
                int length = Math.Min(n - i, random.Next(1, 200));
                int kind = random.Next(6);
                double flat = random.Next(3) == 0 ? palette[random.Next(palette.Length)] : Math.Round(walk, 1);
                for (int k = 0; k < length; k++, i++)
                {
                    walk *= Math.Exp(0.03 * ((2 * random.NextDouble()) - 1));
                    equity[i] = kind switch
                    {
                        0 => flat,
                        1 => palette[random.Next(palette.Length)],
                        2 => Math.Round(walk, 0),
                        3 => random.Next(8) == 0 ? double.NaN : walk,
                        _ => walk,
                    };
                }
            }

            int buckets = random.Next(4) switch { 0 => random.Next(1, 9), 1 => random.Next(1, (n / 4) + 2), 2 => random.Next(1, (n / 2) + 2), _ => 100 };
            int[] liquidations = Enumerable.Range(0, random.Next(3) == 0 ? random.Next(60, 80) : random.Next(0, 4)).Select(_ => random.Next(n)).ToArray();
            return (equity, buckets, liquidations);
        });
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int[] expected = ByDefinition(c.equity, c.buckets, c.liquidations);
            foreach (int[] kept in new[] { EquityDownsampler.KeptBars(c.equity, c.buckets, c.liquidations), EquityDownsampler.KeptBars(c.equity, c.buckets, c.liquidations.AsEnumerable()) })
            {
                if (!expected.SequenceEqual(kept))
                {
                    Assert.Fail(Describe(c.equity, c.buckets, c.liquidations, expected, kept));
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    [Fact]
    public void Ties_across_vector_lanes_keep_the_first_bar_and_a_leading_NaN_gives_way()
    {
        // One bucket of 11 bars, worked by hand (a 4-wide vector pass sees bars 0-3 and 4-7 in lanes 0-3; 8-10 are the
        // tail). Minimum 1 at bars 3 (lane 3), 6 (lane 2) and 8 (tail): bar 3, though its lane comes last. Maximum 9 at
        // bars 5, 9 and 10: bar 5. Deepest drawdown: bar 6 (1 below the peak 9 = −8/9; bar 3's 1 was below a peak of 4).
        double[] equity = [4, 2, 3, 1, 5, 9, 1, 2, 1, 9, 9];
        Assert.Equal([0, 3, 5, 6, 10], EquityDownsampler.KeptBars(equity, 1, []));

        // The first bar is NaN: the next bar takes over, then the first minimum stays (−0 at bar 2; +0 at bar 4 ties it)
        // and so does the first maximum (7 at bar 1). Deepest drawdown: bar 2 (−0 is 100 % below the peak 7).
        double[] leadingNaN = [double.NaN, 7, -0.0, 7, 0, double.NaN, 3, 7, 1];
        Assert.Equal([0, 1, 2, 8], EquityDownsampler.KeptBars(leadingNaN, 1, []));

        // Every bar NaN: the last bar of each bucket of 10 stands for its minimum and maximum, as the scalar rule leaves it.
        double[] allNaN = [.. Enumerable.Repeat(double.NaN, 20)];
        Assert.Equal([0, 9, 19], EquityDownsampler.KeptBars(allNaN, 2, []));
    }

    [Fact]
    public void A_negative_infinity_under_an_infinite_peak_keeps_the_rule_of_the_stretch_minimum()
    {
        // After the peak +∞ (bar 1), bar 2's −∞ is the stretch's minimum but −∞ / +∞ is NaN, never a deeper drawdown;
        // bar 3's 0 (0 / +∞ − 1 = −1) is not below that minimum, so it is never divided: no drawdown bar but bar 0. A
        // division at every bar would keep bar 3. Equity is never infinite in a run; this pins the rule as it stands.
        double[] equity = [1, double.PositiveInfinity, double.NegativeInfinity, 0, 5, 5, 5];
        Assert.Equal([0, 1, 2, 6], EquityDownsampler.KeptBars(equity, 1, []));
    }

    private static string Describe(double[] equity, int buckets, int[] liquidations, int[] expected, int[] kept)
        => $"equity [{string.Join(", ", equity.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}], {buckets} buckets, "
        + $"liquidations [{string.Join(", ", liquidations)}]: expected [{string.Join(", ", expected)}], kept [{string.Join(", ", kept)}]";

    [Fact]
    public void A_liquidation_bar_outside_the_curve_is_rejected()
    {
        double[] equity = [1, 2, 3, 4, 5, 6, 7];
        Assert.Throws<ArgumentOutOfRangeException>(() => EquityDownsampler.KeptBars(equity, 2, [7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquityDownsampler.KeptBars(equity, 2, [-1]));
    }
}
