namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Lays out and draws one <see cref="Plot"/> inside its grid cell, in three steps the figure drives:
/// limits (<see cref="ComputeXLimits"/>, <see cref="ComputeYLimits"/>), <see cref="Measure(Rect, double, double)"/> (space for
/// titles and tick labels around the data area) and <see cref="Arrange"/> + <see cref="Draw"/>. The figure
/// aligns data areas of panels in the same column by giving them the widest left/right gutters.
/// </summary>
internal sealed class PlotRenderer
{
    private static readonly Color AxisColor = Color.FromRgb(0x33, 0x33, 0x33);
    private static readonly Color TextColor = Color.FromRgb(0x22, 0x22, 0x22);
    private static readonly Color TickTextColor = Color.FromRgb(0x33, 0x33, 0x33);
    private static readonly Color GridColor = Color.FromRgb(0xE3, 0xE3, 0xE3);
    private static readonly Color MinorGridColor = Color.FromRgb(0xF1, 0xF1, 0xF1);

    private readonly Plot _plot;
    private readonly Painter _painter;
    private readonly Heatmap? _heatmap;
    private readonly bool _hasSecondary;
    private readonly double _s;
    private readonly double _figureWidth;

    private double _xMin, _xMax, _yMin, _yMax, _y2Min, _y2Max;
    private List<Tick> _xTicks = [], _yTicks = [], _y2Ticks = [];
    private Rect _cell;
    private double _top, _bottom, _minimumBottom;
    private int _xLines;
    private List<string> _titleLines = [];

    public PlotRenderer(Plot plot, Painter painter, bool showXTickLabels, double figureWidth)
    {
        _figureWidth = figureWidth;
        _plot = plot;
        _painter = painter;
        _heatmap = plot.Heatmap;
        _hasSecondary = _heatmap is null && plot.Items.Any(i => i.Side == YAxisSide.Secondary);
        _s = painter.Scale;
        ShowXTickLabels = showXTickLabels;
    }

    public bool ShowXTickLabels { get; }

    public double LeftGutter { get; private set; }

    public double RightGutter { get; private set; }

    /// <summary>Space this plot needs below its data area on its own (ticks, labels, axis title, a legend below).</summary>
    public double BottomGutter { get; private set; }

    /// <summary>Space this plot needs above its data area on its own (title lines and half a tick label).</summary>
    public double TopGutter { get; private set; }

    /// <summary>The left gutter this plot needs on its own (before the figure aligns its column).</summary>
    public double MeasuredLeftGutter { get; private set; }

    /// <summary>The right gutter this plot needs on its own, without an outside legend.</summary>
    public double MeasuredRightGutter { get; private set; }

    public Rect Area { get; private set; }

    public bool IsHeatmap => _heatmap is not null;

    public double XMin => _xMin;

    public double XMax => _xMax;

    private double TickLength => 5 * _s;

    private double LabelGap => 5 * _s;

    /// <summary>x limits from explicit settings or the data (no padding for lines and areas).</summary>
    public void ComputeXLimits()
    {
        if (_heatmap is not null)
        {
            (_xMin, _xMax) = (0, _heatmap.Columns);
            return;
        }
        var axis = _plot.XAxis;
        var extent = new Extent();
        bool hasContinuous = false;
        foreach (var item in _plot.Items)
        {
            item.AccumulateX(ref extent, axis.Scale == AxisScale.Log);
            hasContinuous |= item is LineSeries or AreaSeries;
        }
        (_xMin, _xMax) = AutoLimits(extent, axis, hasContinuous ? 0 : 0.03, "x");
    }

    /// <summary>Overrides the x limits (shared x across panels).</summary>
    public void SetXLimits(double min, double max) => (_xMin, _xMax) = (min, max);

    /// <summary>y limits from explicit settings or the data inside the x limits, with 5 % headroom.</summary>
    public void ComputeYLimits()
    {
        if (_heatmap is not null)
        {
            (_yMin, _yMax) = (0, _heatmap.Rows);
            return;
        }
        var primary = new Extent();
        var secondary = new Extent();
        foreach (var item in _plot.Items)
        {
            if (item.Side == YAxisSide.Secondary)
            {
                item.AccumulateY(ref secondary, _xMin, _xMax, _plot.SecondaryYAxis.Scale == AxisScale.Log);
            }
            else
            {
                item.AccumulateY(ref primary, _xMin, _xMax, _plot.YAxis.Scale == AxisScale.Log);
            }
        }
        (_yMin, _yMax) = AutoLimits(primary, _plot.YAxis, 0.05, "y");
        (_y2Min, _y2Max) = AutoLimits(secondary, _plot.SecondaryYAxis, 0.05, "secondary y");
    }

