using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Chooses the bars a downsampled equity curve keeps. The run's bars are cut into <c>buckets</c> equal slices
/// (slice b holds bars ⌊b·n/B⌋ … ⌊(b+1)·n/B⌋ − 1); each keeps its bars of minimum and of maximum equity (the first
/// such bar on ties). On top of those: the first and the last bar, the bar of maximum drawdown (equity furthest below
/// its running peak, as a fraction of the peak) and every bar with a liquidation. Kept rows are the engine's own
/// values at those bars, not averages, so each run's minimum and maximum equity, its deepest drawdown and its
/// liquidation bars are exact, and a line through the kept points has the full curve's envelope at bucket
/// resolution (the min/max decimation used for plotting long series). At most 2·buckets + 3 + liquidations rows.
/// </summary>
public static class EquityDownsampler
{
    /// <summary>The kept bar indices, ascending and distinct.</summary>
    /// <param name="equity">The run's equity (USDT) at each bar close; length n.</param>
    /// <param name="buckets">Slices, ≥ 1; with 2·buckets ≥ n every bar is kept.</param>
    /// <param name="liquidationBars">Bars (0 ≤ bar &lt; n) with a liquidation, any order.</param>
    /// <returns>Bar indices into <paramref name="equity"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">buckets &lt; 1 or a liquidation bar outside the curve.</exception>
    public static int[] KeptBars(ReadOnlySpan<double> equity, int buckets, IEnumerable<int> liquidationBars)
    {
        ArgumentNullException.ThrowIfNull(liquidationBars);
        return KeptBars(equity, buckets, [.. liquidationBars]);
    }

