using LevBacktest.Core.Data;

namespace LevBacktest.Strategies.Indicators;

/// <summary>True range and Wilder's average true range (J. Welles Wilder, "New Concepts in Technical Trading Systems", 1978).</summary>
/// <remarks>Output i depends on bars 0..i only. Destinations must be at least as long as the inputs.</remarks>
public static class AverageTrueRange
{
    /// <summary>
    /// True range TR_i = max(high_i − low_i, |high_i − close_{i−1}|, |low_i − close_{i−1}|); the first bar has no
    /// previous close, so TR_0 = high_0 − low_0. Units: price (USDT).
    /// </summary>
    /// <param name="high">Bar highs, length n.</param>
    /// <param name="low">Bar lows, length n.</param>
    /// <param name="close">Bar closes, length n.</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentException">The columns' lengths disagree or the destination is too short.</exception>
    public static void TrueRange(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> destination)
    {
        RequireSameLength(high, low, close);
        RollingStatistics.RequireLength(high.Length, destination.Length);
        for (int i = 0; i < high.Length; i++)
        {
            double range = high[i] - low[i];
            if (i > 0)
            {
                double previousClose = close[i - 1];
                range = Math.Max(range, Math.Max(Math.Abs(high[i] - previousClose), Math.Abs(low[i] - previousClose)));
            }

            destination[i] = range;
        }
    }

    /// <summary>
    /// Wilder's ATR: the first value, at index period − 1, is the mean of TR_0..TR_{period−1}; then
    /// ATR_i = (ATR_{i−1} · (period − 1) + TR_i) / period (an EMA with α = 1/period). NaN before index
    /// period − 1. Units: price (USDT).
    /// </summary>
    /// <param name="high">Bar highs, length n.</param>
    /// <param name="low">Bar lows, length n.</param>
    /// <param name="close">Bar closes, length n.</param>
    /// <param name="period">Smoothing period in bars, ≥ 1 (Wilder used 14).</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The columns' lengths disagree or the destination is too short.</exception>
    public static void Wilder(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        TrueRange(high, low, close, destination);
        double sum = 0.0;
        double average = double.NaN;
        for (int i = 0; i < high.Length; i++)
        {
            double trueRange = destination[i];
            if (i < period - 1)
            {
                sum += trueRange;
                destination[i] = double.NaN;
            }
            else if (i == period - 1)
            {
                average = (sum + trueRange) / period;
                destination[i] = average;
            }
            else
            {
                average = ((average * (period - 1)) + trueRange) / period;
                destination[i] = average;
            }
        }
    }

    private static void RequireSameLength(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close)
    {
        if (low.Length != high.Length || close.Length != high.Length)
        {
            throw new ArgumentException($"High, low and close must have the same length, got {high.Length}, {low.Length} and {close.Length}.");
        }
    }

    /// <summary>
    /// <see cref="Wilder"/> over <paramref name="data"/>'s bars, computed once per data set and period and shared
    /// read-only by every run (<see cref="SharedSeries"/>); length = data.Count. Do not write into it.
    /// </summary>
    /// <param name="data">The run's market data.</param>
    /// <param name="period">Wilder period in bars, ≥ 1.</param>
    public static double[] WilderShared(MarketData data, int period)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SharedSeries.Of(data).GetOrCompute($"atr-wilder(period={period})", 8L * data.Count, () =>
        {
            var atr = new double[data.Count];
            Wilder(data.High.Span, data.Low.Span, data.Close.Span, period, atr);
            return atr;
        });
    }
}
