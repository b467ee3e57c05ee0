namespace LevBacktest.Reporting.Charts;

/// <summary>How tick labels of a numeric axis are written. All formats use "," thousands separators and a true minus sign (U+2212).</summary>
public enum AxisFormat
{
    /// <summary>Plain number, e.g. "12,500" or "0.25"; decimals follow the tick step.</summary>
    Number,

    /// <summary>Values are fractions shown as percent, e.g. −0.45 → "−45 %".</summary>
    Percent,

    /// <summary>Money: like <see cref="Number"/> with <see cref="Axis.CurrencySymbol"/> in front when set (the currency itself belongs in <see cref="Axis.Unit"/>).</summary>
    Currency,
}