    /// <summary>As <see cref="KeptBars(ReadOnlySpan{double}, int, IEnumerable{int})"/>, the liquidation bars given as a span.</summary>
    /// <param name="equity">The run's equity (USDT) at each bar close; length n.</param>
    /// <param name="buckets">Slices, ≥ 1; with 2·buckets ≥ n every bar is kept.</param>
    /// <param name="liquidationBars">Bars (0 ≤ bar &lt; n) with a liquidation, any order.</param>
    /// <returns>Bar indices into <paramref name="equity"/>, ascending and distinct.</returns>
    /// <exception cref="ArgumentOutOfRangeException">buckets &lt; 1 or a liquidation bar outside the curve.</exception>
    public static int[] KeptBars(ReadOnlySpan<double> equity, int buckets, ReadOnlySpan<int> liquidationBars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        int n = equity.Length;
        if (n <= 2L * buckets)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        foreach (int bar in liquidationBars)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bar);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bar, n);
        }

        // Each bucket's two bars, ascending; buckets are consecutive slices, so the whole list is ascending (with a
        // repeat where a bucket's lowest and highest bar coincide). No per-bar flag array: a run of a long sweep
        // would otherwise allocate (and the kernel zero) one flag per bar.
        Span<int> bucketBars = buckets <= 1024 ? stackalloc int[2 * buckets] : new int[2 * buckets];
        for (int b = 0; b < buckets; b++)
        {
            int first = (int)((long)b * n / buckets);
            int end = (int)((long)(b + 1) * n / buckets);
            (int lowest, int highest) = LowestAndHighest(equity, first, end);
            bucketBars[2 * b] = Math.Min(lowest, highest);
            bucketBars[(2 * b) + 1] = Math.Max(lowest, highest);
        }

        Span<int> extra = liquidationBars.Length <= 61 ? stackalloc int[3 + liquidationBars.Length] : new int[3 + liquidationBars.Length];
        extra[0] = 0;
        extra[1] = n - 1;
        extra[2] = DeepestDrawdownBar(equity);
        liquidationBars.CopyTo(extra[3..]);
        extra.Sort();
        var merged = new int[MergeDistinct(bucketBars, extra, [])];
        MergeDistinct(bucketBars, extra, merged);
        return merged;
    }

    /// <summary>
    /// The first bar of minimum and the first bar of maximum equity in [first, end): ordered comparisons are false for
    /// NaN, so a NaN never displaces a number, while a NaN held so far is displaced by the next bar whatever it is.
    /// </summary>
    /// <remarks>
    /// A bucket without NaN takes a vector pass for its minimum and maximum, then the first bar equal to each (== holds
    /// between −0 and +0, as the scalar rule's strict comparisons do, so the same bar is found); a bucket with a NaN
    /// takes the scalar rule.
    /// </remarks>
    private static (int Lowest, int Highest) LowestAndHighest(ReadOnlySpan<double> equity, int first, int end)
    {
        var bucket = equity[first..end];
        if (Vector256.IsHardwareAccelerated && bucket.Length >= 2 * Vector256<double>.Count
            && VectorMinimumAndMaximum(bucket) is (double low, double high))
        {
            return (first + FirstEqual(bucket, low), first + FirstEqual(bucket, high));
        }

        int lowest = first;
        int highest = first;
        double lowValue = equity[first];
        double highValue = lowValue;
        for (int i = first + 1; i < end; i++)
        {
            double value = equity[i];
            if (value < lowValue || double.IsNaN(lowValue))
            {
                lowValue = value;
                lowest = i;
            }

            if (value > highValue || double.IsNaN(highValue))
            {
                highValue = value;
                highest = i;
            }
        }

        return (lowest, highest);
    }

    /// <summary>The minimum and maximum of <paramref name="values"/> (at least two vectors long), or null when one is NaN.</summary>
    private static (double Low, double High)? VectorMinimumAndMaximum(ReadOnlySpan<double> values)
    {
        int width = Vector256<double>.Count;
        ref double start = ref MemoryMarshal.GetReference(values);
        var low = Vector256.LoadUnsafe(ref start);
        var high = low;
        var numbers = Vector256.Equals(low, low);
        for (int i = width; i < values.Length; i += width)
        {
            // The last load overlaps the one before it when the length is not a multiple of the width: min and max do not mind.
            var next = Vector256.LoadUnsafe(ref start, (nuint)Math.Min(i, values.Length - width));
            low = Vector256.Min(low, next);
            high = Vector256.Max(high, next);
            numbers &= Vector256.Equals(next, next);
        }

        if (Vector256.ExtractMostSignificantBits(numbers) != (1u << width) - 1)
        {
            return null;
        }

        double lowest = low[0];
        double highest = high[0];
        for (int lane = 1; lane < width; lane++)
        {
            lowest = Math.Min(lowest, low[lane]);
            highest = Math.Max(highest, high[lane]);
        }

        return (lowest, highest);
    }

    /// <summary>The index of the first value == <paramref name="target"/> (one exists).</summary>
    private static int FirstEqual(ReadOnlySpan<double> values, double target)
    {
        int i = 0;
        while (values[i] != target)
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// The distinct values of two ascending spans, ascending, written to <paramref name="merged"/> when it is not empty
    /// (it must then hold them all); returns how many there are, so a first call with an empty span sizes the array.
    /// </summary>
    private static int MergeDistinct(ReadOnlySpan<int> left, ReadOnlySpan<int> right, Span<int> merged)
    {
        int count = 0;
        int last = 0;
        int l = 0;
        int r = 0;
        while (l < left.Length || r < right.Length)
        {
            int next = r == right.Length || (l < left.Length && left[l] <= right[r]) ? left[l++] : right[r++];
            if (count == 0 || last != next)
            {
                if (!merged.IsEmpty)
                {
                    merged[count] = next;
                }

                last = next;
                count++;
            }
        }

        return count;
    }

    /// <summary>The rows of <paramref name="curve"/> at <paramref name="bars"/>, as a new curve.</summary>
    /// <param name="curve">The run's full curve.</param>
    /// <param name="bars">Ascending bar indices into it.</param>
    public static EquityCurve Select(EquityCurve curve, int[] bars)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(bars);
        var selectedTimes = new long[bars.Length];
        var equity = new double[bars.Length];
        var notional = new double[bars.Length];
        var leverage = new double[bars.Length];
        var marginRatio = new double[bars.Length];
        var liquidationPrice = new double[bars.Length];
        Gather(curve, bars, selectedTimes, equity, notional, leverage, marginRatio, liquidationPrice);
        return new EquityCurve(selectedTimes, equity, notional, leverage, marginRatio, liquidationPrice);
    }

    /// <summary>
    /// Copies <paramref name="curve"/>'s rows at <paramref name="bars"/> into the given columns, row k from bar
    /// bars[k]; every column is at least bars.Length long.
    /// </summary>
    internal static void Gather(
        EquityCurve curve,
        ReadOnlySpan<int> bars,
        Span<long> openTimeMs,
        Span<double> equity,
        Span<double> notional,
        Span<double> leverage,
        Span<double> marginRatio,
        Span<double> liquidationPrice)
    {
        var times = curve.OpenTimeMs.Span;
        for (int k = 0; k < bars.Length; k++)
        {
            int i = bars[k];
            openTimeMs[k] = times[i];
            equity[k] = curve.Equity[i];
            notional[k] = curve.PositionNotional[i];
            leverage[k] = curve.EffectiveLeverage[i];
            marginRatio[k] = curve.MarginRatio[i];
            liquidationPrice[k] = curve.LiquidationPrice[i];
        }
    }

    /// <summary>The bar where equity is furthest below its running peak (relative), the first on ties; 0 when never below.</summary>
    /// <remarks>
    /// Between two new peaks the peak is fixed and positive, and value / peak (correctly rounded) never decreases as
    /// the value grows, so only a bar below every earlier bar since the peak can set a deeper drawdown: the division
    /// is done for those bars alone. The chosen bar is the one a division at every bar would choose (a deeper
    /// drawdown needs a strictly smaller quotient, and a bar not below the stretch's minimum cannot give one).
    /// </remarks>
    private static int DeepestDrawdownBar(ReadOnlySpan<double> equity)
    {
        double peak = double.NegativeInfinity;
        double lowestSincePeak = double.PositiveInfinity;
        double deepest = 0;
        int bar = 0;
        for (int i = 0; i < equity.Length; i++)
        {
            double value = equity[i];
            if (value > peak)
            {
                peak = value;
                lowestSincePeak = value;
            }
            else if (value < lowestSincePeak)
            {
                lowestSincePeak = value;
                if (peak > 0)
                {
                    double drawdown = (value / peak) - 1;
                    if (drawdown < deepest)
                    {
                        deepest = drawdown;
                        bar = i;
                    }
                }
            }
        }

        return bar;
    }
}
