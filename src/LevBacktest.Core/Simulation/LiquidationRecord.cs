namespace LevBacktest.Core.Simulation;

/// <summary>One liquidation. Money in USDT, times UTC epoch milliseconds.</summary>
/// <param name="TimeMs">Open time of the bar in which it happened.</param>
/// <param name="Bar">Index of that bar.</param>
/// <param name="MarkPrice">Mark price that triggered it: the mark open when the bar opened beyond the
/// liquidation price (a gap), else the liquidation price itself (touched by the mark low or high).</param>
/// <param name="LiquidationPrice">Liquidation price in force (Binance formula with bracket re-resolution).</param>
/// <param name="BankruptcyPrice">Price at which the backing wallet plus uPnL is zero; the position is taken over there.</param>
/// <param name="Side">+1 long, −1 short.</param>
/// <param name="Quantity">Quantity liquidated, base units.</param>
/// <param name="MarginLost">Backing wallet before minus after (isolated wallet, or cross wallet).</param>
/// <param name="ClearanceFee">Part of <paramref name="MarginLost"/> kept by the exchange as clearance fee:
/// min(rate · quantity · <paramref name="MarkPrice"/>, margin balance left at that price), 0 when
/// <paramref name="MarkPrice"/> is at or beyond <paramref name="BankruptcyPrice"/>.</param>
public readonly record struct LiquidationRecord(
    long TimeMs,
    int Bar,
    double MarkPrice,
    double LiquidationPrice,
    double BankruptcyPrice,
    int Side,
    double Quantity,
    double MarginLost,
    double ClearanceFee);
