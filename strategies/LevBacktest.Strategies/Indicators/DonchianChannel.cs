using System.Buffers;

namespace LevBacktest.Strategies.Indicators;

/// <summary>
/// Donchian channel bounds: the highest high and the lowest low of the last <c>period</c> bars, bar i
/// included (Richard Donchian; the channel of the Turtle trading rules).
/// </summary>
/// <remarks>
/// Output i covers bars i − period + 1..i and is NaN for i &lt; period − 1. A breakout rule that compares
/// bar i's close with the channel of the bars before it reads the output at i − 1. Computed in O(n) with a
/// monotonic queue whose buffer is rented from <see cref="ArrayPool{T}.Shared"/>.
/// </remarks>
public static class DonchianChannel
{
    /// <summary>Highest value of the last <paramref name="period"/> values (upper band from highs).</summary>
    /// <param name="high">Bar highs, length n.</param>
    /// <param name="period">Bars in the channel, ≥ 1.</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input or overlaps it.</exception>
    public static void Upper(ReadOnlySpan<double> high, int period, Span<double> destination) =>
        Extreme(high, period, destination, sign: 1.0);

    /// <summary>Lowest value of the last <paramref name="period"/> values (lower band from lows).</summary>
    /// <param name="low">Bar lows, length n.</param>
    /// <param name="period">Bars in the channel, ≥ 1.</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input or overlaps it.</exception>
    public static void Lower(ReadOnlySpan<double> low, int period, Span<double> destination) =>
        Extreme(low, period, destination, sign: -1.0);

    private static void Extreme(ReadOnlySpan<double> values, int period, Span<double> destination, double sign)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        RollingStatistics.RequireLength(values.Length, destination.Length);
        RollingStatistics.RequireSeparate(values, destination);
        int capacity = Math.Min(period, values.Length) + 1;
        int[] queue = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            // Ring buffer of indices whose values (times sign) are strictly decreasing from head to tail:
            // the head is the window's extreme.
            int head = 0, count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double key = sign * values[i];
                while (count > 0 && sign * values[queue[(head + count - 1) % capacity]] <= key)
                {
                    count--;
                }

                queue[(head + count) % capacity] = i;
                count++;
                if (queue[head] <= i - period)
                {
                    head = (head + 1) % capacity;
                    count--;
                }

                destination[i] = i >= period - 1 ? values[queue[head]] : double.NaN;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(queue);
        }
    }
}
