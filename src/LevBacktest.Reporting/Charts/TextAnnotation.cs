namespace LevBacktest.Reporting.Charts;

/// <summary>A piece of text placed at a data point (vertically centred on it). Does not affect axis limits.</summary>
public sealed class TextAnnotation : PlotItem
{
    internal TextAnnotation(double x, double y, string text, Color color, TextAlignment alignment, YAxisSide side)
        : base(null, side)
    {
        X = x;
        Y = y;
        Text = text;
        Color = color;
        Alignment = alignment;
    }

    /// <summary>x in data units.</summary>
    public double X { get; }

    /// <summary>y in data units of the item's axis.</summary>
    public double Y { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>Text colour.</summary>
    public Color Color { get; }

    /// <summary>Horizontal anchoring relative to the point.</summary>
    public TextAlignment Alignment { get; }

    internal override int Layer => 5;

    internal override void Draw(PlotCanvas canvas)
    {
        double px = canvas.X.ToPixel(X), py = canvas.YFor(Side).ToPixel(Y);
        if (double.IsNaN(px) || double.IsNaN(py))
        {
            return;
        }
        double anchor = Alignment switch { TextAlignment.Left => 0, TextAlignment.Center => 0.5, _ => 1 };
        canvas.Painter.DrawText(Text, px, py, TextRole.Annotation, Color, anchor, VerticalAnchor.Middle);
    }
}
