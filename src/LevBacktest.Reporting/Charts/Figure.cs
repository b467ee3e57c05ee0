using LevBacktest.Reporting.Cairo;

namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A chart image: a title and subtitle over a grid of <see cref="Plot"/> panels, saved as PNG, SVG or PDF
/// from the same drawing code (cairo). Sizes are in device pixels; text and line sizes are given at
/// 96 DPI and scale with <see cref="Dpi"/>, so a 3200 × 1800 figure at 192 DPI is the 1600 × 900 one at
/// twice the resolution. Not thread-safe; one figure may be saved several times.
/// </summary>
/// <example>
/// <code>
/// var figure = new Figure(1600, 900) { Title = "BTCUSDT equity", Subtitle = "isolated, 10×" };
/// var plot = figure.Plot;
/// plot.YAxis.Scale = AxisScale.Log;
/// plot.YAxis.Label = "Equity";
/// plot.YAxis.Unit = "USDT";
/// plot.AddLine(timeMs, equity, "10×");
/// plot.AddMarkers(liquidationTimeMs, liquidationEquity, new MarkerStyle(MarkerShape.Cross, Palette.Vermillion), "liquidation");
/// figure.Save("equity.png");
/// </code>
/// </example>
public sealed class Figure
{
    private readonly Plot[] _plots;
    private double _dpi = 96;

