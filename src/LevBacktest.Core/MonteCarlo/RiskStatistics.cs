namespace LevBacktest.Core.MonteCarlo;

/// <summary>The estimators of the Monte Carlo summary: Wilson score interval, sample quantiles, expected shortfall.</summary>
public static class RiskStatistics
{
    /// <summary>z of a two-sided 95 % normal interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The quantile levels reported for final equity and max drawdown: 5, 25, 50, 75 and 95 %.</summary>
    public static IReadOnlyList<double> QuantileLevels { get; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>
    /// Wilson score interval for a binomial proportion (Wilson, JASA 22(158), 1927): with p̂ = k/n,
    /// centre (p̂ + z²/2n) / (1 + z²/n) ± z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²). Unlike p̂ ± z√(p̂(1−p̂)/n) it stays
    /// inside [0, 1] and is not empty at k = 0 or k = n.
    /// </summary>
    /// <param name="successes">k, 0 ≤ k ≤ n.</param>
    /// <param name="trials">n, positive.</param>
    /// <param name="z">Normal quantile of the interval (1.96 for 95 %, 2.576 for 99 %).</param>
    /// <returns>Lower and upper bound (fractions).</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1 or k outside [0, n].</exception>
    public static (double Lower, double Upper) WilsonInterval(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + (z2 / n);
        double centre = (p + (z2 / (2 * n))) / denominator;
        double half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Sample quantile by linear interpolation between order statistics (Hyndman and Fan's type 7, the default of R
    /// and NumPy): h = (n − 1)·q, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
    /// </summary>
    /// <param name="sorted">Values in ascending order, at least one.</param>
    /// <param name="level">q in [0, 1].</param>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Quantile(ReadOnlySpan<double> sorted, double level)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        }

        double h = (sorted.Length - 1) * level;
        int lower = (int)Math.Floor(h);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        return sorted[lower] + ((h - lower) * (sorted[lower + 1] - sorted[lower]));
    }

    /// <summary>
    /// Expected shortfall (lower tail) at level α: the mean of the ⌈α·n⌉ smallest values, i.e. the average outcome of
    /// the worst α of the paths.
    /// </summary>
    /// <param name="sorted">Values in ascending order, at least one.</param>
    /// <param name="alpha">Tail fraction in (0, 1].</param>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double ExpectedShortfall(ReadOnlySpan<double> sorted, double alpha)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("Expected shortfall needs at least one value.", nameof(sorted));
        }

        int count = Math.Clamp((int)Math.Ceiling((alpha * sorted.Length) - 1e-9), 1, sorted.Length);
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += sorted[i];
        }

        return sum / count;
    }
}
