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
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentNullException.ThrowIfNull(liquidationBars);
        int n = equity.Length;
        if (n <= 2L * buckets)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var kept = new bool[n];
        kept[0] = true;
        kept[n - 1] = true;
        for (int b = 0; b < buckets; b++)
        {
            int first = (int)((long)b * n / buckets);
            int end = (int)((long)(b + 1) * n / buckets);
            int lowest = first;
            int highest = first;
            for (int i = first + 1; i < end; i++)
            {
                // Ordered comparisons are false for NaN, so a NaN never displaces a number.
                if (equity[i] < equity[lowest] || double.IsNaN(equity[lowest]))
                {
                    lowest = i;
                }

                if (equity[i] > equity[highest] || double.IsNaN(equity[highest]))
                {
                    highest = i;
                }
            }

            kept[lowest] = true;
            kept[highest] = true;
        }

        kept[DeepestDrawdownBar(equity)] = true;
        foreach (int bar in liquidationBars)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bar);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bar, n);
            kept[bar] = true;
        }

        int count = 0;
        foreach (bool k in kept)
        {
            count += k ? 1 : 0;
        }

        var bars = new int[count];
        int next = 0;
        for (int i = 0; i < n; i++)
        {
            if (kept[i])
            {
                bars[next++] = i;
            }
        }

        return bars;
    }

    /// <summary>The rows of <paramref name="curve"/> at <paramref name="bars"/>, as a new curve.</summary>
    /// <param name="curve">The run's full curve.</param>
    /// <param name="bars">Ascending bar indices into it.</param>
    public static EquityCurve Select(EquityCurve curve, int[] bars)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(bars);
        var times = curve.OpenTimeMs.Span;
        var selectedTimes = new long[bars.Length];
        var equity = new double[bars.Length];
        var notional = new double[bars.Length];
        var leverage = new double[bars.Length];
        var marginRatio = new double[bars.Length];
        var liquidationPrice = new double[bars.Length];
        for (int k = 0; k < bars.Length; k++)
        {
            int i = bars[k];
            selectedTimes[k] = times[i];
            equity[k] = curve.Equity[i];
            notional[k] = curve.PositionNotional[i];
            leverage[k] = curve.EffectiveLeverage[i];
            marginRatio[k] = curve.MarginRatio[i];
            liquidationPrice[k] = curve.LiquidationPrice[i];
        }

        return new EquityCurve(selectedTimes, equity, notional, leverage, marginRatio, liquidationPrice);
    }

    /// <summary>The bar where equity is furthest below its running peak (relative), the first on ties; 0 when never below.</summary>
    private static int DeepestDrawdownBar(ReadOnlySpan<double> equity)
    {
        double peak = double.NegativeInfinity;
        double deepest = 0;
        int bar = 0;
        for (int i = 0; i < equity.Length; i++)
        {
            double value = equity[i];
            if (value > peak)
            {
                peak = value;
            }

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

        return bar;
    }
}
