using LevBacktest.Reporting.Cairo;

namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Drawing helpers over a <see cref="CairoContext"/> in device pixels: colours, strokes, crisp 1-px lines,
/// and text in DejaVu Sans measured and aligned by role. All sizes given at 96 DPI are multiplied by
/// <see cref="Scale"/> (= DPI / 96). Every string drawn is also recorded (for the SVG text layer).
/// </summary>
internal sealed class Painter
{
    public const string FontFamily = "DejaVu Sans";

    private readonly CairoContext _context;
    private readonly double _pointsToPixels;
    private TextRole? _currentRole;

    public Painter(CairoContext context, double dpi)
    {
        _context = context;
        Scale = dpi / 96.0;
        _pointsToPixels = dpi / 72.0;
    }

    public CairoContext Context => _context;

    /// <summary>Device pixels per 96-DPI pixel.</summary>
    public double Scale { get; }

    public List<TextLayerEntry> TextLayer { get; } = [];

    /// <summary>Typographic size in points of each role.</summary>
    public static double PointSize(TextRole role) => role switch
    {
        TextRole.Title => 19,
        TextRole.Subtitle => 13,
        TextRole.PanelTitle => 13.5,
        TextRole.AxisTitle => 13,
        TextRole.TickLabel => 12,
        TextRole.Legend => 12,
        _ => 11,
    };

    public static bool IsBold(TextRole role) => role is TextRole.Title or TextRole.PanelTitle;

    public double FontPixels(TextRole role) => PointSize(role) * _pointsToPixels;

    /// <summary>cairo_save; pair with <see cref="Restore"/>.</summary>
    public void Save() => _context.Save();

    /// <summary>cairo_restore; forgets the cached font because the restored state may hold another one.</summary>
    public void Restore()
    {
        _context.Restore();
        _currentRole = null;
    }

    public void SetColor(Color color) => _context.SetSourceRgba(color.Red, color.Green, color.Blue, color.Alpha);

    /// <summary>Sets colour, width (96-DPI px) and dash pattern for the next stroke.</summary>
    public void SetStroke(Color color, double width, LineDash dash)
    {
        SetColor(color);
        double w = width * Scale;
        _context.SetLineWidth(w);
        double unit = Math.Max(w, Scale);
        switch (dash)
        {
            case LineDash.Dashed:
                _context.SetDash([6 * unit, 4 * unit], 0);
                _context.SetLineCap(0);
                break;
            case LineDash.Dotted:
                _context.SetDash([0, 2.5 * unit], 0);
                _context.SetLineCap(1);
                break;
            case LineDash.DashDot:
                _context.SetDash([6 * unit, 3 * unit, 0, 3 * unit], 0);
                _context.SetLineCap(1);
                break;
            default:
                _context.SetDash([], 0);
                _context.SetLineCap(0);
                break;
        }
    }

    public void SetStroke(LineStyle style) => SetStroke(style.Color, style.Width, style.Dash);

    /// <summary>
    /// Moves a coordinate onto the pixel grid for a line of <paramref name="deviceWidth"/> so that it is
    /// crisp: odd widths on pixel centres (n + 0.5), even widths on pixel edges.
    /// </summary>
    public static double Snap(double coordinate, double deviceWidth)
    {
        int w = Math.Max(1, (int)Math.Round(deviceWidth));
        return (w & 1) == 1 ? Math.Floor(coordinate) + 0.5 : Math.Round(coordinate);
    }

    public void FillRect(Rect r, Color color)
    {
        SetColor(color);
        _context.Rectangle(r.X, r.Y, r.Width, r.Height);
        _context.Fill();
    }

    /// <summary>A crisp horizontal line from x0 to x1 at y, 96-DPI width <paramref name="width"/>.</summary>
    public void HorizontalLine(double x0, double x1, double y, Color color, double width, LineDash dash = LineDash.Solid)
    {
        SetStroke(color, width, dash);
        double sy = Snap(y, width * Scale);
        _context.MoveTo(x0, sy);
        _context.LineTo(x1, sy);
        _context.Stroke();
    }

    /// <summary>A crisp vertical line from y0 to y1 at x.</summary>
    public void VerticalLine(double x, double y0, double y1, Color color, double width, LineDash dash = LineDash.Solid)
    {
        SetStroke(color, width, dash);
        double sx = Snap(x, width * Scale);
        _context.MoveTo(sx, y0);
        _context.LineTo(sx, y1);
        _context.Stroke();
    }

    private void UseFont(TextRole role)
    {
        if (_currentRole == role)
        {
            return;
        }
        _context.SelectFontFace(FontFamily, IsBold(role), italic: false);
        _context.SetFontSize(FontPixels(role));
        _currentRole = role;
    }

    /// <summary>Advance width of <paramref name="text"/> in device pixels.</summary>
    public double MeasureWidth(string text, TextRole role)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        UseFont(role);
        return _context.TextExtents(text).XAdvance;
    }

    /// <summary>Ascent (above baseline) and descent (below) of the role's font, device pixels.</summary>
    public (double Ascent, double Descent) FontMetrics(TextRole role)
    {
        UseFont(role);
        var e = _context.FontExtents();
        return (e.Ascent, e.Descent);
    }

    /// <summary>Height of a line of text of this role (ascent + descent), device pixels.</summary>
    public double LineHeight(TextRole role)
    {
        var (a, d) = FontMetrics(role);
        return a + d;
    }

    /// <summary>Height of digits and capitals ("0" ink height), used to centre labels on tick marks.</summary>
    public double DigitHeight(TextRole role)
    {
        UseFont(role);
        return _context.TextExtents("0").Height;
    }

    /// <summary>
    /// Draws <paramref name="text"/> anchored at (x, y): <paramref name="horizontal"/> is the fraction of the
    /// width left of x (0 left-aligned, 0.5 centred, 1 right-aligned); <paramref name="vertical"/> chooses the
    /// y reference (top of the line box, centre of the digit height, baseline, bottom of the line box).
    /// When <paramref name="rotated"/> the text runs bottom-to-top and the anchors apply in its own frame.
    /// </summary>
    public void DrawText(string text, double x, double y, TextRole role, Color color, double horizontal, VerticalAnchor vertical, bool rotated = false)
    {
        if (text.Length == 0)
        {
            return;
        }
        UseFont(role);
        var (ascent, descent) = FontMetrics(role);
        double width = MeasureWidth(text, role);
        double baselineOffset = vertical switch
        {
            VerticalAnchor.Top => ascent,
            VerticalAnchor.Middle => DigitHeight(role) / 2,
            VerticalAnchor.Bottom => -descent,
            _ => 0,
        };
        SetColor(color);
        if (!rotated)
        {
            double bx = x - (width * horizontal), by = y + baselineOffset;
            _context.MoveTo(bx, by);
            _context.ShowText(text);
            TextLayer.Add(new TextLayerEntry(text, bx, by, FontPixels(role), IsBold(role), Vertical: false));
            return;
        }
        _context.Save();
        _context.Translate(x, y);
        _context.Rotate(-Math.PI / 2);
        _context.MoveTo(-width * horizontal, baselineOffset);
        _context.ShowText(text);
        Restore();
        // In the rotated frame the baseline start (−w·h, b) maps to device (x + b, y + w·h).
        TextLayer.Add(new TextLayerEntry(text, x + baselineOffset, y + (width * horizontal), FontPixels(role), IsBold(role), Vertical: true));
    }
}
