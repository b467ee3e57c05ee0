namespace LevBacktest.Strategies.Indicators;

/// <summary>
/// Returns and trailing-window statistics over a series, computed in one pass into a caller-supplied
/// destination (no allocation), for use in <c>Prepare</c>.
/// </summary>
/// <remarks>
/// Every output at index i depends on inputs 0..i only (no look-ahead). Warm-up: an output is NaN until
/// its window holds <c>window</c> consecutive non-NaN inputs; a NaN input makes the outputs NaN until the
/// window is full of valid values again. Destinations must be at least as long as the input. The windowed
/// statistics re-read earlier inputs, so their destination must not overlap the input (the returns may be
/// computed in place).
/// </remarks>
public static class RollingStatistics
{
    /// <summary>Log returns r_i = ln(close_i / close_{i−1}); r_0 = NaN.</summary>
    /// <param name="close">Prices (positive), length n.</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentException">The destination is shorter than the input.</exception>
    public static void LogReturns(ReadOnlySpan<double> close, Span<double> destination)
    {
        RequireLength(close.Length, destination.Length);
        if (close.Length == 0)
        {
            return;
        }

        destination[0] = double.NaN;
        for (int i = 1; i < close.Length; i++)
        {
            destination[i] = Math.Log(close[i] / close[i - 1]);
        }
    }

    /// <summary>Simple returns r_i = close_i / close_{i−1} − 1; r_0 = NaN.</summary>
    /// <param name="close">Prices (positive), length n.</param>
    /// <param name="destination">Length ≥ n.</param>
    /// <exception cref="ArgumentException">The destination is shorter than the input.</exception>
    public static void SimpleReturns(ReadOnlySpan<double> close, Span<double> destination)
    {
        RequireLength(close.Length, destination.Length);
        if (close.Length == 0)
        {
            return;
        }

        destination[0] = double.NaN;
        for (int i = 1; i < close.Length; i++)
        {
            destination[i] = (close[i] / close[i - 1]) - 1.0;
        }
    }

    /// <summary>Trailing mean of the last <paramref name="window"/> values (the simple moving average).</summary>
    /// <param name="values">Input, length n.</param>
    /// <param name="window">Window length in samples, ≥ 1.</param>
    /// <param name="destination">Length ≥ n; NaN during warm-up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input or overlaps it.</exception>
    public static void Mean(ReadOnlySpan<double> values, int window, Span<double> destination) =>
        Compute(values, window, destination, Output.Mean);

    /// <summary>
    /// Trailing sample variance (divisor window − 1) of the last <paramref name="window"/> values, updated
    /// with the sliding form of Welford's algorithm (Welford 1962; Knuth TAOCP vol. 2 §4.2.2) so that
    /// long series do not lose precision to cancellation.
    /// </summary>
    /// <param name="values">Input, length n.</param>
    /// <param name="window">Window length in samples, ≥ 2.</param>
    /// <param name="destination">Length ≥ n; NaN during warm-up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 2.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input or overlaps it.</exception>
    public static void Variance(ReadOnlySpan<double> values, int window, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        Compute(values, window, destination, Output.Variance);
    }

    /// <summary>Trailing sample standard deviation (square root of <see cref="Variance"/>).</summary>
    /// <param name="values">Input, length n.</param>
    /// <param name="window">Window length in samples, ≥ 2.</param>
    /// <param name="destination">Length ≥ n; NaN during warm-up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 2.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the input or overlaps it.</exception>
    public static void StandardDeviation(ReadOnlySpan<double> values, int window, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        Compute(values, window, destination, Output.StandardDeviation);
    }

    internal static void RequireSeparate(ReadOnlySpan<double> values, Span<double> destination)
    {
        if (values.Overlaps(destination))
        {
            throw new ArgumentException("The destination overlaps the input; windowed statistics need a separate destination.", nameof(destination));
        }
    }

    internal static void RequireLength(int inputLength, int destinationLength)
    {
        if (destinationLength < inputLength)
        {
            throw new ArgumentException($"Destination has {destinationLength} elements but the input has {inputLength}.", "destination");
        }
    }

    private static void Compute(ReadOnlySpan<double> values, int window, Span<double> destination, Output output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        RequireLength(values.Length, destination.Length);
        RequireSeparate(values, destination);
        int valid = 0;        // consecutive non-NaN inputs ending at i
        double mean = 0.0;
        double sumOfSquares = 0.0;  // Σ (x − mean)² over the window
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (double.IsNaN(x))
            {
                valid = 0;
                destination[i] = double.NaN;
                continue;
            }

            valid++;
            if (valid <= window)
            {
                // Growing window (Welford's online update).
                double delta = x - mean;
                mean += delta / valid;
                sumOfSquares += delta * (x - mean);
            }
            else
            {
                // Sliding window: x replaces the value that leaves.
                double leaving = values[i - window];
                double oldMean = mean;
                mean += (x - leaving) / window;
                sumOfSquares += (x - leaving) * ((x - mean) + (leaving - oldMean));
                if (sumOfSquares < 0.0)
                {
                    sumOfSquares = 0.0;  // rounding can push a zero variance slightly negative
                }
            }

            if (valid < window)
            {
                destination[i] = double.NaN;
                continue;
            }

            destination[i] = output switch
            {
                Output.Mean => mean,
                Output.Variance => sumOfSquares / (window - 1),
                _ => Math.Sqrt(sumOfSquares / (window - 1)),
            };
        }
    }

    private enum Output
    {
        Mean,
        Variance,
        StandardDeviation,
    }
}
