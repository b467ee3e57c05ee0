namespace LevBacktest.Core.Portfolio;

/// <summary>The sizing rules' arithmetic: target weights over the wanted instruments, and realised volatility.</summary>
internal static class PortfolioWeights
{
    /// <summary>
    /// Realised volatility at each bar b of <paramref name="close"/>: the sample standard deviation (divisor m − 1) of the
    /// m = <paramref name="lookback"/> log returns ln(close[t] / close[t − 1]), t = b − m + 1 … b; NaN for b &lt; m.
    /// Per bar, not annualised (every instrument of a portfolio has the same bar interval, and only ratios matter).
    /// </summary>
    public static double[] RealizedVolatility(ReadOnlySpan<double> close, int lookback)
    {
        var result = new double[close.Length];
        for (int b = 0; b < close.Length; b++)
        {
            if (b < lookback)
            {
                result[b] = double.NaN;
                continue;
            }

            double sum = 0;
            for (int t = b - lookback + 1; t <= b; t++)
            {
                sum += Math.Log(close[t] / close[t - 1]);
            }

            double mean = sum / lookback;
            double squares = 0;
            for (int t = b - lookback + 1; t <= b; t++)
            {
                double deviation = Math.Log(close[t] / close[t - 1]) - mean;
                squares += deviation * deviation;
            }

            result[b] = Math.Sqrt(squares / (lookback - 1));
        }

        return result;
    }

    /// <summary>
    /// The raw (unnormalised) weight of an instrument that wants a position: 1 (equal), its fixed weight, or 1/σ at its
    /// latest bar (0 when σ is not yet known or is 0: no position until it is).
    /// </summary>
    public static double Raw(PortfolioWeighting weighting, double fixedWeight, double[]? volatility, int lastBar) => weighting switch
    {
        PortfolioWeighting.Equal => 1,
        PortfolioWeighting.Fixed => fixedWeight,
        _ => lastBar >= 0 && volatility![lastBar] > 0 ? 1 / volatility[lastBar] : 0,
    };
}
