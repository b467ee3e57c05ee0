namespace LevBacktest.Reporting.Reports;

/// <summary>
/// The equity curve of one run from <c>equity.parquet</c>: one entry per bar, all arrays the same length and
/// aligned by index. Values are taken at the bar's close; <see cref="TimeMs"/> is the bar's open time.
/// </summary>
/// <param name="RunIndex">The run.</param>
/// <param name="TimeMs">Bar open times, UTC epoch milliseconds, ascending.</param>
/// <param name="Equity">Equity at the close, USDT.</param>
/// <param name="PositionNotional">Notional of the open position, USDT (0 when flat).</param>
/// <param name="EffectiveLeverage">Notional / equity (0 when flat).</param>
/// <param name="MarginRatio">Maintenance margin / margin balance (1 = liquidation).</param>
/// <param name="LiquidationPrice">Liquidation price of the open position, USDT; NaN when flat.</param>
public sealed record RunEquityCurve(
    int RunIndex,
    ReadOnlyMemory<long> TimeMs,
    ReadOnlyMemory<double> Equity,
    ReadOnlyMemory<double> PositionNotional,
    ReadOnlyMemory<double> EffectiveLeverage,
    ReadOnlyMemory<double> MarginRatio,
    ReadOnlyMemory<double> LiquidationPrice)
{
    /// <summary>Number of bars.</summary>
    public int Count => TimeMs.Length;
}
