namespace LevBacktest.Reporting.Charts;

/// <summary>Dash pattern of a stroked line.</summary>
public enum LineDash
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Long dashes (6 on, 4 off, in line widths ×2).</summary>
    Dashed,

    /// <summary>Dots.</summary>
    Dotted,

    /// <summary>Dash, dot.</summary>
    DashDot,
}
