using System.Runtime.CompilerServices;
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
        // would otherwise allocate (and the kernel zero) one flag per bar. The deepest drawdown is followed bucket by
        // bucket in the same pass, while the bucket is still in the first-level cache.
        Span<int> bucketBars = buckets <= 1024 ? stackalloc int[2 * buckets] : new int[2 * buckets];
        var drawdown = DeepestDrawdown.Start;
        for (int b = 0; b < buckets; b++)
        {
            int first = (int)((long)b * n / buckets);
            int end = (int)((long)(b + 1) * n / buckets);
            (int lowest, int highest) = LowestAndHighest(equity, first, end);
            bucketBars[2 * b] = Math.Min(lowest, highest);
            bucketBars[(2 * b) + 1] = Math.Max(lowest, highest);
            drawdown.Take(equity, first, end, equity[lowest], equity[highest]);
        }

        Span<int> extra = liquidationBars.Length <= 61 ? stackalloc int[3 + liquidationBars.Length] : new int[3 + liquidationBars.Length];
        extra[0] = 0;
        extra[1] = n - 1;
        extra[2] = drawdown.Bar;
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
    /// This and the other vector methods are compiled fully optimized at their first call: the ReadyToRun image leaves
    /// methods using Vector256 to the JIT (the instruction set is known only at run time), whose first tier would make
    /// every vector operation a call, and in S1 (10,000 curves handed over within seconds) that tier ran for up to a third of
    /// the downsampler's time before the rejit arrived.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Lowest, int Highest) LowestAndHighest(ReadOnlySpan<double> equity, int first, int end)
    {
        var bucket = equity[first..end];
        if (Vector256.IsHardwareAccelerated && bucket.Length >= 2 * Vector256<double>.Count
            && VectorLowestAndHighest(bucket) is (int low, int high))
        {
            return (first + low, first + high);
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

    /// <summary>
    /// <see cref="LowestAndHighest"/> of <paramref name="values"/> (at least two vectors long) in one vector pass, or null
    /// when one of its first <see cref="Vector256{T}.Count"/> values is NaN (the scalar rule then decides).
    /// </summary>
    /// <remarks>
    /// Lane k follows the scalar rule over the values at k, k + width, k + 2·width …, keeping its lowest and highest value
    /// and the index where each was first reached (a strictly lower or higher value moves it, so a tie keeps the earlier
    /// index, and −0 ties +0 as in the scalar rule). Lanes start on a number, so a later NaN never moves them, as in the
    /// scalar rule. The bucket's first minimum is then the lanes' lowest value at the smallest index holding it; the
    /// values after the last whole vector continue the scalar rule from there (the rule is a left fold, so continuing
    /// from the state it had reached is the same as running it from the start).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Lowest, int Highest)? VectorLowestAndHighest(ReadOnlySpan<double> values)
    {
        int width = Vector256<double>.Count;
        ref double start = ref MemoryMarshal.GetReference(values);
        var low = Vector256.LoadUnsafe(ref start);
        if (!Vector256.EqualsAll(low, low))
        {
            return null;
        }

        var high = low;
        var index = Vector256.Create(0L, 1L, 2L, 3L);
        var lowIndex = index;
        var highIndex = index;
        var step = Vector256.Create((long)width);
        int i = width;
        for (; i <= values.Length - width; i += width)
        {
            var next = Vector256.LoadUnsafe(ref start, (nuint)i);
            index += step;
            var below = Vector256.LessThan(next, low);
            var above = Vector256.GreaterThan(next, high);
            low = Vector256.ConditionalSelect(below, next, low);
            high = Vector256.ConditionalSelect(above, next, high);
            lowIndex = Vector256.ConditionalSelect(below.AsInt64(), index, lowIndex);
            highIndex = Vector256.ConditionalSelect(above.AsInt64(), index, highIndex);
        }

        double lowValue = low.GetElement(0);
        double highValue = high.GetElement(0);
        long lowest = lowIndex.GetElement(0);
        long highest = highIndex.GetElement(0);
        for (int lane = 1; lane < width; lane++)
        {
            double laneLow = low.GetElement(lane);
            long laneLowest = lowIndex.GetElement(lane);
            if (laneLow < lowValue || (laneLow == lowValue && laneLowest < lowest))
            {
                lowValue = laneLow;
                lowest = laneLowest;
            }

            double laneHigh = high.GetElement(lane);
            long laneHighest = highIndex.GetElement(lane);
            if (laneHigh > highValue || (laneHigh == highValue && laneHighest < highest))
            {
                highValue = laneHigh;
                highest = laneHighest;
            }
        }

        for (; i < values.Length; i++)
        {
            double value = values[i];
            if (value < lowValue)
            {
                lowValue = value;
                lowest = i;
            }

            if (value > highValue)
            {
                highValue = value;
                highest = i;
            }
        }

        return ((int)lowest, (int)highest);
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
        // Each column read as a span once: per row only the six loads and stores (the bars are checked against them).
        var times = curve.OpenTimeMs.Span;
        ReadOnlySpan<double> equityAt = curve.Equity;
        ReadOnlySpan<double> notionalAt = curve.PositionNotional;
        ReadOnlySpan<double> leverageAt = curve.EffectiveLeverage;
        ReadOnlySpan<double> marginRatioAt = curve.MarginRatio;
        ReadOnlySpan<double> liquidationPriceAt = curve.LiquidationPrice;
        openTimeMs = openTimeMs[..bars.Length];
        equity = equity[..bars.Length];
        notional = notional[..bars.Length];
        leverage = leverage[..bars.Length];
        marginRatio = marginRatio[..bars.Length];
        liquidationPrice = liquidationPrice[..bars.Length];
        for (int k = 0; k < bars.Length; k++)
        {
            int i = bars[k];
            openTimeMs[k] = times[i];
            equity[k] = equityAt[i];
            notional[k] = notionalAt[i];
            leverage[k] = leverageAt[i];
            marginRatio[k] = marginRatioAt[i];
            liquidationPrice[k] = liquidationPriceAt[i];
        }
    }

    /// <summary>
    /// The bar where equity is furthest below its running peak (relative), the first on ties; 0 when never below: the
    /// state after the bars taken so far, taken in order a slice at a time.
    /// </summary>
    /// <remarks>
    /// Between two new peaks the peak is fixed and positive, and value / peak (correctly rounded) never decreases as
    /// the value grows, so only a bar below every earlier bar since the peak can set a deeper drawdown: the division
    /// is done for those bars alone. The chosen bar is the one a division at every bar would choose (a deeper
    /// drawdown needs a strictly smaller quotient, and a bar not below the stretch's minimum cannot give one).
    /// A bar neither above the peak nor below the stretch's minimum (NaN included: both comparisons are false) changes
    /// nothing, so a slice whose highest value is not above the peak and whose lowest is not below the stretch's minimum
    /// is passed over whole, and inside a slice a vector of such bars is passed over with two vector comparisons; the
    /// other bars take the scalar step.
    /// </remarks>
    private struct DeepestDrawdown
    {
        private double _peak;
        private double _lowestSincePeak;
        private double _deepest;

        /// <summary>Before the first bar: no peak yet, no drawdown.</summary>
        public static DeepestDrawdown Start => new() { _peak = double.NegativeInfinity, _lowestSincePeak = double.PositiveInfinity };

        /// <summary>The bar of the deepest drawdown so far (0 while none).</summary>
        public int Bar { get; private set; }

        /// <summary>Takes bars [first, end), whose lowest and highest numbers are given (NaN when every bar is NaN).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Take(ReadOnlySpan<double> equity, int first, int end, double lowest, double highest)
        {
            if (!(highest > _peak) && !(lowest < _lowestSincePeak))
            {
                return;
            }

            int i = first;
            if (Vector256.IsHardwareAccelerated)
            {
                int width = Vector256<double>.Count;
                ref double start = ref MemoryMarshal.GetReference(equity);
                var peak = Vector256.Create(_peak);
                var lowestSincePeak = Vector256.Create(_lowestSincePeak);
                for (; i <= end - width; i += width)
                {
                    var next = Vector256.LoadUnsafe(ref start, (nuint)i);
                    if (!Vector256.GreaterThanAny(next, peak) && !Vector256.LessThanAny(next, lowestSincePeak))
                    {
                        continue;
                    }

                    for (int j = i; j < i + width; j++)
                    {
                        Step(equity[j], j);
                    }

                    peak = Vector256.Create(_peak);
                    lowestSincePeak = Vector256.Create(_lowestSincePeak);
                }
            }

            for (; i < end; i++)
            {
                Step(equity[i], i);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Step(double value, int index)
        {
            if (value > _peak)
            {
                _peak = value;
                _lowestSincePeak = value;
            }
            else if (value < _lowestSincePeak)
            {
                _lowestSincePeak = value;
                if (_peak > 0)
                {
                    double drawdown = (value / _peak) - 1;
                    if (drawdown < _deepest)
                    {
                        _deepest = drawdown;
                        Bar = index;
                    }
                }
            }
        }
    }
}
