using LevBacktest.Core.Data;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// A position-sizing rule: how much leverage to take when a position opens, and when to resize it.
/// </summary>
/// <remarks>
/// One instance serves one run on one thread; <see cref="Prepare"/> precomputes over the arrays, the
/// per-bar methods must not allocate. The engine turns the returned leverage L into a quantity
/// q = L · E / open (DESIGN.md "Sizing and money flow") and then applies the tier's max leverage.
/// </remarks>
public interface ISizing
{
    /// <summary>Precomputes over the whole run's data. Called once, before the loop.</summary>
    /// <param name="data">The run's market data.</param>
    void Prepare(MarketData data);

    /// <summary>Target leverage (notional / equity, a plain number ≥ 0) for a fill at the open of
    /// <see cref="SizingContext.BarIndex"/>. 0 means do not open.</summary>
    /// <param name="context">The fill's circumstances.</param>
    double TargetLeverage(in SizingContext context);

    /// <summary>
    /// Called at each bar close while a position is held and the signal keeps its side: true to resize
    /// the position back to <see cref="TargetLeverage"/> at the next open (constant-leverage rebalancing).
    /// </summary>
    /// <param name="position">The position at this close.</param>
    bool ShouldRebalance(in PositionView position);

    /// <summary>
    /// Whether the rule ever resizes an open position. False declares that <see cref="ShouldRebalance"/> always
    /// returns false, so the engine skips calling it, and copying the position view for it, at every close.
    /// A rule that declares false is never asked. Default true.
    /// </summary>
    bool Rebalances => true;
}
