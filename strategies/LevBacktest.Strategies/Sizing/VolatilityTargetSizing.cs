using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.Sizing;

/// <summary>
/// Volatility targeting (risk-adjusted leverage): L = target σ / realised σ, capped at the leverage under test.
/// </summary>
/// <remarks>
/// Realised σ is the sample standard deviation of the last <c>lookback</c> log returns of closes,
/// annualised by √(bars per year) with bars per year = 365 · 86,400,000 / bar interval (ms) — crypto trades
/// every day. A fill at bar i's open uses returns up to bar i − 1's close. Warm-up: 0 (do not open) until
/// lookback returns exist, i.e. for fill bars i ≤ lookback. A realised σ of zero gives the cap.
/// With <c>rebalanceEvery</c> = N &gt; 0 the position is resized to the new target every N bars.
/// </remarks>
public sealed class VolatilityTargetSizing : ISizing
{
    private double[] _annualisedVolatility = [];

    /// <summary>Creates the rule.</summary>
    /// <param name="targetVolatility">Target annualised volatility of the position (fraction, 0.5 = 50 %/yr), &gt; 0.</param>
    /// <param name="lookback">Log returns in the realised-volatility window, ≥ 2.</param>
    /// <param name="rebalanceEvery">Bars between resizes, or 0 to size only at entry.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range.</exception>
    public VolatilityTargetSizing(double targetVolatility, int lookback, int rebalanceEvery)
    {
        if (!(targetVolatility > 0.0 && double.IsFinite(targetVolatility)))
        {
            throw new ArgumentOutOfRangeException(nameof(targetVolatility), targetVolatility, "Target volatility must be a positive finite fraction per year.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(rebalanceEvery);
        TargetVolatility = targetVolatility;
        Lookback = lookback;
        RebalanceEvery = rebalanceEvery;
    }

    /// <summary>Registration of "vol-target".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "vol-target",
        "Leverage = target volatility / realised volatility of log returns (annualised, 365-day year), capped at the leverage under test.",
        [
            StrategyParameter.Number("targetVolatility", 0.5, "Target annualised volatility of the position, fraction per year (0.5 = 50 %).", minimum: 0.0, minimumIsExclusive: true),
            StrategyParameter.Integer("lookback", 30, "Log returns (bars) in the realised-volatility window.", minimum: 2),
            StrategyParameter.Integer("rebalanceEvery", 0, "Bars between resizes to the current target; 0 sizes only at entry.", minimum: 0),
        ],
        values => new VolatilityTargetSizing(values.GetNumber("targetVolatility"), values.GetInteger("lookback"), values.GetInteger("rebalanceEvery")));

    /// <summary>Target annualised volatility (fraction).</summary>
    public double TargetVolatility { get; }

    /// <summary>Returns in the window.</summary>
    public int Lookback { get; }

    /// <summary>Bars between resizes (0 = never).</summary>
    public int RebalanceEvery { get; }

    /// <summary>Annualised realised volatility at each bar's close (NaN during warm-up), after <see cref="Prepare"/>.</summary>
    public ReadOnlySpan<double> AnnualisedVolatility => _annualisedVolatility;

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Shared by every run with this lookback (SharedSeries): the same code, computed once per data set.
        _annualisedVolatility = SharedSeries.Of(data).GetOrCompute($"annualised-volatility(lookback={Lookback})", 8L * data.Count, () =>
        {
            var close = data.Close.Span;
            double[] logReturns = new double[close.Length];
            RollingStatistics.LogReturns(close, logReturns);
            var volatility = new double[close.Length];
            RollingStatistics.StandardDeviation(logReturns, Lookback, volatility);
            double scale = Math.Sqrt(BarsPerYear(data.BarIntervalMs));
            for (int i = 0; i < volatility.Length; i++)
            {
                volatility[i] *= scale;
            }

            return volatility;
        });
    }

    /// <inheritdoc/>
    public double TargetLeverage(in SizingContext context)
    {
        int last = context.BarIndex - 1;
        if (last < 0 || last >= _annualisedVolatility.Length)
        {
            return 0.0;
        }

        double sigma = _annualisedVolatility[last];
        double cap = Math.Max(0.0, context.LeverageUnderTest);
        if (double.IsNaN(sigma))
        {
            return 0.0;
        }

        return sigma > 0.0 ? Math.Min(TargetVolatility / sigma, cap) : cap;
    }

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position) =>
        RebalanceEvery > 0 && position.BarIndex + 1 - position.LastRebalanceBarIndex >= RebalanceEvery;

    /// <summary>Bars in a 365-day year for a bar interval in milliseconds.</summary>
    /// <param name="barIntervalMs">Bar length in ms, positive.</param>
    internal static double BarsPerYear(long barIntervalMs) => 365.0 * 86_400_000.0 / barIntervalMs;
}