    /// <summary>Creates a figure of <paramref name="width"/> × <paramref name="height"/> pixels with a grid of panels.</summary>
    /// <param name="width">Width in pixels, 100..16384.</param>
    /// <param name="height">Height in pixels, 100..16384.</param>
    /// <param name="rows">Panel rows (small multiples), 1..20.</param>
    /// <param name="columns">Panel columns, 1..20.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or count is out of range.</exception>
    public Figure(int width = 1600, int height = 900, int rows = 1, int columns = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 16384);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 16384);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 20);
        Width = width;
        Height = height;
        Rows = rows;
        Columns = columns;
        _plots = new Plot[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                _plots[(r * columns) + c] = new Plot(r, c);
            }
        }
    }

    /// <summary>Width in device pixels.</summary>
    public int Width { get; }

    /// <summary>Height in device pixels.</summary>
    public int Height { get; }

    /// <summary>Panel rows.</summary>
    public int Rows { get; }

    /// <summary>Panel columns.</summary>
    public int Columns { get; }

    /// <summary>
    /// Resolution in dots per inch: text sizes in points and line widths in 96-DPI pixels are scaled by
    /// Dpi / 96. Default 96. PDF pages are Width × 72 / Dpi points wide.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside 24..1200.</exception>
    public double Dpi
    {
        get => _dpi;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 24);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1200);
            _dpi = value;
        }
    }

    /// <summary>Figure title, top left; null for none.</summary>
    public string? Title { get; set; }

    /// <summary>Second line under the title (grey), e.g. the data span and settings; null for none.</summary>
    public string? Subtitle { get; set; }

    /// <summary>Space around the content, 96-DPI pixels. Default 16 on every side.</summary>
    public Margins Margins { get; set; } = Margins.Uniform(16);

    /// <summary>
    /// With several panels: one x range for all of them (the union of their data unless set on the bottom
    /// panel's axis), and x tick labels and title only on the bottom row. Default true. Heatmap panels keep
    /// their own category axes.
    /// </summary>
    public bool ShareX { get; set; } = true;

    /// <summary>Background colour. Default white.</summary>
    public Color Background { get; set; } = Color.White;

    /// <summary>The single panel of a 1 × 1 figure (the top-left panel otherwise).</summary>
    public Plot Plot => _plots[0];

    /// <summary>All panels, row by row.</summary>
    public IReadOnlyList<Plot> Plots => _plots;

    /// <summary>The panel at (<paramref name="row"/>, <paramref name="column"/>), both 0-based.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the grid.</exception>
    public Plot this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
            return _plots[(row * Columns) + column];
        }
    }

    /// <summary>Saves the figure in the format named by the file extension (.png, .svg, .pdf).</summary>
    /// <exception cref="ArgumentException">The extension is none of those.</exception>
    /// <exception cref="CairoException">cairo could not draw or write the file.</exception>
    /// <exception cref="InvalidOperationException">Axis limits are empty (e.g. explicit minimum ≥ maximum).</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ImageFormat.Png,
            ".svg" => ImageFormat.Svg,
            ".pdf" => ImageFormat.Pdf,
            var other => throw new ArgumentException($"Cannot tell the image format of '{path}' from its extension '{other}'; use .png, .svg or .pdf, or pass an ImageFormat.", nameof(path)),
        };
        Save(path, format);
    }

    /// <summary>
    /// Saves the figure to <paramref name="path"/> atomically: it is written to a temporary file in the
    /// same directory and renamed over the target, so readers never see a partial image.
    /// </summary>
    /// <exception cref="CairoException">cairo could not draw or write the file (the message names the cairo call and the file).</exception>
    /// <exception cref="IOException">The temporary file could not be renamed.</exception>
    /// <exception cref="InvalidOperationException">Axis limits are empty (e.g. explicit minimum ≥ maximum).</exception>
    public void Save(string path, ImageFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            switch (format)
            {
                case ImageFormat.Png:
                    using (var surface = CairoSurface.CreateImage(Width, Height, opaque: Background.Alpha >= 1))
                    {
                        using (var context = new CairoContext(surface))
                        {
                            Render(new Painter(context, Dpi));
                        }
                        surface.WriteToPng(temporary);
                    }
                    break;
                case ImageFormat.Svg:
                    {
                        List<TextLayerEntry> text;
                        using (var surface = CairoSurface.CreateSvg(temporary, Width, Height))
                        {
                            using (var context = new CairoContext(surface))
                            {
                                var painter = new Painter(context, Dpi);
                                Render(painter);
                                text = painter.TextLayer;
                            }
                            surface.Finish();
                        }
                        SvgTextLayer.Insert(temporary, Title, Subtitle, text);
                        break;
                    }
                case ImageFormat.Pdf:
                    {
                        double pointsPerPixel = 72.0 / Dpi;
                        using var surface = CairoSurface.CreatePdf(temporary, Width * pointsPerPixel, Height * pointsPerPixel);
                        if (Title is not null)
                        {
                            surface.SetPdfTitle(Title);
                        }
                        using (var context = new CairoContext(surface))
                        {
                            context.Scale(pointsPerPixel, pointsPerPixel);
                            Render(new Painter(context, Dpi));
                        }
                        surface.Finish();
                        break;
                    }
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format.");
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Draws the whole figure with <paramref name="painter"/> (device pixels).</summary>
    internal void Render(Painter painter)
    {
        double s = painter.Scale;
        painter.FillRect(new Rect(0, 0, Width, Height), Background);
        double left = Margins.Left * s, top = Margins.Top * s, right = Width - (Margins.Right * s), bottom = Height - (Margins.Bottom * s);

        // A subtitle wider than the figure wraps at its " · " separators instead of running off the image.
        var subtitleLines = Subtitle is null ? [] : TextWrap.Lines(painter, Subtitle, TextRole.Subtitle, right - left);
        double header = 0;
        if (Title is not null)
        {
            header += painter.LineHeight(TextRole.Title);
        }
        if (subtitleLines.Count > 0)
        {
            header += (Title is null ? 0 : 3 * s) + (subtitleLines.Count * painter.LineHeight(TextRole.Subtitle));
        }
        if (header > 0)
        {
            header += 14 * s;
        }
        var grid = new Rect(left, top + header, Math.Max(10, right - left), Math.Max(10, bottom - top - header));
        double columnGap = 36 * s, rowGap = 22 * s;
        double cellWidth = (grid.Width - ((Columns - 1) * columnGap)) / Columns;
        double cellHeight = (grid.Height - ((Rows - 1) * rowGap)) / Rows;

        bool shared = ShareX && _plots.Length > 1;
        var renderers = new PlotRenderer[_plots.Length];
        for (int i = 0; i < _plots.Length; i++)
        {
            var plot = _plots[i];
            renderers[i] = new PlotRenderer(plot, painter, showXTickLabels: !shared || plot.Row == Rows - 1 || plot.Heatmap is not null, figureWidth: Width);
            renderers[i].ComputeXLimits();
        }
        if (shared)
        {
            ShareXLimits(renderers);
        }
        var cells = new Rect[_plots.Length];
        for (int i = 0; i < _plots.Length; i++)
        {
            var plot = _plots[i];
            cells[i] = new Rect(
                grid.X + (plot.Column * (cellWidth + columnGap)),
                grid.Y + (plot.Row * (cellHeight + rowGap)),
                cellWidth,
                cellHeight);
            renderers[i].ComputeYLimits();
            renderers[i].Measure(cells[i]);
        }
        // Panels side by side start their data areas at the same height even when one title wraps.
        var rowTops = new double[Rows];
        for (int i = 0; i < _plots.Length; i++)
        {
            rowTops[_plots[i].Row] = Math.Max(rowTops[_plots[i].Row], renderers[i].TopGutter);
        }
        for (int i = 0; i < _plots.Length; i++)
        {
            if (renderers[i].TopGutter < rowTops[_plots[i].Row])
            {
                renderers[i].Measure(cells[i], rowTops[_plots[i].Row], 0);
            }
        }
        ArrangeColumns(renderers);
        // A legend that would hide data in every corner moves outside, which narrows its column.
        bool legendMoved = false;
        foreach (var renderer in renderers)
        {
            legendMoved |= renderer.PlaceLegend();
        }
        if (legendMoved)
        {
            // A legend below one panel shortens it: its row-mates end their data areas at the same height.
            var rowBottoms = new double[Rows];
            for (int i = 0; i < _plots.Length; i++)
            {
                renderers[i].Measure(cells[i], rowTops[_plots[i].Row], 0);
                rowBottoms[_plots[i].Row] = Math.Max(rowBottoms[_plots[i].Row], renderers[i].BottomGutter);
            }
            for (int i = 0; i < _plots.Length; i++)
            {
                if (renderers[i].BottomGutter < rowBottoms[_plots[i].Row])
                {
                    renderers[i].Measure(cells[i], rowTops[_plots[i].Row], rowBottoms[_plots[i].Row]);
                }
            }
            ArrangeColumns(renderers);
        }
        foreach (var renderer in renderers)
        {
            renderer.Draw();
        }

        double titleX = renderers[0].Area.X - renderers[0].LeftGutter;
        double y = top;
        if (Title is not null)
        {
            painter.DrawText(Title, titleX, y, TextRole.Title, Color.FromRgb(0x11, 0x11, 0x11), 0, VerticalAnchor.Top);
            y += painter.LineHeight(TextRole.Title) + (3 * s);
        }
        foreach (string line in subtitleLines)
        {
            painter.DrawText(line, titleX, y, TextRole.Subtitle, Color.FromRgb(0x55, 0x55, 0x55), 0, VerticalAnchor.Top);
            y += painter.LineHeight(TextRole.Subtitle);
        }
    }

    /// <summary>Aligns data areas within a column (the widest gutters win) so shared x axes line up.</summary>
    private void ArrangeColumns(PlotRenderer[] renderers)
    {
        for (int c = 0; c < Columns; c++)
        {
            double leftGutter = 0, rightGutter = 0;
            for (int r = 0; r < Rows; r++)
            {
                var renderer = renderers[(r * Columns) + c];
                leftGutter = Math.Max(leftGutter, renderer.MeasuredLeftGutter);
                rightGutter = Math.Max(rightGutter, renderer.MeasuredRightGutter + renderer.LegendGutter);
            }
            for (int r = 0; r < Rows; r++)
            {
                renderers[(r * Columns) + c].Arrange(leftGutter, rightGutter);
            }
        }
    }

    private void ShareXLimits(PlotRenderer[] renderers)
    {
        // The bottom-left panel's explicit limits win; otherwise the union of every panel's range.
        var bottom = _plots[(Rows - 1) * Columns];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var renderer in renderers)
        {
            if (!renderer.IsHeatmap)
            {
                min = Math.Min(min, renderer.XMin);
                max = Math.Max(max, renderer.XMax);
            }
        }
        min = bottom.XAxis.Minimum ?? min;
        max = bottom.XAxis.Maximum ?? max;
        if (!(max > min))
        {
            return;
        }
        foreach (var renderer in renderers)
        {
            if (!renderer.IsHeatmap)
            {
                renderer.SetXLimits(min, max);
            }
        }
    }
}
