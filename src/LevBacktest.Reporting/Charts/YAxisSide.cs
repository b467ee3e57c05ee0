namespace LevBacktest.Reporting.Charts;

/// <summary>Which y-axis a series is measured against.</summary>
public enum YAxisSide
{
    /// <summary>The left axis, <see cref="Plot.YAxis"/>.</summary>
    Primary,

    /// <summary>The right axis, <see cref="Plot.SecondaryYAxis"/> (e.g. funding rate next to price).</summary>
    Secondary,
}
