namespace LevBacktest.Reporting.Reports;

/// <summary>One row of <c>funding.parquet</c>: a funding settlement on an open position.</summary>
/// <param name="RunIndex">The run.</param>
/// <param name="TimeMs">Settlement time, UTC epoch milliseconds.</param>
/// <param name="Rate">Funding rate, fraction per interval.</param>
/// <param name="Payment">USDT; positive = paid by the account, negative = received.</param>
public readonly record struct FundingSettlement(int RunIndex, long TimeMs, double Rate, double Payment);
