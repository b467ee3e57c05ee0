using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.Sizing;

/// <summary>
/// Fractional Kelly: L = fraction · side · μ / σ², with μ and σ² the rolling mean and sample variance of
/// simple per-bar returns, capped at the leverage under test (continuous-time Kelly / Merton fraction;
/// J. L. Kelly 1956, E. O. Thorp 2006 "The Kelly criterion in blackjack, sports betting and the stock market").
/// </summary>
/// <remarks>
/// μ/σ² does not depend on the bar length (both scale with time), so no annualisation is needed and the
/// risk-free rate is taken as 0. A fill at bar i's open uses returns up to bar i − 1's close. Warm-up: 0 (do
/// not open) until lookback returns exist. When the edge for the side is ≤ 0 the result is 0; a zero
/// variance with a positive edge gives the cap.
/// </remarks>
public sealed class FractionalKellySizing : ISizing
{
    private double[] _mean = [];
    private double[] _variance = [];

    /// <summary>Creates the rule.</summary>
    /// <param name="fraction">Fraction of the full Kelly leverage, 0 &lt; fraction ≤ 1 (0.5 = "half Kelly").</param>
    /// <param name="lookback">Returns in the rolling window, ≥ 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range.</exception>
    public FractionalKellySizing(double fraction, int lookback)
    {
        if (!(fraction > 0.0 && fraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Kelly fraction must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 2);
        Fraction = fraction;
        Lookback = lookback;
    }

    /// <summary>Registration of "fractional-kelly".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "fractional-kelly",
        "Leverage = fraction x mean / variance of rolling simple returns for the side taken, capped at the leverage under test.",
        [
            StrategyParameter.Number("fraction", 0.5, "Fraction of the full Kelly leverage (0.5 = half Kelly).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true),
            StrategyParameter.Integer("lookback", 100, "Bars (returns) in the rolling mean and variance.", minimum: 2),
        ],
        values => new FractionalKellySizing(values.GetNumber("fraction"), values.GetInteger("lookback")));

    /// <summary>Fraction of full Kelly.</summary>
    public double Fraction { get; }

    /// <summary>Returns in the window.</summary>
    public int Lookback { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Shared by every run with this lookback (SharedSeries): the same code, computed once per data set.
        var moments = SharedSeries.Of(data).GetOrCompute($"simple-return-moments(lookback={Lookback})", 16L * data.Count, () =>
        {
            var close = data.Close.Span;
            double[] returns = new double[close.Length];
            RollingStatistics.SimpleReturns(close, returns);
            var mean = new double[close.Length];
            var variance = new double[close.Length];
            RollingStatistics.Mean(returns, Lookback, mean);
            RollingStatistics.Variance(returns, Lookback, variance);
            return new double[][] { mean, variance };
        });
        _mean = moments[0];
        _variance = moments[1];
    }

    /// <inheritdoc/>
    public double TargetLeverage(in SizingContext context)
    {
        int last = context.BarIndex - 1;
        if (last < 0 || last >= _mean.Length || double.IsNaN(_mean[last]))
        {
            return 0.0;
        }

        double edge = context.Side * _mean[last];
        if (!(edge > 0.0))
        {
            return 0.0;
        }

        double cap = Math.Max(0.0, context.LeverageUnderTest);
        double variance = _variance[last];
        return variance > 0.0 ? Math.Min(Fraction * edge / variance, cap) : cap;
    }

    /// <inheritdoc/>
    /// <remarks>False: the position keeps the size it opened with.</remarks>
    public bool Rebalances => false;

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position) => false;
}
