namespace LevBacktest.Reporting.Charts;

/// <summary>
/// One panel of a <see cref="Figure"/>: a data area with an x axis, a left y axis, an optional right
/// y axis, a legend, and the items added to it. x values are data units — UTC epoch milliseconds on a
/// time axis (the <c>long</c> overloads switch <see cref="XAxis"/> to <see cref="AxisScale.Time"/>).
/// All <c>Add…</c> methods copy their input.
/// </summary>
public sealed class Plot
{
    private readonly List<PlotItem> _items = [];
    private int _autoColorIndex;

    internal Plot(int row, int column)
    {
        Row = row;
        Column = column;
    }

    /// <summary>Row of this panel in the figure grid (0-based, top to bottom).</summary>
    public int Row { get; }

    /// <summary>Column of this panel in the figure grid (0-based, left to right).</summary>
    public int Column { get; }

    /// <summary>Panel title, drawn above the data area; null for none.</summary>
    public string? Title { get; set; }

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; } = new(isVertical: false);

    /// <summary>The left vertical axis.</summary>
    public Axis YAxis { get; } = new(isVertical: true);

    /// <summary>The right vertical axis, drawn only when an item uses <see cref="YAxisSide.Secondary"/>.</summary>
    public Axis SecondaryYAxis { get; } = new(isVertical: true);

    /// <summary>Legend placement. Default <see cref="LegendPosition.Auto"/>.</summary>
    public LegendPosition Legend { get; set; } = LegendPosition.Auto;

    /// <summary>Draw light grid lines at the major ticks. Default true.</summary>
    public bool ShowGrid { get; set; } = true;

    /// <summary>The items in the order they were added.</summary>
    public IReadOnlyList<PlotItem> Items => _items;

    /// <summary>Geometry of the last rendering (data area and transforms); null before the figure is drawn.</summary>
    internal PlotLayout? LastLayout { get; set; }

    /// <summary>
    /// Adds a line through (x[i], y[i]). NaN in y breaks the line.
    /// </summary>
    /// <param name="x">x values (finite), same length as <paramref name="y"/>; ascending x enables per-pixel decimation.</param>
    /// <param name="y">y values in the units of the chosen axis.</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="style">Stroke; null takes the next Okabe–Ito colour, 2 px solid.</param>
    /// <param name="side">Which y axis.</param>
    /// <exception cref="ArgumentException">Lengths differ or an x value is not finite.</exception>
    public LineSeries AddLine(ReadOnlySpan<double> x, ReadOnlySpan<double> y, string? label = null, LineStyle? style = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(x.Length, y.Length, nameof(y));
        return Add(new LineSeries(PlotItem.CopyX(x, nameof(x)), y.ToArray(), label, style ?? new LineStyle(NextColor(), 2), side));
    }

    /// <summary>Adds a line over UTC epoch-millisecond times and makes the x axis a time axis. See <see cref="AddLine(ReadOnlySpan{double}, ReadOnlySpan{double}, string?, LineStyle?, YAxisSide)"/>.</summary>
    public LineSeries AddLine(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> y, string? label = null, LineStyle? style = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(timeMs.Length, y.Length, nameof(y));
        XAxis.Scale = AxisScale.Time;
        return Add(new LineSeries(PlotItem.TimesToDouble(timeMs), y.ToArray(), label, style ?? new LineStyle(NextColor(), 2), side));
    }

    /// <summary>
    /// Fills between y and a constant <paramref name="baseline"/> (e.g. drawdown down from 0).
    /// </summary>
    /// <param name="x">x values (finite), same length as <paramref name="y"/>.</param>
    /// <param name="y">The boundary series; NaN points are left out.</param>
    /// <param name="baseline">The constant other boundary, in y units.</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="fill">Fill colour; null takes the next palette colour at 35 % opacity.</param>
    /// <param name="side">Which y axis.</param>
    /// <exception cref="ArgumentException">Lengths differ or an x value is not finite.</exception>
    public AreaSeries AddArea(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double baseline = 0, string? label = null, Color? fill = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(x.Length, y.Length, nameof(y));
        return Add(new AreaSeries(PlotItem.CopyX(x, nameof(x)), y.ToArray(), null, baseline, label, fill ?? NextColor().WithAlpha(0.35), side));
    }

    /// <summary>Fills between y and a baseline over UTC epoch-millisecond times (x axis becomes a time axis).</summary>
    public AreaSeries AddArea(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> y, double baseline = 0, string? label = null, Color? fill = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(timeMs.Length, y.Length, nameof(y));
        XAxis.Scale = AxisScale.Time;
        return Add(new AreaSeries(PlotItem.TimesToDouble(timeMs), y.ToArray(), null, baseline, label, fill ?? NextColor().WithAlpha(0.35), side));
    }

    /// <summary>
    /// Fills the gap between two series on the same x (e.g. simulated vs naive L× equity).
    /// </summary>
    /// <param name="x">x values (finite); all three spans have the same length.</param>
    /// <param name="lower">One boundary.</param>
    /// <param name="upper">The other boundary (which one is larger may change along x).</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="fill">Fill colour; null takes the next palette colour at 35 % opacity.</param>
    /// <param name="side">Which y axis.</param>
    /// <exception cref="ArgumentException">Lengths differ or an x value is not finite.</exception>
    public AreaSeries AddAreaBetween(ReadOnlySpan<double> x, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, string? label = null, Color? fill = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(x.Length, lower.Length, nameof(lower));
        PlotItem.CheckSameLength(x.Length, upper.Length, nameof(upper));
        return Add(new AreaSeries(PlotItem.CopyX(x, nameof(x)), upper.ToArray(), lower.ToArray(), 0, label, fill ?? NextColor().WithAlpha(0.35), side));
    }

    /// <summary>Fills between two series over UTC epoch-millisecond times (x axis becomes a time axis).</summary>
    public AreaSeries AddAreaBetween(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, string? label = null, Color? fill = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(timeMs.Length, lower.Length, nameof(lower));
        PlotItem.CheckSameLength(timeMs.Length, upper.Length, nameof(upper));
        XAxis.Scale = AxisScale.Time;
        return Add(new AreaSeries(PlotItem.TimesToDouble(timeMs), upper.ToArray(), lower.ToArray(), 0, label, fill ?? NextColor().WithAlpha(0.35), side));
    }

    /// <summary>
    /// Adds point markers (✕ liquidations, ▼ stops, circles).
    /// </summary>
    /// <param name="x">x values (finite), same length as <paramref name="y"/>.</param>
    /// <param name="y">y values; NaN points are skipped.</param>
    /// <param name="style">Shape, colour, size; null gives circles in the next palette colour.</param>
    /// <param name="label">Legend text, or null.</param>
    /// <param name="side">Which y axis.</param>
    /// <exception cref="ArgumentException">Lengths differ or an x value is not finite.</exception>
    public MarkerSeries AddMarkers(ReadOnlySpan<double> x, ReadOnlySpan<double> y, MarkerStyle? style = null, string? label = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(x.Length, y.Length, nameof(y));
        return Add(new MarkerSeries(PlotItem.CopyX(x, nameof(x)), y.ToArray(), style ?? new MarkerStyle(MarkerShape.Circle, NextColor()), label, side));
    }

    /// <summary>Adds markers at UTC epoch-millisecond times (x axis becomes a time axis).</summary>
    public MarkerSeries AddMarkers(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> y, MarkerStyle? style = null, string? label = null, YAxisSide side = YAxisSide.Primary)
    {
        PlotItem.CheckSameLength(timeMs.Length, y.Length, nameof(y));
        XAxis.Scale = AxisScale.Time;
        return Add(new MarkerSeries(PlotItem.TimesToDouble(timeMs), y.ToArray(), style ?? new MarkerStyle(MarkerShape.Circle, NextColor()), label, side));
    }

    /// <summary>Adds a vertical event line at <paramref name="x"/> (epoch ms on a time axis), labelled at its top.</summary>
    /// <param name="x">Position in x units (finite).</param>
    /// <param name="label">Text next to the line, or null.</param>
    /// <param name="style">Stroke; null for a 1.25 px dashed dark grey line.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not finite.</exception>
    public ReferenceLine AddVerticalLine(double x, string? label = null, LineStyle? style = null)
    {
        CheckFinite(x, nameof(x));
        return Add(new ReferenceLine(true, x, label, style ?? DefaultReferenceStyle, YAxisSide.Primary));
    }

    /// <summary>Adds a horizontal reference line at <paramref name="y"/>, labelled at its right end.</summary>
    /// <param name="y">Position in units of the chosen y axis (finite).</param>
    /// <param name="label">Text above the line, or null.</param>
    /// <param name="style">Stroke; null for a 1.25 px dashed dark grey line.</param>
    /// <param name="side">Which y axis.</param>
    /// <exception cref="ArgumentException"><paramref name="y"/> is not finite.</exception>
    public ReferenceLine AddHorizontalLine(double y, string? label = null, LineStyle? style = null, YAxisSide side = YAxisSide.Primary)
    {
        CheckFinite(y, nameof(y));
        return Add(new ReferenceLine(false, y, label, style ?? DefaultReferenceStyle, side));
    }

    /// <summary>
    /// Adds a heatmap of <paramref name="values"/>[row, column] with a colour bar; the plot's axes become
    /// category axes labelled by <paramref name="rowLabels"/> (y, first row at the top) and
    /// <paramref name="columnLabels"/> (x). Set <see cref="Heatmap.Annotate"/> to print values in cells.
    /// </summary>
    /// <param name="values">The grid; NaN marks a missing cell (drawn grey).</param>
    /// <param name="rowLabels">One label per row, or null for "0", "1", ….</param>
    /// <param name="columnLabels">One label per column, or null for "0", "1", ….</param>
    /// <param name="colorMap">Colour map; null for <see cref="ColorMap.Viridis"/>.</param>
    /// <param name="valueLabel">Colour bar title (metric and unit).</param>
    /// <exception cref="ArgumentException">The grid is empty or a label list has the wrong length.</exception>
    public Heatmap AddHeatmap(double[,] values, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null, ColorMap? colorMap = null, string? valueLabel = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flat = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                flat[(r * columns) + c] = values[r, c];
            }
        }
        return AddHeatmap(flat, rows, columns, rowLabels, columnLabels, colorMap, valueLabel);
    }

    /// <summary>Adds a heatmap from row-major values (length rows × columns). See <see cref="AddHeatmap(double[,], IReadOnlyList{string}?, IReadOnlyList{string}?, ColorMap?, string?)"/>.</summary>
    public Heatmap AddHeatmap(ReadOnlySpan<double> rowMajorValues, int rows, int columns, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null, ColorMap? colorMap = null, string? valueLabel = null)
    {
        if (rows < 1 || columns < 1 || rowMajorValues.Length != rows * columns)
        {
            throw new ArgumentException($"A heatmap needs rows × columns ≥ 1 values; got {rowMajorValues.Length} values for {rows} × {columns}.", nameof(rowMajorValues));
        }
        rowLabels ??= Enumerable.Range(0, rows).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        columnLabels ??= Enumerable.Range(0, columns).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (rowLabels.Count != rows)
        {
            throw new ArgumentException($"{rowLabels.Count} row labels for {rows} rows.", nameof(rowLabels));
        }
        if (columnLabels.Count != columns)
        {
            throw new ArgumentException($"{columnLabels.Count} column labels for {columns} columns.", nameof(columnLabels));
        }
        if (_items.OfType<Heatmap>().Any())
        {
            throw new InvalidOperationException("A plot holds at most one heatmap; use another panel of the figure.");
        }
        return Add(new Heatmap(rowMajorValues.ToArray(), rows, columns, rowLabels.ToArray(), columnLabels.ToArray(), colorMap ?? ColorMap.Viridis, valueLabel));
    }

    /// <summary>Writes <paramref name="text"/> at data point (x, y), vertically centred.</summary>
    /// <exception cref="ArgumentException">A coordinate is not finite or the text is empty.</exception>
    public TextAnnotation AddText(double x, double y, string text, TextAlignment alignment = TextAlignment.Left, Color? color = null, YAxisSide side = YAxisSide.Primary)
    {
        CheckFinite(x, nameof(x));
        CheckFinite(y, nameof(y));
        ArgumentException.ThrowIfNullOrEmpty(text);
        return Add(new TextAnnotation(x, y, text, color ?? Color.FromRgb(0x33, 0x33, 0x33), alignment, side));
    }

    internal Heatmap? Heatmap => _items.OfType<Heatmap>().FirstOrDefault();

    private static LineStyle DefaultReferenceStyle => new(Color.FromRgb(0x55, 0x55, 0x55), 1.25, LineDash.Dashed);

    private Color NextColor() => Palette.SeriesColor(_autoColorIndex++);

    private T Add<T>(T item)
        where T : PlotItem
    {
        _items.Add(item);
        return item;
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} is {value}; it must be finite.", name);
        }
    }
}
