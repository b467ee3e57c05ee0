namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A vertical event line at an x value (e.g. a regime change or the first liquidation) or a horizontal
/// reference line at a y value (e.g. the liquidation price, zero return). Its label is written next to
/// the line inside the plot, not in the legend. The value is included in the automatic axis limits.
/// </summary>
public sealed class ReferenceLine : PlotItem
{
    internal ReferenceLine(bool isVertical, double value, string? label, LineStyle style, YAxisSide side)
        : base(label, side)
    {
        IsVertical = isVertical;
        Value = value;
        Style = style;
    }

    /// <summary>True for a vertical line at an x value, false for a horizontal line at a y value.</summary>
    public bool IsVertical { get; }

    /// <summary>Position in data units of its axis (epoch ms on a time axis).</summary>
    public double Value { get; }

    /// <summary>Stroke style.</summary>
    public LineStyle Style { get; }

    internal override int Layer => 2;

    internal override void AccumulateX(ref Extent x, bool positiveOnly)
    {
        if (IsVertical)
        {
            x.Include(Value, positiveOnly);
        }
    }

    internal override void AccumulateY(ref Extent y, double xMin, double xMax, bool positiveOnly)
    {
        if (!IsVertical)
        {
            y.Include(Value, positiveOnly);
        }
    }

    internal override void Draw(PlotCanvas canvas)
    {
        var painter = canvas.Painter;
        var area = canvas.Area;
        if (IsVertical)
        {
            double px = canvas.X.ToPixel(Value);
            if (!(px >= area.X && px <= area.Right))
            {
                return;
            }
            painter.VerticalLine(px, area.Y, area.Bottom, Style.Color, Style.Width, Style.Dash);
            return;
        }
        double py = canvas.YFor(Side).ToPixel(Value);
        if (!(py >= area.Y && py <= area.Bottom))
        {
            return;
        }
        painter.HorizontalLine(area.X, area.Right, py, Style.Color, Style.Width, Style.Dash);
    }

    /// <summary>
    /// The label goes on after every item is drawn (<see cref="PlotItem.DrawOverlay"/>), so the series
    /// drawn later do not run through its text.
    /// </summary>
    internal override void DrawOverlay(PlotCanvas canvas)
    {
        var painter = canvas.Painter;
        var area = canvas.Area;
        double pad = 4 * painter.Scale;
        if (IsVertical)
        {
            double px = canvas.X.ToPixel(Value);
            if (!(px >= area.X && px <= area.Right))
            {
                return;
            }
            if (Label is not null)
            {
                double width = painter.MeasureWidth(Label, TextRole.Annotation);
                bool leftOfLine = px + pad + width > area.Right;
                double tx = leftOfLine ? px - pad : px + pad;
                var box = new Rect(leftOfLine ? tx - width - 2 : tx - 2, area.Y + pad - 1, width + 4, painter.LineHeight(TextRole.Annotation) + 2);
                painter.FillRect(box, Color.White.WithAlpha(0.8));
                painter.DrawText(Label, tx, area.Y + pad, TextRole.Annotation, Darken(Style.Color), leftOfLine ? 1 : 0, VerticalAnchor.Top);
            }
            return;
        }
        double py = canvas.YFor(Side).ToPixel(Value);
        if (!(py >= area.Y && py <= area.Bottom))
        {
            return;
        }
        if (Label is not null)
        {
            bool below = py - area.Y < 2 * painter.LineHeight(TextRole.Annotation);
            double width = painter.MeasureWidth(Label, TextRole.Annotation);
            double ty = below ? py + 3 * painter.Scale : py - (3 * painter.Scale);
            var box = new Rect(area.Right - pad - width - 2, below ? ty : ty - painter.LineHeight(TextRole.Annotation), width + 4, painter.LineHeight(TextRole.Annotation));
            painter.FillRect(box, Color.White.WithAlpha(0.8));
            painter.DrawText(Label, area.Right - pad, ty, TextRole.Annotation, Darken(Style.Color), 1, below ? VerticalAnchor.Top : VerticalAnchor.Bottom);
        }
    }

    private static Color Darken(Color c) => new(c.Red * 0.8, c.Green * 0.8, c.Blue * 0.8);
}
