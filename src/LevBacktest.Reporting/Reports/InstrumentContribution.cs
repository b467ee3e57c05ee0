namespace LevBacktest.Reporting.Reports;

/// <summary>
/// One instrument's contribution to one portfolio run (summary.json <c>runs[].instruments[]</c>), in the folder's money
/// unit: ProfitAndLoss = RealizedPnl + UnrealizedPnl − FeesPaid − FundingPaid − MarginLost, and the runs' contributions
/// add up to final equity − initial capital.
/// </summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="ProfitAndLoss">Its net contribution.</param>
/// <param name="RealizedPnl">Price PnL realised by its exits and resizes.</param>
/// <param name="UnrealizedPnl">uPnL of its position still open at the end.</param>
/// <param name="FeesPaid">Trading fees.</param>
/// <param name="FundingPaid">Net funding paid (negative = received).</param>
/// <param name="MarginLost">Margin lost to its liquidations.</param>
/// <param name="LiquidationCount">Its liquidations (a cross liquidation counts for every position it took).</param>
/// <param name="BarsWithoutData">Bars of the clock where it had no bar.</param>
public sealed record InstrumentContribution(string Symbol, double ProfitAndLoss, double RealizedPnl, double UnrealizedPnl, double FeesPaid, double FundingPaid, double MarginLost, int LiquidationCount, int BarsWithoutData);
