namespace LevBacktest.Reporting.Charts;

/// <summary>What a <see cref="PlotItem"/> needs to draw itself: the painter, the data area and the transforms.</summary>
internal sealed class PlotCanvas
{
    public PlotCanvas(Painter painter, Rect area, ScaleTransform x, ScaleTransform y, ScaleTransform secondaryY, OccupancyGrid occupancy)
    {
        Painter = painter;
        Area = area;
        X = x;
        PrimaryY = y;
        SecondaryY = secondaryY;
        Occupancy = occupancy;
    }

    public Painter Painter { get; }

    /// <summary>The data area in device pixels; drawing is clipped to it.</summary>
    public Rect Area { get; }

    public ScaleTransform X { get; }

    public ScaleTransform PrimaryY { get; }

    public ScaleTransform SecondaryY { get; }

    public OccupancyGrid Occupancy { get; }

    /// <summary>Reusable index buffer for decimation.</summary>
    public List<int> Scratch { get; } = new(8192);

    public ScaleTransform YFor(YAxisSide side) => side == YAxisSide.Secondary ? SecondaryY : PrimaryY;
}
