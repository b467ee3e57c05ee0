namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A polyline through (x[i], y[i]). NaN y values break the line. When x is ascending (the usual time
/// series) only the first, minimum, maximum and last point of each pixel column are drawn (see
/// <see cref="MinMaxDecimator"/>), which is pixel-identical to drawing every point and keeps a million
/// points fast; unordered x is drawn point by point.
/// </summary>
public sealed class LineSeries : PlotItem
{
    private readonly double[] _x;
    private readonly double[] _y;

    internal LineSeries(double[] x, double[] y, string? label, LineStyle style, YAxisSide side)
        : base(label, side)
    {
        _x = x;
        _y = y;
        Style = style;
        IsAscending = CheckAscending(x);
    }

    /// <summary>Number of points.</summary>
    public int Count => _x.Length;

    /// <summary>The x values, one per point (for tests and tools that inspect a drawn chart).</summary>
    internal ReadOnlySpan<double> XValues => _x;

    /// <summary>The y values, one per point; NaN where the line breaks.</summary>
    internal ReadOnlySpan<double> YValues => _y;

    /// <summary>Stroke style.</summary>
    public LineStyle Style { get; }

    /// <summary>True when x never decreases, which enables per-pixel decimation.</summary>
    public bool IsAscending { get; }

    internal override int Layer => 3;

    internal override void AccumulateX(ref Extent x, bool positiveOnly)
    {
        if (IsAscending && !positiveOnly && _x.Length > 0)
        {
            x.Include(_x[0], false);
            x.Include(_x[^1], false);
            return;
        }
        foreach (double v in _x)
        {
            x.Include(v, positiveOnly);
        }
    }

    internal override void AccumulateY(ref Extent y, double xMin, double xMax, bool positiveOnly) =>
        y.IncludeWindow(_x, _y, IsAscending, xMin, xMax, positiveOnly);

    internal override void Draw(PlotCanvas canvas)
    {
        var indices = canvas.Scratch;
        indices.Clear();
        var yTransform = canvas.YFor(Side);
        if (IsAscending)
        {
            MinMaxDecimator.Decimate(_x, _y, canvas.X, yTransform.IsLog, indices);
        }
        else
        {
            for (int i = 0; i < _x.Length; i++)
            {
                indices.Add(double.IsNaN(_y[i]) ? MinMaxDecimator.Break : i);
            }
        }
        var painter = canvas.Painter;
        var context = painter.Context;
        painter.SetStroke(Style);
        // Bevel joins: indistinguishable from round at chart line widths, and a third cheaper to stroke
        // on the up-and-down paths that per-column decimation produces.
        context.SetLineJoin(2);
        bool penDown = false;
        double previousX = 0, previousY = 0;
        foreach (int i in indices)
        {
            if (i == MinMaxDecimator.Break)
            {
                penDown = false;
                continue;
            }
            double px = ClampPixel(canvas.X.ToPixel(_x[i])), py = ClampPixel(yTransform.ToPixel(_y[i]));
            if (double.IsNaN(px) || double.IsNaN(py))
            {
                penDown = false;
                continue;
            }
            if (penDown)
            {
                context.LineTo(px, py);
                canvas.Occupancy.MarkSegment(previousX, previousY, px, py);
            }
            else
            {
                context.MoveTo(px, py);
                canvas.Occupancy.MarkPoint(px, py);
            }
            penDown = true;
            previousX = px;
            previousY = py;
        }
        context.Stroke();
    }

    internal override void DrawLegendSwatch(PlotCanvas canvas, double x, double y, double width, double height)
    {
        canvas.Painter.SetStroke(Style);
        canvas.Painter.Context.MoveTo(x, y + (height / 2));
        canvas.Painter.Context.LineTo(x + width, y + (height / 2));
        canvas.Painter.Context.Stroke();
    }

    /// <summary>Keeps far-off-screen neighbours within cairo's fixed-point range (±8 million px).</summary>
    internal static double ClampPixel(double p) => double.IsNaN(p) ? p : Math.Clamp(p, -1e6, 1e6);
}
