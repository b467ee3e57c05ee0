namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Point markers at (x[i], y[i]) — ✕ for liquidations, ▼ for stop exits, circles for generic events.
/// Filled shapes get a thin white outline so they stay visible on top of lines. NaN points are skipped.
/// </summary>
public sealed class MarkerSeries : PlotItem
{
    private readonly double[] _x;
    private readonly double[] _y;

    internal MarkerSeries(double[] x, double[] y, MarkerStyle style, string? label, YAxisSide side)
        : base(label, side)
    {
        _x = x;
        _y = y;
        Style = style;
    }

    /// <summary>Number of markers.</summary>
    public int Count => _x.Length;

    /// <summary>The x values, one per marker (for tests and tools that inspect a drawn chart).</summary>
    internal ReadOnlySpan<double> XValues => _x;

    /// <summary>The y values, one per marker; NaN markers are not drawn.</summary>
    internal ReadOnlySpan<double> YValues => _y;

    /// <summary>Shape, colour and size.</summary>
    public MarkerStyle Style { get; }

    internal override int Layer => 4;

    internal override void AccumulateX(ref Extent x, bool positiveOnly)
    {
        foreach (double v in _x)
        {
            x.Include(v, positiveOnly);
        }
    }

    internal override void AccumulateY(ref Extent y, double xMin, double xMax, bool positiveOnly) =>
        y.IncludeWindow(_x, _y, xAscending: false, xMin, xMax, positiveOnly);

    internal override void Draw(PlotCanvas canvas)
    {
        var yTransform = canvas.YFor(Side);
        double size = Style.Size * canvas.Painter.Scale;
        var area = canvas.Area;
        for (int i = 0; i < _x.Length; i++)
        {
            double px = canvas.X.ToPixel(_x[i]), py = yTransform.ToPixel(_y[i]);
            if (double.IsNaN(px) || double.IsNaN(py)
                || px < area.X - size || px > area.Right + size || py < area.Y - size || py > area.Bottom + size)
            {
                continue;
            }
            DrawMarker(canvas.Painter, Style.Shape, Style.Color, px, py, size);
            canvas.Occupancy.MarkRect(new Rect(px - (size / 2), py - (size / 2), size, size));
        }
    }

    internal override void DrawLegendSwatch(PlotCanvas canvas, double x, double y, double width, double height) =>
        DrawMarker(canvas.Painter, Style.Shape, Style.Color, x + (width / 2), y + (height / 2), Math.Min(height, Style.Size * canvas.Painter.Scale));

    internal static void DrawMarker(Painter painter, MarkerShape shape, Color color, double cx, double cy, double size)
    {
        var context = painter.Context;
        double h = size / 2;
        context.SetDash([], 0);
        if (shape == MarkerShape.Cross)
        {
            // A white halo first keeps the cross legible where it sits on a line of its own colour.
            double stroke = Math.Max(2 * painter.Scale, size / 4.5);
            for (int pass = 0; pass < 2; pass++)
            {
                painter.SetColor(pass == 0 ? Color.White.WithAlpha(0.9) : color);
                context.SetLineWidth(pass == 0 ? stroke + (2 * painter.Scale) : stroke);
                context.SetLineCap(pass == 0 ? 2 : 0);
                context.MoveTo(cx - h, cy - h);
                context.LineTo(cx + h, cy + h);
                context.MoveTo(cx - h, cy + h);
                context.LineTo(cx + h, cy - h);
                context.Stroke();
            }
            context.SetLineCap(0);
            return;
        }
        context.NewPath();
        switch (shape)
        {
            case MarkerShape.Circle:
                context.Arc(cx, cy, h, 0, 2 * Math.PI);
                break;
            case MarkerShape.TriangleDown:
                context.MoveTo(cx - h, cy - (h * 0.8));
                context.LineTo(cx + h, cy - (h * 0.8));
                context.LineTo(cx, cy + (h * 0.933));
                context.ClosePath();
                break;
            case MarkerShape.TriangleUp:
                context.MoveTo(cx - h, cy + (h * 0.8));
                context.LineTo(cx + h, cy + (h * 0.8));
                context.LineTo(cx, cy - (h * 0.933));
                context.ClosePath();
                break;
            case MarkerShape.Square:
                context.Rectangle(cx - (h * 0.85), cy - (h * 0.85), size * 0.85, size * 0.85);
                break;
            default:
                context.MoveTo(cx, cy - h);
                context.LineTo(cx + h, cy);
                context.LineTo(cx, cy + h);
                context.LineTo(cx - h, cy);
                context.ClosePath();
                break;
        }
        painter.SetColor(color);
        context.FillPreserve();
        painter.SetColor(Color.White);
        context.SetLineWidth(painter.Scale);
        context.Stroke();
    }
}
