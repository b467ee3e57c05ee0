using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>
/// A stop a fraction of the way from the entry price to the liquidation price:
/// stop = entry + fraction · (liquidationPrice − entry). 0.5 exits halfway to liquidation.
/// </summary>
/// <remarks>
/// Recomputed at entry and at each close from the current liquidation price, so it follows the
/// liquidation price when funding or (in cross margin) the rest of the account moves it. No stop (NaN)
/// when the position has no reachable liquidation price (LiquidationPrice 0, negative, NaN or infinite,
/// e.g. an unleveraged long). At an entry, before the position is sized, there is no liquidation price yet,
/// so the rule gives no stop price to the sizing rule (it does not provide
/// <see cref="StrategyCapabilities.EntryStopPrice"/>; fixed-fractional sizing cannot use it).
/// </remarks>
public sealed class LiquidationFractionStopLoss : IStopLoss
{
    /// <summary>Creates the rule.</summary>
    /// <param name="fraction">Fraction of the entry-to-liquidation distance, 0 &lt; fraction &lt; 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fraction outside (0, 1).</exception>
    public LiquidationFractionStopLoss(double fraction)
    {
        if (!(fraction > 0.0 && fraction < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Fraction must be strictly between 0 and 1.");
        }

        Fraction = fraction;
    }

    /// <summary>Registration of "liquidation-fraction".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "liquidation-fraction",
        "Stop a fraction of the way from the entry price to the current liquidation price.",
        [
            StrategyParameter.Number("fraction", 0.5, "Fraction of the entry-to-liquidation distance at which to stop (0.5 = halfway).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true, maximumIsExclusive: true),
        ],
        values => new LiquidationFractionStopLoss(values.GetNumber("fraction")),
        provides: StrategyCapabilities.None);

    /// <summary>Fraction of the entry-to-liquidation distance.</summary>
    public double Fraction { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        var position = context.Position;
        double liquidation = position.LiquidationPrice;
        if (!(liquidation > 0.0 && double.IsFinite(liquidation)))
        {
            return StopDecision.None;
        }

        return new StopDecision(position.EntryPrice + (Fraction * (liquidation - position.EntryPrice)), false);
    }
}
