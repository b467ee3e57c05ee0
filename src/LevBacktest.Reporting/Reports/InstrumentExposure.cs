namespace LevBacktest.Reporting.Reports;

/// <summary>One instrument's exposure in one portfolio run, from <c>exposure.parquet</c>; arrays aligned, one entry per bar of the portfolio's clock.</summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="TimeMs">Bar open times, UTC epoch milliseconds (values at the bar's close).</param>
/// <param name="Notional">Position notional at the mark close, ≥ 0, in the folder's money unit (0 when flat).</param>
/// <param name="HasBar">False where the instrument had no bar (it was marked at its last mark price).</param>
public sealed record InstrumentExposure(string Symbol, long[] TimeMs, double[] Notional, bool[] HasBar);
