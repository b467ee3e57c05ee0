namespace LevBacktest.Reporting.Charts;

/// <summary>How data values map to positions along an axis.</summary>
public enum AxisScale
{
    /// <summary>Linear; ticks on 1-2-5 steps.</summary>
    Linear,

    /// <summary>Base-10 logarithmic; only positive values are drawn; ticks on decades.</summary>
    Log,

    /// <summary>Linear in time; values are UTC Unix epoch milliseconds; calendar-aware ticks.</summary>
    Time,
}
