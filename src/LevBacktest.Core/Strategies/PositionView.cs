namespace LevBacktest.Core.Strategies;

/// <summary>The open position as a strategy sees it at a bar close.</summary>
/// <param name="BarIndex">The bar whose close this is.</param>
/// <param name="EntryBarIndex">The bar at whose open the position was first filled.</param>
/// <param name="LastRebalanceBarIndex">The bar at whose open the position was last resized (EntryBarIndex if never).</param>
/// <param name="Side">+1 long or −1 short.</param>
/// <param name="Quantity">Position size in base units (positive).</param>
/// <param name="EntryPrice">Average entry price in USDT (slippage included).</param>
/// <param name="MarkPrice">Mark price at this close in USDT.</param>
/// <param name="Equity">Equity backing the position in USDT: account equity (cross) or isolated margin balance (isolated).</param>
/// <param name="EffectiveLeverage">Notional at the mark close divided by <paramref name="Equity"/>.</param>
/// <param name="TargetLeverage">The leverage the sizing rule chose at the last (re)size.</param>
/// <param name="LiquidationPrice">Current liquidation price in USDT (0 or NaN when none can be reached).</param>
/// <param name="HighestHighSinceEntry">Highest last-price high of completed bars since entry, starting at the fill price.</param>
/// <param name="LowestLowSinceEntry">Lowest last-price low of completed bars since entry, starting at the fill price.</param>
/// <param name="StopPrice">The stop price in force, or NaN.</param>
public readonly record struct PositionView(
    int BarIndex,
    int EntryBarIndex,
    int LastRebalanceBarIndex,
    int Side,
    double Quantity,
    double EntryPrice,
    double MarkPrice,
    double Equity,
    double EffectiveLeverage,
    double TargetLeverage,
    double LiquidationPrice,
    double HighestHighSinceEntry,
    double LowestLowSinceEntry,
    double StopPrice);
