namespace LevBacktest.Core.Margin;

/// <summary>
/// One leverage bracket (tier) of a linear perpetual: positions whose notional N satisfies
/// <see cref="FloorNotional"/> ≤ N &lt; <see cref="CapNotional"/> may use at most <see cref="MaxLeverage"/>
/// and carry maintenance margin N · <see cref="MaintenanceMarginRate"/> − <see cref="MaintenanceAmount"/>.
/// </summary>
/// <remarks>
/// Source of the shape: Binance USDⓈ-M "Leverage and Margin of USDⓈ-M Futures" and its
/// <c>GET /fapi/v1/leverageBracket</c> response (fields notionalFloor, notionalCap, initialLeverage,
/// maintMarginRatio, cum). The maintenance amount of bracket n is
/// floor_n · (mmr_n − mmr_{n−1}) + amount_{n−1}, which makes the maintenance margin continuous in notional.
/// </remarks>
/// <param name="FloorNotional">Lowest notional of the bracket in USDT (inclusive), ≥ 0.</param>
/// <param name="CapNotional">Highest notional of the bracket in USDT (exclusive); +∞ for an open-ended last bracket.</param>
/// <param name="MaxLeverage">Highest leverage (notional / initial margin) allowed in the bracket, ≥ 1.</param>
/// <param name="MaintenanceMarginRate">Maintenance margin rate as a fraction (0.004 = 0.4 %), in [0, 1).</param>
/// <param name="MaintenanceAmount">Maintenance amount ("cum") in USDT subtracted from N · rate.</param>
public readonly record struct LeverageBracket(
    double FloorNotional,
    double CapNotional,
    double MaxLeverage,
    double MaintenanceMarginRate,
    double MaintenanceAmount)
{
    /// <summary>True when <paramref name="notional"/> (USDT) falls in [floor, cap).</summary>
    /// <param name="notional">Position notional in USDT.</param>
    public bool Contains(double notional) => notional >= FloorNotional && notional < CapNotional;

    /// <summary>Maintenance margin in USDT of a position of <paramref name="notional"/> USDT priced with this bracket.</summary>
    /// <param name="notional">Position notional in USDT.</param>
    public double MaintenanceMargin(double notional) => notional * MaintenanceMarginRate - MaintenanceAmount;
}
