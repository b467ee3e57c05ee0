namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Something drawn inside a <see cref="Plot"/>'s data area: a series, a reference line, a heatmap or a
/// text annotation. Created by the plot's <c>Add…</c> methods; data passed in is copied, so the caller
/// may reuse its buffers.
/// </summary>
public abstract class PlotItem
{
    private protected PlotItem(string? label, YAxisSide side)
    {
        Label = label;
        Side = side;
    }

    /// <summary>Legend text; null keeps the item out of the legend.</summary>
    public string? Label { get; }

    /// <summary>The y-axis the item is measured against.</summary>
    public YAxisSide Side { get; }

    /// <summary>Drawing order: lower layers first (heatmap, areas, reference lines, lines, markers, text).</summary>
    internal abstract int Layer { get; }

    /// <summary>Widens <paramref name="x"/> by the item's x values (positive only when <paramref name="positiveOnly"/>).</summary>
    internal virtual void AccumulateX(ref Extent x, bool positiveOnly) { }

    /// <summary>Widens <paramref name="y"/> by the item's y values whose x lies in [xMin, xMax].</summary>
    internal virtual void AccumulateY(ref Extent y, double xMin, double xMax, bool positiveOnly) { }

    internal abstract void Draw(PlotCanvas canvas);

    /// <summary>Draws what must sit on top of every item of the plot (labels); called after all <see cref="Draw"/> calls.</summary>
    internal virtual void DrawOverlay(PlotCanvas canvas) { }

    /// <summary>Draws the legend swatch for this item into the box at (x, y) of the given size.</summary>
    internal virtual void DrawLegendSwatch(PlotCanvas canvas, double x, double y, double width, double height) { }

    internal static double[] CopyX(ReadOnlySpan<double> x, string parameterName)
    {
        var copy = x.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentException($"x[{i}] is {copy[i]}; x values must be finite.", parameterName);
            }
        }
        return copy;
    }

    internal static double[] TimesToDouble(ReadOnlySpan<long> timeMs)
    {
        var copy = new double[timeMs.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = timeMs[i];
        }
        return copy;
    }

    internal static void CheckSameLength(int xLength, int yLength, string yName)
    {
        if (xLength != yLength)
        {
            throw new ArgumentException($"x has {xLength} values but {yName} has {yLength}; they must be aligned one to one.", yName);
        }
    }

    internal static bool CheckAscending(double[] x)
    {
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i] < x[i - 1])
            {
                return false;
            }
        }
        return true;
    }
}
