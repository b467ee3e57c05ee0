using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Sizing;

/// <summary>
/// Fixed-fractional risk to the stop: the position is sized so that being stopped out loses a fixed
/// fraction of equity, capped by the leverage under test.
/// </summary>
/// <remarks>
/// With stop distance d = side · (price − stop) / price and taker fee f paid on entry and exit, a stop-out
/// loses about L · E · (d + 2f), so L = risk / (d + 2f), then min(L, leverage under test). Slippage and the
/// gap risk of a stop are not included (they are costs the run measures). Returns 0 (do not open) when the
/// stop is on the wrong side of the price. Needs a stop price at entry: the descriptor requires
/// <see cref="StrategyCapabilities.EntryStopPrice"/>, so an experiment plan rejects stop-loss rules that never
/// give one ('none', 'time', 'liquidation-fraction') before any run starts. An entry that still has no stop
/// price (StopPrice NaN: a rule without that declaration used through <c>Backtester</c> directly, or an ATR
/// stop still in its warm-up) leaves the risk undefined, and <see cref="TargetLeverage"/> throws.
/// </remarks>
public sealed class FixedFractionalSizing : ISizing
{
    /// <summary>Creates the rule.</summary>
    /// <param name="riskFraction">Fraction of equity lost when the stop is hit (0.01 = 1 %), 0 &lt; risk ≤ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Risk outside (0, 1].</exception>
    public FixedFractionalSizing(double riskFraction)
    {
        if (!(riskFraction > 0.0 && riskFraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(riskFraction), riskFraction, "Risk fraction must be in (0, 1].");
        }

        RiskFraction = riskFraction;
    }

    /// <summary>Registration of "fixed-fractional".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "fixed-fractional",
        "Size so that a stop-out (plus entry and exit taker fees) loses a fixed fraction of equity, capped at the leverage under test.",
        [
            StrategyParameter.Number("risk", 0.01, "Fraction of equity lost if the stop is hit (0.01 = 1 %).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true),
        ],
        values => new FixedFractionalSizing(values.GetNumber("risk")),
        requires: StrategyCapabilities.EntryStopPrice);

    /// <summary>Fraction of equity risked to the stop.</summary>
    public double RiskFraction { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The entry has no stop price (StopPrice is NaN).</exception>
    public double TargetLeverage(in SizingContext context)
    {
        if (double.IsNaN(context.StopPrice))
        {
            throw new InvalidOperationException(
                $"Sizing 'fixed-fractional' risks a fraction of equity to the stop, but the entry at bar {context.BarIndex} has no stop price: "
                + "the stop-loss rule gives none before a position is sized (as 'none', 'time' and 'liquidation-fraction' do) or is still in its warm-up "
                + "(as 'atr' and 'chandelier' are until their ATR period has passed); choose a stop-loss rule with a price at entry "
                + "(fixed-percent, trailing-percent) or a signal that first enters after the stop's warm-up.");
        }

        double stopDistance = context.Side * (context.Price - context.StopPrice) / context.Price;
        if (!(stopDistance > 0.0))
        {
            return 0.0;
        }

        double leverage = RiskFraction / (stopDistance + (2.0 * context.TakerFeeRate));
        return Math.Min(leverage, Math.Max(0.0, context.LeverageUnderTest));
    }

    /// <inheritdoc/>
    /// <remarks>False: the position keeps the size it opened with.</remarks>
    public bool Rebalances => false;

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position) => false;
}
