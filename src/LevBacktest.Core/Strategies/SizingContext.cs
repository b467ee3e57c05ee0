namespace LevBacktest.Core.Strategies;

/// <summary>What a sizing rule knows when a position is opened or rebalanced at a bar's open.</summary>
/// <param name="BarIndex">The fill bar; indicators may use bars 0..BarIndex−1 only (the fill is at this bar's open).</param>
/// <param name="Side">+1 long or −1 short.</param>
/// <param name="Equity">Account equity in USDT at the fill bar's mark open (cross), or the equity the
/// isolated allocation is taken from (isolated).</param>
/// <param name="Price">Last-price open of the fill bar in USDT, without slippage.</param>
/// <param name="LeverageUnderTest">The leverage of the sweep point (notional / margin, 10 = 10x).</param>
/// <param name="StopPrice">Initial stop price in USDT the stop rule would place for this entry, or NaN for none.</param>
/// <param name="MaintenanceMarginRate">Maintenance margin rate (fraction) of the first tier, for rules that
/// keep the liquidation price away from the stop.</param>
/// <param name="MaxLeverage">The highest leverage the tier table allows at any notional (first tier).</param>
/// <param name="TakerFeeRate">Taker fee as a fraction of notional.</param>
public readonly record struct SizingContext(
    int BarIndex,
    int Side,
    double Equity,
    double Price,
    double LeverageUnderTest,
    double StopPrice,
    double MaintenanceMarginRate,
    double MaxLeverage,
    double TakerFeeRate);
