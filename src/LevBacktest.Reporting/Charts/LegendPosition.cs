namespace LevBacktest.Reporting.Charts;

/// <summary>Where a plot's legend goes: inside the data area on a translucent white box, or to its right.</summary>
public enum LegendPosition
{
    /// <summary>
    /// The corner that covers the fewest drawn data points (ties prefer top-left, top-right, bottom-left,
    /// bottom-right); when even that corner would hide data (more than one 8 × 8 px cell under the box or
    /// the 5 px margin around it), <see cref="OutsideBottom"/> if that takes at most a third of the data
    /// height, else <see cref="OutsideRight"/> if the data keeps half the panel's width, else that corner.
    /// </summary>
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

    /// <summary>
    /// Outside the data area, to the right of it (and of a secondary axis), top-aligned; the data area is
    /// narrowed to make room. Falls back to the best inside corner when that would leave the data less than
    /// half the panel's width.
    /// </summary>
    OutsideRight,

    /// <summary>
    /// Below the x axis title, centred, entries in as many columns as fit (filled row by row); the data
    /// area is made shorter. Falls back to the best inside corner when it would take more than a third of
    /// the data height.
    /// </summary>
    OutsideBottom,
}
