namespace LevBacktest.Core.MonteCarlo;

/// <summary>What one run of the sweep did on one synthetic path: one row of <c>montecarlo.parquet</c>.</summary>
/// <param name="Liquidated">At least one liquidation within the horizon.</param>
/// <param name="TimeToFirstLiquidationDays">Days from the path's first bar open to the open of the bar of the first liquidation; NaN when none.</param>
/// <param name="FinalEquity">Equity at the last bar's mark close (USDT).</param>
/// <param name="TotalReturn">Final equity / initial capital − 1 (fraction).</param>
/// <param name="MaxDrawdown">Largest fall of close equity below its running peak, the peak starting at the initial capital (fraction, 0…1).</param>
/// <param name="FundingPaid">Net funding paid over the path (USDT; negative: received).</param>
public readonly record struct PathRunResult(
    bool Liquidated,
    double TimeToFirstLiquidationDays,
    double FinalEquity,
    double TotalReturn,
    double MaxDrawdown,
    double FundingPaid);
