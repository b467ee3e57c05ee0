namespace LevBacktest.Core.Simulation;

/// <summary>
/// One position from its first fill to its exit (resizes by rebalancing stay inside the same trade).
/// Money in USDT, quantities in base units, times UTC epoch milliseconds.
/// </summary>
/// <param name="EntryTimeMs">Open time of the entry bar (the fill is at its open, or at its close with bar-close fills).</param>
/// <param name="EntryBar">Index of the entry bar.</param>
/// <param name="EntryPrice">First fill price, slippage included.</param>
/// <param name="ExitTimeMs">Open time of the exit bar (the bar in which the exit happened).</param>
/// <param name="ExitBar">Index of the exit bar.</param>
/// <param name="ExitPrice">Exit fill price, slippage included; the bankruptcy price for a liquidation; the last mark close for <see cref="ExitReason.End"/>.</param>
/// <param name="Side">+1 long, −1 short.</param>
/// <param name="EntryQuantity">Quantity of the first fill.</param>
/// <param name="InitialMargin">Margin committed at entry: the isolated allocation moved into the isolated wallet
/// (isolated), or the account equity at the fill (cross). An isolated trade never loses more than this.</param>
/// <param name="ExitQuantity">Quantity held just before the exit.</param>
/// <param name="Fees">Trading fees paid by the position (open, resizes, close), ≥ 0.</param>
/// <param name="FundingPaid">Net funding paid by the position (negative when received).</param>
/// <param name="RealizedPnl">Price PnL realised by resizes and the exit (for <see cref="ExitReason.End"/> it includes the open uPnL); a liquidation adds nothing.</param>
/// <param name="MarginLost">Wallet lost to a liquidation (0 otherwise), clearance fee included.</param>
/// <param name="NetPnl">RealizedPnl − Fees − FundingPaid − MarginLost.</param>
/// <param name="ExitReason">Why the position closed.</param>
public readonly record struct TradeRecord(
    long EntryTimeMs,
    int EntryBar,
    double EntryPrice,
    long ExitTimeMs,
    int ExitBar,
    double ExitPrice,
    int Side,
    double EntryQuantity,
    double InitialMargin,
    double ExitQuantity,
    double Fees,
    double FundingPaid,
    double RealizedPnl,
    double MarginLost,
    double NetPnl,
    ExitReason ExitReason);
