using System.Globalization;

using LevBacktest.Core.Data;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>Builds the generator a <see cref="MonteCarloSpec"/> names, on the experiment's loaded data.</summary>
public static class PathGeneratorFactory
{
    /// <summary>
    /// The generator: <c>bootstrap</c> resamples <paramref name="data"/>; <c>gbm</c> starts at its first open and time,
    /// with its bar interval, and — unless the spec gives a volatility — its realised volatility (<see cref="RealisedVolatility"/>).
    /// </summary>
    /// <param name="spec">The Monte Carlo settings.</param>
    /// <param name="data">The experiment's data, at least two bars.</param>
    /// <exception cref="ArgumentException">The horizon is shorter than two bars or the mean block shorter than one bar; the message says which.</exception>
    public static IPathGenerator Create(MonteCarloSpec spec, MarketData data)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        long interval = data.BarIntervalMs;
        long bars = spec.HorizonMs / interval;
        if (bars < 2 || bars > 50_000_000)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the horizon of {spec.HorizonMs / 3_600_000.0:0.##} h holds {bars} bars of {interval / 60_000} min; it needs at least 2."));
        }

        if (data.Count < 2)
        {
            throw new ArgumentException($"the data holds {data.Count} bar(s); a Monte Carlo run needs at least 2.");
        }

        if (spec.Generator == "gbm")
        {
            double volatility = double.IsNaN(spec.Volatility) ? RealisedVolatility(data) : spec.Volatility;
            return new GeometricBrownianMotion(
                data.Symbol,
                data.Open.Span[0],
                data.OpenTimeMs.Span[0],
                interval,
                (int)bars,
                spec.Drift,
                volatility,
                spec.FundingRate,
                spec.FundingIntervalMs,
                spec.CloseOnly);
        }

        double meanBlock = (double)spec.MeanBlockMs / interval;
        if (meanBlock < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the mean block of {spec.MeanBlockMs / 60_000.0:0.##} min is shorter than one bar ({interval / 60_000} min)."));
        }

        return new StationaryBlockBootstrap(data, (int)bars, meanBlock);
    }

    /// <summary>
    /// Annualised volatility of <paramref name="data"/>: the sample standard deviation of the close-to-close log returns
    /// times √(bars per 365-day year).
    /// </summary>
    /// <param name="data">At least three bars.</param>
    public static double RealisedVolatility(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var close = data.Close.Span;
        int n = close.Length - 1;
        if (n < 2)
        {
            return 0;
        }

        double mean = 0, m2 = 0;
        for (int i = 1; i <= n; i++)
        {
            // Welford's update: stable for long series of small returns.
            double x = Math.Log(close[i] / close[i - 1]);
            double delta = x - mean;
            mean += delta / i;
            m2 += delta * (x - mean);
        }

        return Math.Sqrt(m2 / (n - 1) * (GeometricBrownianMotion.MillisecondsPerYear / data.BarIntervalMs));
    }
}