    private static (double Min, double Max) AutoLimits(Extent extent, Axis axis, double padFraction, string name)
    {
        bool log = axis.Scale == AxisScale.Log;
        double lo = extent.IsEmpty ? (log ? 1 : 0) : extent.Min;
        double hi = extent.IsEmpty ? (log ? 10 : 1) : extent.Max;
        if (axis.IncludeZero && !log)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
        }
        if (log)
        {
            (lo, hi) = (Math.Log10(lo), Math.Log10(hi));
        }
        if (hi <= lo)
        {
            double half = log ? 0.5 : axis.Scale == AxisScale.Time ? 86_400_000 : lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            (lo, hi) = (lo - half, hi + half);
        }
        double pad = (hi - lo) * padFraction;
        // A side pinned at zero by IncludeZero stays at zero (a drawdown chart's top edge is 0 %).
        if (!(axis.IncludeZero && lo == 0 && !log))
        {
            lo -= pad;
        }
        if (!(axis.IncludeZero && hi == 0 && !log))
        {
            hi += pad;
        }
        if (log)
        {
            (lo, hi) = (Math.Pow(10, lo), Math.Pow(10, hi));
        }
        lo = axis.Minimum ?? lo;
        hi = axis.Maximum ?? hi;
        if (!(hi > lo) || (log && !(lo > 0)))
        {
            throw new InvalidOperationException(
                $"The {name} axis limits [{lo}, {hi}] are empty{(log ? " or not positive on a log axis" : string.Empty)}; check Axis.Minimum/Maximum against the data.");
        }
        return (lo, hi);
    }

    /// <summary>Computes the vertical gutters, the y ticks and the left/right gutters for <paramref name="cell"/>.</summary>
    public void Measure(Rect cell) => Measure(cell, 0, 0);

    /// <summary>
    /// <see cref="Measure(Rect)"/> with the data area starting at least <paramref name="minimumTop"/> below
    /// the cell's top and ending at least <paramref name="minimumBottom"/> above its bottom, so panels of one
    /// row whose titles or legends take different space keep level data areas.
    /// </summary>
    public void Measure(Rect cell, double minimumTop, double minimumBottom)
    {
        _minimumBottom = minimumBottom;
        _cell = cell;
        double tickLine = _painter.LineHeight(TextRole.TickLabel);
        double titleLine = _painter.LineHeight(TextRole.AxisTitle);
        // A panel title wider than its cell wraps (side-by-side panels' titles would otherwise run together).
        _titleLines = _plot.Title is null ? [] : TextWrap.Lines(_painter, _plot.Title, TextRole.PanelTitle, cell.Width);
        _top = (_titleLines.Count == 0 ? 0 : (_titleLines.Count * _painter.LineHeight(TextRole.PanelTitle)) + (8 * _s)) + (tickLine / 2);
        TopGutter = _top;
        _top = Math.Max(_top, minimumTop);

        // x tick labels may need a second line (dates with a year, wrapped category labels), which depends
        // on the data width, which depends on the gutters: measure on an estimate, then again on the width
        // the gutters leave if that changes the line count.
        int xLines = ShowXTickLabels ? XTickLines(Math.Max(50, cell.Width - (120 * _s))) : 0;
        for (int pass = 0; pass < 2; pass++)
        {
            MeasureGutters(cell, xLines, titleLine);
            if (!ShowXTickLabels)
            {
                break;
            }
            int lines = XTickLines(Math.Max(20, cell.Width - LeftGutter - RightGutter));
            if (lines <= xLines)
            {
                break;
            }
            xLines = lines;
        }
    }

    private int XTickLines(double width) => FitXTicks(width).Any(t => t.SecondLine is not null) ? 2 : 1;

    private void MeasureGutters(Rect cell, int xLines, double titleLine)
    {
        _xLines = xLines;
        double tickLine = _painter.LineHeight(TextRole.TickLabel);
        _bottom = TickLength + (xLines > 0 ? LabelGap + (xLines * tickLine) : 0);
        if (ShowXTickLabels && _plot.XAxis.DisplayTitle is not null)
        {
            _bottom += (8 * _s) + titleLine;
        }
        _bottom += LegendBelowSpace;
        BottomGutter = _bottom;
        _bottom = Math.Max(_bottom, _minimumBottom);

        double height = Math.Max(20, cell.Height - _top - _bottom);
        _yTicks = FitYTicks(_plot.YAxis, _yMin, _yMax, height, categorical: _heatmap is not null);
        LeftGutter = TickLength + LabelGap + MaxLabelWidth(_yTicks)
            + (_plot.YAxis.DisplayTitle is null ? 0 : (10 * _s) + titleLine);

        if (_heatmap is not null)
        {
            var (low, high) = _heatmap.ColorLimits();
            var bar = ColorBarTicks(low, high, height);
            RightGutter = (18 * _s) + (18 * _s) + TickLength + LabelGap + MaxLabelWidth(bar)
                + (_heatmap.ValueLabel is null ? 0 : (10 * _s) + titleLine);
        }
        else if (_hasSecondary)
        {
            _y2Ticks = FitYTicks(_plot.SecondaryYAxis, _y2Min, _y2Max, height, categorical: false);
            RightGutter = TickLength + LabelGap + MaxLabelWidth(_y2Ticks)
                + (_plot.SecondaryYAxis.DisplayTitle is null ? 0 : (10 * _s) + titleLine);
        }
        else
        {
            RightGutter = 12 * _s;
        }
        MeasuredLeftGutter = LeftGutter;
        MeasuredRightGutter = RightGutter;
    }

    /// <summary>Fixes the data area with the given gutters and fits the x ticks to its width.</summary>
    public void Arrange(double leftGutter, double rightGutter)
    {
        LeftGutter = leftGutter;
        // Axis decorations on the right (secondary ticks and title) stay next to the data; an outside
        // legend takes the outer part of the gutter.
        RightGutter = rightGutter - LegendGutter;
        Area = new Rect(_cell.X + leftGutter, _cell.Y + _top,
            Math.Max(20, _cell.Width - leftGutter - rightGutter), Math.Max(20, _cell.Height - _top - _bottom));
        _xTicks = FitXTicks(Area.Width);
    }

    private List<Tick> FitXTicks(double width)
    {
        if (_heatmap is not null)
        {
            return CategoryTicks(_heatmap.ColumnLabels, width, vertical: false, reverse: false);
        }
        int count = Math.Clamp((int)(width / (75 * _s)), 2, 16);
        while (true)
        {
            var ticks = GenerateTicks(_plot.XAxis, _xMin, _xMax, count);
            if (count <= 2 || XLabelsFit(ticks, width))
            {
                return ticks;
            }
            count--;
        }
    }

    private bool XLabelsFit(List<Tick> ticks, double width)
    {
        double pixelsPerUnit = width / (_xMax - _xMin);
        bool log = _plot.XAxis.Scale == AxisScale.Log;
        double previousRight = double.NegativeInfinity;
        double gap = 14 * _s;
        foreach (var tick in ticks)
        {
            if (tick.Label.Length == 0)
            {
                continue;
            }
            double position = log
                ? (Math.Log10(tick.Value) - Math.Log10(_xMin)) / (Math.Log10(_xMax) - Math.Log10(_xMin)) * width
                : (tick.Value - _xMin) * pixelsPerUnit;
            double w = Math.Max(_painter.MeasureWidth(tick.Label, TextRole.TickLabel), _painter.MeasureWidth(tick.SecondLine ?? string.Empty, TextRole.TickLabel));
            if (position - (w / 2) < previousRight + gap)
            {
                return false;
            }
            previousRight = position + (w / 2);
        }
        return true;
    }

    private List<Tick> FitYTicks(Axis axis, double min, double max, double height, bool categorical)
    {
        if (categorical)
        {
            return CategoryTicks(_heatmap!.RowLabels, height, vertical: true, reverse: true);
        }
        double lineHeight = _painter.LineHeight(TextRole.TickLabel);
        int count = Math.Clamp((int)(height / (45 * _s)), 4, 11);
        while (true)
        {
            var ticks = GenerateTicks(axis, min, max, count);
            if (count <= 2 || YLabelsFit(ticks, axis, min, max, height, lineHeight))
            {
                return ticks;
            }
            count--;
        }
    }

    private static bool YLabelsFit(List<Tick> ticks, Axis axis, double min, double max, double height, double lineHeight)
    {
        var transform = new ScaleTransform(min, max, height, 0, axis.Scale == AxisScale.Log);
        double previous = double.PositiveInfinity;
        foreach (var tick in ticks)
        {
            if (tick.Label.Length == 0)
            {
                continue;
            }
            double p = transform.ToPixel(tick.Value);
            if (previous - p < lineHeight * 1.15)
            {
                return false;
            }
            previous = p;
        }
        return true;
    }

    /// <summary>
    /// Ticks at category centres (i + 0.5). Every category is labelled when the labels fit side by side
    /// (each neighbour pair checked with its own widths, not the widest label against every cell); long
    /// column labels are first broken onto two lines at a comma or bracket; only when even that collides
    /// are the labels thinned to every k-th category.
    /// </summary>
    private List<Tick> CategoryTicks(IReadOnlyList<string> labels, double length, bool vertical, bool reverse)
    {
        int n = labels.Count;
        double cell = length / n;
        int every;
        string[] first = [.. labels];
        string?[] second = new string?[n];
        if (vertical)
        {
            double needed = _painter.LineHeight(TextRole.TickLabel) * 1.1;
            every = Math.Max(1, (int)Math.Ceiling(needed / cell));
        }
        else
        {
            every = CategoryStride(first, second, cell);
            if (every > 1)
            {
                var wrappedFirst = new string[n];
                var wrappedSecond = new string?[n];
                for (int i = 0; i < n; i++)
                {
                    (wrappedFirst[i], wrappedSecond[i]) = SplitCategoryLabel(labels[i]);
                }
                int wrappedEvery = CategoryStride(wrappedFirst, wrappedSecond, cell);
                if (wrappedEvery < every)
                {
                    (first, second, every) = (wrappedFirst, wrappedSecond, wrappedEvery);
                }
            }
        }
        var ticks = new List<Tick>(n);
        for (int i = 0; i < n; i++)
        {
            double value = reverse ? n - i - 0.5 : i + 0.5;
            bool shown = i % every == 0;
            ticks.Add(new Tick(value, shown ? first[i] : string.Empty, IsMajor: shown, SecondLine: shown ? second[i] : null));
        }
        return ticks;
    }

    /// <summary>The smallest k such that labelling every k-th category leaves a gap between neighbouring labels.</summary>
    private int CategoryStride(string[] first, string?[] second, double cell)
    {
        int n = first.Length;
        var widths = new double[n];
        for (int i = 0; i < n; i++)
        {
            widths[i] = Math.Max(_painter.MeasureWidth(first[i], TextRole.TickLabel), second[i] is { } s ? _painter.MeasureWidth(s, TextRole.TickLabel) : 0);
        }
        double gap = 10 * _s;
        for (int every = 1; every < n; every++)
        {
            bool fits = true;
            for (int i = every; i < n && fits; i += every)
            {
                fits = ((widths[i - every] + widths[i]) / 2) + gap <= every * cell;
            }
            if (fits)
            {
                return every;
            }
        }
        return n;
    }

    /// <summary>
    /// Breaks a long category label into two lines at the comma or opening bracket nearest its middle
    /// ("vol-target(targetVolatility=2," / "lookback=24, rebalanceEvery=24)"); labels without one stay whole.
    /// </summary>
    internal static (string First, string? Second) SplitCategoryLabel(string label)
    {
        int best = -1;
        double middle = label.Length / 2.0;
        for (int i = 0; i < label.Length - 1; i++)
        {
            char c = label[i];
            // Break after a comma (dropping the space) or after an opening bracket.
            if ((c == ',' || c == '(') && (best < 0 || Math.Abs(i + 1 - middle) < Math.Abs(best - middle)))
            {
                best = i + 1;
            }
        }
        if (best <= 0 || best >= label.Length)
        {
            return (label, null);
        }
        return (label[..best], label[best..].TrimStart());
    }

    private static List<Tick> GenerateTicks(Axis axis, double min, double max, int count)
    {
        switch (axis.Scale)
        {
            case AxisScale.Time:
                return TimeTicks.Generate(min, max, count);
            case AxisScale.Log:
                return LogTicks.Generate(min, max, count, axis.Format, axis.CurrencySymbol);
            default:
                {
                    var (step, values) = axis.WholeNumberTicks
                        ? NiceNumbers.WholeTicksWithin(min, max, count)
                        : NiceNumbers.TicksWithin(min, max, count);
                    var ticks = new List<Tick>(values.Length);
                    foreach (double v in values)
                    {
                        ticks.Add(new Tick(v, TickLabelFormatter.Format(v, step, axis.Format, axis.CurrencySymbol)));
                    }
                    return ticks;
                }
        }
    }

    private List<Tick> ColorBarTicks(double low, double high, double height)
    {
        var format = _heatmap!.ValueFormat;
        int count = Math.Clamp((int)(height / (60 * _s)), 3, 10);
        var (step, values) = NiceNumbers.TicksWithin(low, high, count);
        return values.Select(v => new Tick(v, TickLabelFormatter.Format(v, step, format))).ToList();
    }

    private double MaxLabelWidth(List<Tick> ticks)
    {
        double max = 0;
        foreach (var tick in ticks)
        {
            max = Math.Max(max, _painter.MeasureWidth(tick.Label, TextRole.TickLabel));
        }
        return max;
    }

    private (ScaleTransform X, ScaleTransform Y, ScaleTransform SecondaryY) Transforms()
    {
        var area = Area;
        var x = new ScaleTransform(_xMin, _xMax, area.X, area.Right, _plot.XAxis.Scale == AxisScale.Log);
        var y = new ScaleTransform(_yMin, _yMax, area.Bottom, area.Y, _plot.YAxis.Scale == AxisScale.Log);
        var y2 = _hasSecondary
            ? new ScaleTransform(_y2Min, _y2Max, area.Bottom, area.Y, _plot.SecondaryYAxis.Scale == AxisScale.Log)
            : y;
        return (x, y, y2);
    }

    /// <summary>Draws grid, items (clipped to the data area), axes, titles, colour bar and legend.</summary>
    public PlotLayout Draw()
    {
        var painter = _painter;
        var context = painter.Context;
        var area = Area;
        var (x, y, y2) = Transforms();

        if (_plot.ShowGrid && _heatmap is null)
        {
            foreach (var tick in _yTicks)
            {
                painter.HorizontalLine(area.X, area.Right, y.ToPixel(tick.Value), tick.IsMajor ? GridColor : MinorGridColor, 1);
            }
            foreach (var tick in _xTicks)
            {
                painter.VerticalLine(x.ToPixel(tick.Value), area.Y, area.Bottom, tick.IsMajor ? GridColor : MinorGridColor, 1);
            }
        }

        var occupancy = new OccupancyGrid(area);
        var canvas = new PlotCanvas(painter, area, x, y, y2, occupancy);
        painter.Save();
        context.Rectangle(area.X, area.Y, area.Width, area.Height);
        context.Clip();
        foreach (var item in _plot.Items.OrderBy(i => i.Layer))
        {
            item.Draw(canvas);
        }
        foreach (var item in _plot.Items.OrderBy(i => i.Layer))
        {
            item.DrawOverlay(canvas);
        }
        painter.Restore();

        DrawAxes(x, y, y2);
        if (_heatmap is not null)
        {
            DrawColorBar();
        }
        for (int i = 0; i < _titleLines.Count; i++)
        {
            // Left-aligned with the data area, pulled left if a wrapped line would still leave the cell.
            double width = painter.MeasureWidth(_titleLines[i], TextRole.PanelTitle);
            double left = Math.Max(_cell.X, Math.Min(area.X, _cell.Right - width));
            painter.DrawText(_titleLines[i], left, _cell.Y + (i * painter.LineHeight(TextRole.PanelTitle)), TextRole.PanelTitle, TextColor, 0, VerticalAnchor.Top);
        }
        DrawLegend(canvas);
        var layout = new PlotLayout(area, x, y, y2, _xTicks, _yTicks, LegendBox);
        _plot.LastLayout = layout;
        return layout;
    }

    private void DrawAxes(ScaleTransform x, ScaleTransform y, ScaleTransform y2)
    {
        var painter = _painter;
        var area = Area;
        double tickLine = painter.LineHeight(TextRole.TickLabel);
        double titleLine = painter.LineHeight(TextRole.AxisTitle);

        // Spines: left and bottom (and right for a secondary axis); heatmaps get a full frame.
        painter.VerticalLine(area.X, area.Y, area.Bottom + 0.5, AxisColor, 1);
        painter.HorizontalLine(area.X - 0.5, area.Right, area.Bottom, AxisColor, 1);
        if (_hasSecondary || _heatmap is not null)
        {
            painter.VerticalLine(area.Right, area.Y, area.Bottom + 0.5, AxisColor, 1);
        }
        if (_heatmap is not null)
        {
            painter.HorizontalLine(area.X - 0.5, area.Right + 0.5, area.Y, AxisColor, 1);
        }

        foreach (var tick in _xTicks)
        {
            double px = x.ToPixel(tick.Value);
            if (!(px >= area.X - 0.5 && px <= area.Right + 0.5))
            {
                continue;
            }
            double length = tick.IsMajor ? TickLength : TickLength * 0.6;
            if (tick.IsMajor || _heatmap is null)
            {
                painter.VerticalLine(px, area.Bottom, area.Bottom + length, AxisColor, 1);
            }
            double halfWidth = ShowXTickLabels && tick.Label.Length > 0
                ? Math.Max(painter.MeasureWidth(tick.Label, TextRole.TickLabel), painter.MeasureWidth(tick.SecondLine ?? string.Empty, TextRole.TickLabel)) / 2
                : 0;
            // A label that would run off the image (a tick at the very edge of the axis) is left out.
            if (halfWidth > 0 && px - halfWidth >= 1 && px + halfWidth <= _figureWidth - 1)
            {
                double top = area.Bottom + TickLength + LabelGap;
                painter.DrawText(tick.Label, px, top, TextRole.TickLabel, TickTextColor, 0.5, VerticalAnchor.Top);
                if (tick.SecondLine is not null)
                {
                    painter.DrawText(tick.SecondLine, px, top + tickLine, TextRole.TickLabel, TickTextColor, 0.5, VerticalAnchor.Top);
                }
            }
        }
        DrawYTicks(_yTicks, y, left: true);
        if (_hasSecondary)
        {
            DrawYTicks(_y2Ticks, y2, left: false);
        }

        if (ShowXTickLabels && _plot.XAxis.DisplayTitle is { } xTitle)
        {
            // Under the tick labels (not at the cell's bottom, which a row-mate's legend may have pushed down).
            double titleTop = area.Bottom + TickLength + (_xLines > 0 ? LabelGap + (_xLines * tickLine) : 0) + (8 * _s);
            painter.DrawText(xTitle, area.X + (area.Width / 2), titleTop, TextRole.AxisTitle, TextColor, 0.5, VerticalAnchor.Top);
        }
        if (_plot.YAxis.DisplayTitle is { } yTitle)
        {
            painter.DrawText(yTitle, area.X - LeftGutter, area.Y + (area.Height / 2), TextRole.AxisTitle, TextColor, 0.5, VerticalAnchor.Top, rotated: true);
        }
        if (_hasSecondary && _plot.SecondaryYAxis.DisplayTitle is { } y2Title)
        {
            painter.DrawText(y2Title, area.Right + RightGutter - titleLine, area.Y + (area.Height / 2), TextRole.AxisTitle, TextColor, 0.5, VerticalAnchor.Top, rotated: true);
        }
    }

    private void DrawYTicks(List<Tick> ticks, ScaleTransform y, bool left)
    {
        var area = Area;
        double edge = left ? area.X : area.Right;
        double direction = left ? -1 : 1;
        foreach (var tick in ticks)
        {
            double py = y.ToPixel(tick.Value);
            if (!(py >= area.Y - 0.5 && py <= area.Bottom + 0.5))
            {
                continue;
            }
            double length = tick.IsMajor || tick.Label.Length > 0 ? TickLength : TickLength * 0.6;
            if (tick.IsMajor || _heatmap is null)
            {
                _painter.HorizontalLine(edge, edge + (direction * length), py, AxisColor, 1);
            }
            if (tick.Label.Length > 0)
            {
                _painter.DrawText(tick.Label, edge + (direction * (TickLength + LabelGap)), py, TextRole.TickLabel, TickTextColor, left ? 1 : 0, VerticalAnchor.Middle);
            }
        }
    }

    private void DrawColorBar()
    {
        var painter = _painter;
        var heatmap = _heatmap!;
        var area = Area;
        var (low, high) = heatmap.ColorLimits();
        double barX = area.Right + (18 * _s), barWidth = 18 * _s;
        int slices = Math.Clamp((int)Math.Ceiling(area.Height / 2), 16, 256);
        double sliceHeight = area.Height / slices;
        for (int i = 0; i < slices; i++)
        {
            double t = (i + 0.5) / slices;
            double top = area.Bottom - ((i + 1) * sliceHeight);
            // Slices overlap by half a pixel so anti-aliased edges leave no light seams.
            painter.FillRect(new Rect(barX, top - 0.5, barWidth, sliceHeight + 1), heatmap.ColorMap.Map(t));
        }
        var context = painter.Context;
        painter.SetStroke(AxisColor, 1, LineDash.Solid);
        context.Rectangle(Painter.Snap(barX, _s), Painter.Snap(area.Y, _s), Math.Round(barWidth), Math.Round(area.Height));
        context.Stroke();
        var ticks = ColorBarTicks(low, high, area.Height);
        var transform = new ScaleTransform(low, high, area.Bottom, area.Y, false);
        foreach (var tick in ticks)
        {
            double py = transform.ToPixel(tick.Value);
            painter.HorizontalLine(barX + barWidth, barX + barWidth + TickLength, py, AxisColor, 1);
            painter.DrawText(tick.Label, barX + barWidth + TickLength + LabelGap, py, TextRole.TickLabel, TickTextColor, 0, VerticalAnchor.Middle);
        }
        if (heatmap.ValueLabel is not null)
        {
            double titleLine = painter.LineHeight(TextRole.AxisTitle);
            painter.DrawText(heatmap.ValueLabel, area.Right + RightGutter - titleLine, area.Y + (area.Height / 2), TextRole.AxisTitle, TextColor, 0.5, VerticalAnchor.Top, rotated: true);
        }
    }

    private List<PlotItem> LegendEntries() =>
        _plot.Items.Where(i => i.Label is not null && i is LineSeries or AreaSeries or MarkerSeries).ToList();

    private double LegendInset => 10 * _s;

    private double LegendPad => 9 * _s;

    private double LegendSwatch => 30 * _s;

    private double LegendSwatchGap => 8 * _s;

    /// <summary>Space between the columns of a legend below the plot.</summary>
    private double LegendColumnGap => 24 * _s;

    private double LegendRowHeight => _painter.LineHeight(TextRole.Legend) * 1.3;

    /// <summary>Width of one legend entry (swatch, gap, widest label) in device pixels.</summary>
    private double LegendEntryWidth(List<PlotItem> entries) =>
        LegendSwatch + LegendSwatchGap + entries.Max(e => _painter.MeasureWidth(e.Label!, TextRole.Legend));

    /// <summary>The legend box's width and height in device pixels for <paramref name="entries"/> in <paramref name="columns"/> columns (filled row by row).</summary>
    private (double Width, double Height) LegendSize(List<PlotItem> entries, int columns = 1)
    {
        double lineHeight = _painter.LineHeight(TextRole.Legend);
        int rows = (entries.Count + columns - 1) / columns;
        double width = (2 * LegendPad) + (columns * LegendEntryWidth(entries)) + ((columns - 1) * LegendColumnGap);
        double height = (2 * LegendPad) + (LegendRowHeight * rows) - (LegendRowHeight - lineHeight);
        return (width, height);
    }

    /// <summary>How many legend columns fit side by side in <paramref name="width"/> (at least one).</summary>
    private int LegendColumnsWithin(List<PlotItem> entries, double width) =>
        Math.Clamp((int)Math.Floor((width - (2 * LegendPad) + LegendColumnGap) / (LegendEntryWidth(entries) + LegendColumnGap)), 1, entries.Count);

    private Rect LegendAt(LegendPosition position, double width, double height)
    {
        var area = Area;
        double inset = LegendInset;
        return position switch
        {
            LegendPosition.TopRight => new Rect(area.Right - inset - width, area.Y + inset, width, height),
            LegendPosition.BottomLeft => new Rect(area.X + inset, area.Bottom - inset - height, width, height),
            LegendPosition.BottomRight => new Rect(area.Right - inset - width, area.Bottom - inset - height, width, height),
            // Outside: in the gutter reserved for it, flush with the cell's right edge, level with the data top…
            LegendPosition.OutsideRight => new Rect(_cell.Right - width, area.Y, width, height),
            // … or under the x axis title, centred on the data area.
            LegendPosition.OutsideBottom => new Rect(area.X + ((area.Width - width) / 2), _cell.Bottom - height, width, height),
            _ => new Rect(area.X + inset, area.Y + inset, width, height),
        };
    }

    /// <summary>
    /// How much a legend box at <paramref name="box"/> would hide: drawn cells under it (and a margin of
    /// half the inset, so a line just outside still counts), a cell holding a marker counting as
    /// <see cref="OccupancyGrid.MarkerWeight"/> line cells because markers are the events a reader looks for.
    /// </summary>
    private int CoveredBy(OccupancyGrid occupancy, Rect box)
    {
        double margin = LegendInset / 2;
        return occupancy.CountIn(new Rect(box.X - margin, box.Y - margin, box.Width + (2 * margin), box.Height + (2 * margin)));
    }

    /// <summary>
    /// The inside corner (tried in the order top-left, top-right, bottom-left, bottom-right) whose legend
    /// box hides the least data, and that amount.
    /// </summary>
    private (LegendPosition Position, int Covered) BestCorner(OccupancyGrid occupancy, double width, double height)
    {
        var chosen = LegendPosition.TopLeft;
        int best = int.MaxValue;
        foreach (var candidate in (ReadOnlySpan<LegendPosition>)[LegendPosition.TopLeft, LegendPosition.TopRight, LegendPosition.BottomLeft, LegendPosition.BottomRight])
        {
            int count = CoveredBy(occupancy, LegendAt(candidate, width, height));
            if (count < best)
            {
                best = count;
                chosen = candidate;
            }
        }
        return (chosen, best);
    }

    /// <summary>
    /// The amount of covered data a corner may have and still count as free: one cell, i.e. a line grazing
    /// the margin around the box, never a marker or a stretch of line under the box.
    /// </summary>
    internal const int FreeCornerTolerance = 1;

    /// <summary>Extra right gutter the legend takes when it is drawn to the right of the data area (0 otherwise).</summary>
    public double LegendGutter { get; private set; }

    /// <summary>Extra bottom gutter the legend takes when it is drawn below the x axis (0 otherwise).</summary>
    private double LegendBelowSpace { get; set; }

    /// <summary>Legend columns when the legend is below the plot.</summary>
    private int _legendBelowColumns = 1;

    /// <summary>
    /// Decides, after <see cref="Arrange"/>, whether the legend leaves the data area. For
    /// <see cref="LegendPosition.Auto"/> the items are traced on a scratch surface to see where they fall;
    /// when no corner is free (see <see cref="FreeCornerTolerance"/>) the legend goes below the x axis in
    /// as many columns as fit (if that takes at most a third of the data height), else to the right of the
    /// data area (if the data keeps half the cell's width), else into the least covered corner. Returns
    /// true when the gutters changed: the figure then measures and arranges again. Deterministic: the same
    /// plot always makes the same choice.
    /// </summary>
    public bool PlaceLegend()
    {
        LegendGutter = 0;
        LegendBelowSpace = 0;
        if (_heatmap is not null || _plot.Legend is LegendPosition.None)
        {
            return false;
        }
        var entries = LegendEntries();
        if (entries.Count == 0)
        {
            return false;
        }
        var (width, height) = LegendSize(entries);
        double gutter = width + (12 * _s);
        bool rightFits = Area.Width - gutter >= _cell.Width / 2 && height <= Area.Height;
        int columns = LegendColumnsWithin(entries, Area.Width);
        double belowHeight = LegendSize(entries, columns).Height + (10 * _s);
        bool belowFits = belowHeight <= Area.Height / 3;
        switch (_plot.Legend)
        {
            case LegendPosition.OutsideRight when rightFits:
                LegendGutter = gutter;
                return true;
            case LegendPosition.OutsideBottom when belowFits:
                (_legendBelowColumns, LegendBelowSpace) = (columns, belowHeight);
                return true;
            case LegendPosition.Auto:
                break;
            default:
                return false;
        }
        var occupancy = TraceOccupancy();
        var (_, covered) = BestCorner(occupancy, width, height);
        if (covered <= FreeCornerTolerance)
        {
            return false;
        }
        if (belowFits)
        {
            (_legendBelowColumns, LegendBelowSpace) = (columns, belowHeight);
            return true;
        }
        if (rightFits)
        {
            LegendGutter = gutter;
            return true;
        }
        return false;
    }

    /// <summary>Draws the items on a 1 × 1 scratch surface only to record where they fall in the data area.</summary>
    private OccupancyGrid TraceOccupancy()
    {
        var area = Area;
        var occupancy = new OccupancyGrid(area);
        using var surface = Cairo.CairoSurface.CreateImage(1, 1);
        using var context = new Cairo.CairoContext(surface);
        var scratch = new Painter(context, _s * 96);
        var (x, y, y2) = Transforms();
        var canvas = new PlotCanvas(scratch, area, x, y, y2, occupancy);
        foreach (var item in _plot.Items.OrderBy(i => i.Layer))
        {
            item.Draw(canvas);
        }
        return occupancy;
    }

    private void DrawLegend(PlotCanvas canvas)
    {
        LegendBox = null;
        if (_plot.Legend == LegendPosition.None)
        {
            return;
        }
        var entries = LegendEntries();
        if (entries.Count == 0)
        {
            return;
        }
        var painter = _painter;
        double lineHeight = painter.LineHeight(TextRole.Legend);
        int columns = 1;
        LegendPosition chosen;
        if (LegendGutter > 0)
        {
            chosen = LegendPosition.OutsideRight;
        }
        else if (LegendBelowSpace > 0)
        {
            chosen = LegendPosition.OutsideBottom;
            columns = _legendBelowColumns;
        }
        else
        {
            var (cornerWidth, cornerHeight) = LegendSize(entries);
            chosen = _plot.Legend is LegendPosition.Auto or LegendPosition.OutsideRight or LegendPosition.OutsideBottom
                ? BestCorner(canvas.Occupancy, cornerWidth, cornerHeight).Position
                : _plot.Legend;
        }
        var (width, height) = LegendSize(entries, columns);
        var legend = LegendAt(chosen, width, height);
        LegendBox = legend;
        painter.FillRect(legend, Color.White.WithAlpha(0.9));
        painter.SetStroke(Color.FromRgb(0xBB, 0xBB, 0xBB), 1, LineDash.Solid);
        painter.Context.Rectangle(Painter.Snap(legend.X, _s), Painter.Snap(legend.Y, _s), Math.Round(legend.Width), Math.Round(legend.Height));
        painter.Context.Stroke();
        double columnWidth = LegendEntryWidth(entries) + LegendColumnGap;
        for (int i = 0; i < entries.Count; i++)
        {
            double rowTop = legend.Y + LegendPad + (i / columns * LegendRowHeight);
            double left = legend.X + LegendPad + (i % columns * columnWidth);
            entries[i].DrawLegendSwatch(canvas, left, rowTop, LegendSwatch, lineHeight);
            painter.DrawText(entries[i].Label!, left + LegendSwatch + LegendSwatchGap, rowTop + (lineHeight / 2), TextRole.Legend, TextColor, 0, VerticalAnchor.Middle);
        }
    }

    /// <summary>Where the legend went in the last drawing (for tests); null when none was drawn.</summary>
    public Rect? LegendBox { get; private set; }
}
