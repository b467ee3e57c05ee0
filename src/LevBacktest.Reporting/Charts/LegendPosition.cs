namespace LevBacktest.Reporting.Charts;

/// <summary>Where a plot's legend goes. The legend is drawn inside the plot area on a translucent white box.</summary>
public enum LegendPosition
{
    /// <summary>The corner that covers the fewest drawn data points (ties prefer top-left, top-right, bottom-left, bottom-right).</summary>
    Auto,

    /// <summary>Top-left corner.</summary>
    TopLeft,

    /// <summary>Top-right corner.</summary>
    TopRight,

    /// <summary>Bottom-left corner.</summary>
    BottomLeft,

    /// <summary>Bottom-right corner.</summary>
    BottomRight,

    /// <summary>No legend.</summary>
    None,
}
