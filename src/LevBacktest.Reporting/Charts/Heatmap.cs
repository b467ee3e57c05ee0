namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A grid of coloured cells, one per (row, column) value — typically a metric over two sweep axes —
/// with a colour bar on the right of the plot. NaN cells are grey. A plot holding a heatmap uses
/// category axes: cell (r, c) spans x ∈ [c, c + 1] and, with row 0 at the top, y ∈ [rows − r − 1, rows − r].
/// </summary>
public sealed class Heatmap : PlotItem
{
    private readonly double[] _values;

    internal Heatmap(double[] values, int rows, int columns, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, ColorMap colorMap, string? valueLabel)
        : base(null, YAxisSide.Primary)
    {
        _values = values;
        Rows = rows;
        Columns = columns;
        RowLabels = rowLabels;
        ColumnLabels = columnLabels;
        ColorMap = colorMap;
        ValueLabel = valueLabel;
    }

    /// <summary>Number of rows (drawn top to bottom).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (drawn left to right).</summary>
    public int Columns { get; }

    /// <summary>Row labels (length <see cref="Rows"/>), shown on the y axis.</summary>
    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>Column labels (length <see cref="Columns"/>), shown on the x axis.</summary>
    public IReadOnlyList<string> ColumnLabels { get; }

    /// <summary>The colour map; a diverging map centres the limits on zero.</summary>
    public ColorMap ColorMap { get; }

    /// <summary>Title of the colour bar, e.g. "Sharpe" or "Max drawdown (%)".</summary>
    public string? ValueLabel { get; }

    /// <summary>Write each cell's value in the cell (when it fits). Default false.</summary>
    public bool Annotate { get; set; }

    /// <summary>
    /// A cell's value at the grid's common precision; a value that would round to zero but is not zero
    /// gets one significant digit instead ("−0.3 %", not "−0 %", which reads as a sign error).
    /// </summary>
    internal string AnnotationText(double value, double step)
    {
        string text = TickLabelFormatter.Format(value, step, ValueFormat);
        if (value != 0 && double.IsFinite(value) && !text.Any(c => c is >= '1' and <= '9'))
        {
            double scale = ValueFormat == AxisFormat.Percent ? 100 : 1;
            double ownStep = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value * scale)))) / scale;
            text = TickLabelFormatter.Format(value, ownStep, ValueFormat);
        }
        return text;
    }

    /// <summary>Format of cell annotations and colour-bar labels. Default <see cref="AxisFormat.Number"/>.</summary>
    public AxisFormat ValueFormat { get; set; } = AxisFormat.Number;

    /// <summary>Value mapped to the low end of the colour map, or null for the data minimum (−max |v| for a diverging map).</summary>
    public double? Minimum { get; set; }

    /// <summary>Value mapped to the high end of the colour map, or null for the data maximum (+max |v| for a diverging map).</summary>
    public double? Maximum { get; set; }

    /// <summary>The value of cell (row, column); NaN for a missing cell.</summary>
    public double this[int row, int column] => _values[(row * Columns) + column];

    internal override int Layer => 0;

    /// <summary>The colour limits actually used.</summary>
    internal (double Low, double High) ColorLimits()
    {
        var extent = new Extent();
        foreach (double v in _values)
        {
            extent.Include(v, false);
        }
        double low = extent.IsEmpty ? 0 : extent.Min, high = extent.IsEmpty ? 1 : extent.Max;
        if (ColorMap.IsDiverging)
        {
            double m = Math.Max(Math.Abs(low), Math.Abs(high));
            (low, high) = (-m, m);
        }
        low = Minimum ?? low;
        high = Maximum ?? high;
        if (!(high > low))
        {
            (low, high) = (low - 1, low + 1);
        }
        return (low, high);
    }

    private bool AllWholeNumbers()
    {
        foreach (double v in _values)
        {
            if (!double.IsNaN(v) && v != Math.Round(v))
            {
                return false;
            }
        }
        return true;
    }

    internal override void Draw(PlotCanvas canvas)
    {
        var painter = canvas.Painter;
        var (low, high) = ColorLimits();
        double maxAbs = Math.Max(Math.Abs(low), Math.Abs(high));
        // Annotations show three significant digits of the largest magnitude.
        double step = maxAbs > 0 ? Math.Pow(10, Math.Floor(Math.Log10(maxAbs * (ValueFormat == AxisFormat.Percent ? 100 : 1))) - 2) : 1;
        if (ValueFormat == AxisFormat.Percent)
        {
            step /= 100;
        }
        else if (AllWholeNumbers())
        {
            // Counts (liquidations, trades) read as "3", not "3.00".
            step = Math.Max(step, 1);
        }
        double lineHeight = painter.LineHeight(TextRole.Annotation);
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                double x0 = canvas.X.ToPixel(c), x1 = canvas.X.ToPixel(c + 1);
                double y0 = canvas.PrimaryY.ToPixel(Rows - r), y1 = canvas.PrimaryY.ToPixel(Rows - r - 1);
                // Round cell edges to whole pixels so neighbouring cells meet without hairline seams.
                var cell = new Rect(Math.Round(x0), Math.Round(y0), Math.Round(x1) - Math.Round(x0), Math.Round(y1) - Math.Round(y0));
                double v = this[r, c];
                var color = double.IsNaN(v) ? Color.FromRgb(0xC8, 0xC8, 0xC8) : ColorMap.Map((v - low) / (high - low));
                painter.FillRect(cell, color);
                if (Annotate)
                {
                    string text = double.IsNaN(v) ? "–" : AnnotationText(v, step);
                    if (painter.MeasureWidth(text, TextRole.Annotation) + (4 * painter.Scale) <= cell.Width && lineHeight <= cell.Height)
                    {
                        var ink = color.RelativeLuminance > 0.4 ? Color.Black : Color.White;
                        painter.DrawText(text, cell.X + (cell.Width / 2), cell.Y + (cell.Height / 2), TextRole.Annotation, ink, 0.5, VerticalAnchor.Middle);
                    }
                }
            }
        }
    }
}
