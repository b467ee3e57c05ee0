namespace LevBacktest.Reporting.Reports;

/// <summary>One row of <c>liquidations.parquet</c>.</summary>
/// <param name="RunIndex">The run.</param>
/// <param name="TimeMs">Open time of the bar of the liquidation, UTC epoch milliseconds.</param>
/// <param name="MarkPrice">Mark price that triggered it, USDT.</param>
/// <param name="LiquidationPrice">The position's liquidation price, USDT.</param>
/// <param name="Side">+1 long, −1 short.</param>
/// <param name="MarginLost">Margin lost (clearance fee included), USDT.</param>
public readonly record struct LiquidationEvent(int RunIndex, long TimeMs, double MarkPrice, double LiquidationPrice, int Side, double MarginLost)
{
    /// <summary>A portfolio's folder: the symbol of the liquidated position; empty for a single instrument.</summary>
    public string Instrument { get; init; } = string.Empty;
}
