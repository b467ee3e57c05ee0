namespace LevBacktest.Core.Simulation;

/// <summary>One stop-loss or take-profit fill. Prices in USDT, times UTC epoch milliseconds.</summary>
/// <param name="TimeMs">Open time of the bar in which it filled.</param>
/// <param name="Bar">Index of that bar.</param>
/// <param name="Kind">Stop or take-profit.</param>
/// <param name="TriggerPrice">The stop or take-profit level.</param>
/// <param name="FillPrice">Fill price, slippage included (stops), the limit price (take-profits).</param>
/// <param name="Gap">True when the bar opened beyond the level and the stop filled at the open.</param>
public readonly record struct StopEventRecord(long TimeMs, int Bar, StopEventKind Kind, double TriggerPrice, double FillPrice, bool Gap);
