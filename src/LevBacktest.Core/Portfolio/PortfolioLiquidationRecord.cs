namespace LevBacktest.Core.Portfolio;

/// <summary>
/// One position taken over by a liquidation. In cross mode an account liquidation records every open position at
/// the same time; <paramref name="LiquidationPrice"/> is then that position's liquidation price with every other
/// position at its adverse mark extreme of the bar (the worst case the engine assumes), clamped into the bar's mark range.
/// </summary>
/// <param name="TimeMs">Open time of the bar (UTC ms) on the portfolio's clock.</param>
/// <param name="Bar">Index on the portfolio's clock.</param>
/// <param name="Instrument">Index of the instrument in the portfolio.</param>
/// <param name="LiquidationPrice">Price at which the position is recorded as liquidated, USDT.</param>
/// <param name="MarginLost">Isolated: the position's wallet. Cross: the share of the account's wallet lost, all of it for the account.</param>
/// <param name="AccountLiquidation">True for a cross-margin account liquidation (all positions at once).</param>
public readonly record struct PortfolioLiquidationRecord(long TimeMs, int Bar, int Instrument, double LiquidationPrice, double MarginLost, bool AccountLiquidation);
