namespace LevBacktest.Core.Portfolio;

/// <summary>
/// One position taken over by a liquidation, on the portfolio's clock. A cross-margin account liquidation records every
/// open position at once (<paramref name="AccountLiquidation"/> true); an isolated liquidation records one position.
/// The instrument's own record (own bar index, bankruptcy price, quantity, clearance fee) is in
/// <see cref="PortfolioInstrumentResult.Liquidations"/>.
/// </summary>
/// <param name="TimeMs">Open time of the bar (UTC ms).</param>
/// <param name="Bar">Index on the portfolio's clock.</param>
/// <param name="Instrument">Index of the instrument in the portfolio.</param>
/// <param name="LiquidationPrice">Mark price (quote currency) at which the position was taken over: for the position that met its
/// liquidation price, that price (or its mark open on a gap); for the others of a cross account, their mark at that moment
/// (their adverse mark extreme of the bar, or mark open) — where, with every other position there, their own liquidation price lies.</param>
/// <param name="MarginLost">Money lost with the position: isolated, its wallet; cross, its share of the account's wallet
/// (shares by notional at the liquidation marks; they add up to the wallet lost).</param>
/// <param name="AccountLiquidation">True for a cross-margin account liquidation (all positions at once).</param>
public readonly record struct PortfolioLiquidationRecord(long TimeMs, int Bar, int Instrument, double LiquidationPrice, double MarginLost, bool AccountLiquidation);
