namespace LevBacktest.Core.Metrics;

/// <summary>
/// An inverse (coin-margined) run's equity valued in USD: coin equity × last-price close at every bar close, the
/// initial capital valued at the first bar's open. The run's <see cref="RunMetrics"/> are in the coin; these say what
/// the same account did in dollars (a 1x inverse short is flat here while its coin equity swings).
/// </summary>
/// <param name="InitialCapitalUsd">Initial coin capital × first bar's open, USD.</param>
/// <param name="FinalEquityUsd">Final coin equity × last close, USD.</param>
/// <param name="TotalReturnUsd">FinalEquityUsd / InitialCapitalUsd − 1, fraction.</param>
/// <param name="CagrUsd">(1 + TotalReturnUsd)^(1/years) − 1 over the run's years (as <see cref="RunMetrics.Years"/>); −1 when wiped out.</param>
/// <param name="MaxDrawdownUsd">Largest 1 − USD equity / running peak at bar closes (peak starting at InitialCapitalUsd), fraction.</param>
public sealed record UsdEquityMetrics(double InitialCapitalUsd, double FinalEquityUsd, double TotalReturnUsd, double CagrUsd, double MaxDrawdownUsd)
{
    /// <summary>Metric names in summary.json, in the order of the record's parameters.</summary>
    public static IReadOnlyList<string> Names { get; } = ["initialCapitalUsd", "finalEquityUsd", "totalReturnUsd", "cagrUsd", "maxDrawdownUsd"];

    /// <summary>(name, value) pairs in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> ToNamedValues() =>
    [
        new(Names[0], InitialCapitalUsd), new(Names[1], FinalEquityUsd), new(Names[2], TotalReturnUsd), new(Names[3], CagrUsd), new(Names[4], MaxDrawdownUsd),
    ];

    /// <summary>Values the coin equity curve in USD.</summary>
    /// <param name="initialCapital">Initial capital in the coin, &gt; 0.</param>
    /// <param name="firstOpen">Last-price open of the first bar, USD per coin.</param>
    /// <param name="close">Last-price closes, USD per coin; same length as <paramref name="equity"/>.</param>
    /// <param name="equity">Coin equity at each bar close.</param>
    /// <param name="years">Length of the run in years.</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static UsdEquityMetrics Compute(double initialCapital, double firstOpen, ReadOnlySpan<double> close, ReadOnlySpan<double> equity, double years)
    {
        if (close.Length != equity.Length)
        {
            throw new ArgumentException($"{close.Length} closes for {equity.Length} equity values.", nameof(close));
        }

        double initial = initialCapital * firstOpen;
        double peak = initial, maxDrawdown = 0, usd = initial;
        for (int i = 0; i < equity.Length; i++)
        {
            usd = equity[i] * close[i];
            if (usd > peak)
            {
                peak = usd;
            }
            else if (peak > 0 && 1 - (usd / peak) > maxDrawdown)
            {
                maxDrawdown = 1 - (usd / peak);
            }
        }

        double totalReturn = (usd / initial) - 1;
        double cagr = usd <= 0 ? -1 : years > 0 ? Math.Pow(usd / initial, 1 / years) - 1 : 0;
        return new UsdEquityMetrics(initial, usd, totalReturn, cagr, maxDrawdown);
    }
}
