namespace LevBacktest.Reporting.Reports;

/// <summary>One row of <c>stops.parquet</c>: a stop-loss or take-profit fill.</summary>
/// <param name="RunIndex">The run.</param>
/// <param name="TimeMs">Open time of the bar of the fill, UTC epoch milliseconds.</param>
/// <param name="Kind">"stop" or "takeProfit".</param>
/// <param name="TriggerPrice">Trigger price, USDT.</param>
/// <param name="FillPrice">Fill price, USDT.</param>
/// <param name="Gap">True when the bar opened beyond the trigger.</param>
public readonly record struct StopFill(int RunIndex, long TimeMs, string Kind, double TriggerPrice, double FillPrice, bool Gap);
