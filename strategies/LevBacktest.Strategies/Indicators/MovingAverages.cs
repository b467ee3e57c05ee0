namespace LevBacktest.Strategies.Indicators;

/// <summary>Simple and exponential moving averages, written into a caller-supplied destination.</summary>
/// <remarks>
/// Output i depends on inputs 0..i only. Warm-up outputs are NaN (see each method). Destinations must be
/// at least as long as the input.
/// </remarks>
public static class MovingAverages
{
    /// <summary>
    /// Simple moving average: the mean of the last <paramref name="period"/> values, NaN for the first
    /// period − 1 outputs (and while a NaN input is inside the window).
    /// </summary>
    /// <param name="values">Input, length n.</param>
    /// <param name="period">Bars averaged, ≥ 1.</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input or overlaps it.</exception>
    public static void Simple(ReadOnlySpan<double> values, int period, Span<double> destination) =>
        RollingStatistics.Mean(values, period, destination);

    /// <summary>
    /// Exponential moving average with smoothing α = 2 / (period + 1):
    /// EMA_i = EMA_{i−1} + α · (x_i − EMA_{i−1}), seeded at the <paramref name="period"/>-th valid value
    /// with the simple average of the first <paramref name="period"/> values (the usual convention, so the
    /// first output does not over-weight x_0). NaN before the seed; a NaN input restarts the warm-up. May be computed in place.
    /// </summary>
    /// <param name="values">Input, length n.</param>
    /// <param name="period">Period, ≥ 1 (1 reproduces the input).</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input.</exception>
    public static void Exponential(ReadOnlySpan<double> values, int period, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        RollingStatistics.RequireLength(values.Length, destination.Length);
        double alpha = 2.0 / (period + 1.0);
        int valid = 0;
        double sum = 0.0;
        double average = double.NaN;
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (double.IsNaN(x))
            {
                valid = 0;
                sum = 0.0;
                destination[i] = double.NaN;
                continue;
            }

            valid++;
            if (valid < period)
            {
                sum += x;
                destination[i] = double.NaN;
            }
            else if (valid == period)
            {
                sum += x;
                average = sum / period;
                destination[i] = average;
            }
            else
            {
                average += alpha * (x - average);
                destination[i] = average;
            }
        }
    }
}
