using ScottPlot;

using SkiaSharp;

namespace LevBacktest.Reporting.Plotting;

/// <summary>
/// One chart file: a title and subtitle over a grid of ScottPlot plots (a ScottPlot <see cref="Multiplot"/>),
/// written as PNG, SVG or PDF from the same drawing. Panels of a grid are aligned: each panel's padding is
/// measured once and the largest per row and per column is fixed on all of them, so stacked panels share
/// their left edge and side-by-side panels their top and bottom.
/// </summary>
/// <example>
/// <code>
/// var figure = new ChartFigure(1600, 900) { Title = "BTCUSDT equity", Subtitle = "isolated · hourly" };
/// var plot = figure.Plot;                       // ChartStyle.NewPlot() already applied
/// ChartStyle.UseTimeAxis(plot.Axes.Bottom);
/// ChartStyle.AddLine(plot, ChartStyle.TimeCoordinates(timeMs), equity, "3×", ChartColors.Blue);
/// figure.Save("equity.png", ChartFormat.Png);
/// </code>
/// </example>
public sealed class ChartFigure
{
    private const float Margin = 18;
    private const float TitleTextSize = 24;
    private const float SubtitleTextSize = 16;

    private readonly Plot[,] _plots;

    /// <summary>Creates a figure of <paramref name="rows"/> × <paramref name="columns"/> house-style plots.</summary>
    /// <param name="width">Width in px (PNG pixels; SVG px; PDF at 0.75 pt per px).</param>
    /// <param name="height">Height in px.</param>
    /// <param name="rows">Panel rows, ≥ 1.</param>
    /// <param name="columns">Panel columns, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 100 px or a count below 1.</exception>
    public ChartFigure(int width = 1600, int height = 900, int rows = 1, int columns = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Width = width;
        Height = height;
        _plots = new Plot[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                _plots[r, c] = ChartStyle.NewPlot();
            }
        }
    }

    /// <summary>Width in px.</summary>
    public int Width { get; }

    /// <summary>Height in px.</summary>
    public int Height { get; }

    /// <summary>Panel rows.</summary>
    public int Rows => _plots.GetLength(0);

    /// <summary>Panel columns.</summary>
    public int Columns => _plots.GetLength(1);

    /// <summary>Bold title over the whole figure (wrapped when wider than the figure).</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Grey line under the title: data, runs shown, notes (wrapped at " · " when too wide).</summary>
    public string Subtitle { get; set; } = string.Empty;

    /// <summary>Relative heights of the panel rows (default equal); length <see cref="Rows"/>, each &gt; 0.</summary>
    public IReadOnlyList<float>? RowWeights { get; set; }

    /// <summary>The panel at (<paramref name="row"/>, <paramref name="column"/>), 0-based.</summary>
    public Plot this[int row, int column] => _plots[row, column];

    /// <summary>The first (for a 1 × 1 figure, the only) panel.</summary>
    public Plot Plot => _plots[0, 0];

    /// <summary>Every panel, row by row.</summary>
    public IEnumerable<Plot> Panels => _plots.Cast<Plot>();

    /// <summary>Writes the figure to <paramref name="path"/> atomically (a temporary file renamed into place).</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void Save(string path, ChartFormat format)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                Write(stream, format);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the figure in <paramref name="format"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined format.</exception>
    public void Write(Stream stream, ChartFormat format)
    {
        switch (format)
        {
            case ChartFormat.Png:
                {
                    using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
                        ?? throw new InvalidOperationException($"SkiaSharp could not create a {Width}×{Height} raster surface");
                    Render(surface.Canvas);
                    using var image = surface.Snapshot();
                    using var pixels = image.PeekPixels();

                    // zlib level 6 with the Sub and Up filters: a third of the default's encode time for files a few % larger.
                    using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub | SKPngEncoderFilterFlags.Up, 6))
                        ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG");
                    data.SaveTo(stream);
                    break;
                }

            case ChartFormat.Svg:
                {
                    using var buffer = new MemoryStream();
                    using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), buffer))
                    {
                        Render(canvas);
                    }

                    byte[] svg = SvgIds.Renumber(buffer.ToArray());
                    stream.Write(svg);
                    break;
                }

            case ChartFormat.Pdf:
                {
                    using var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = Title, Creator = "LevBacktest", Producer = "LevBacktest" })
                        ?? throw new NotSupportedException("this SkiaSharp build has no PDF backend: use --format png or svg");
                    const float pointsPerPixel = 0.75f;
                    var canvas = document.BeginPage(Width * pointsPerPixel, Height * pointsPerPixel);
                    canvas.Scale(pointsPerPixel);
                    Render(canvas);
                    document.EndPage();
                    document.Close();
                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown image format");
        }
    }

    /// <summary>Draws the whole figure (background, title, subtitle, panels) onto <paramref name="canvas"/> at (0, 0).</summary>
    public void Render(SKCanvas canvas)
    {
        float top = HeaderHeight();
        var area = new PixelRect(0, Width, Height, top);
        AlignPanels(area);
        var multiplot = new Multiplot(_plots[0, 0]);
        foreach (var plot in Panels.Skip(1))
        {
            multiplot.Subplots.Add(plot);
        }

        multiplot.Layout = new WeightedGrid(Rows, Columns, RowWeights);

        // Multiplot.Render clears the whole canvas first, so the header is drawn after the panels, on white.
        multiplot.Render(canvas, area);
        using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(new SKRect(0, 0, Width, top), white);
        }

        DrawHeader(canvas);
    }

    /// <summary>Height of the title and subtitle block, px.</summary>
    private float HeaderHeight()
    {
        using var canvas = new SKNoDrawCanvas(Width, Height);
        return DrawHeader(canvas);
    }

    /// <summary>Draws title and subtitle; returns the y where the panels start.</summary>
    private float DrawHeader(SKCanvas canvas)
    {
        float y = Margin / 2;
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        if (Title.Length > 0)
        {
            using var font = new SKFont(ChartFonts.Bold, TitleTextSize) { Subpixel = true };
            foreach (string line in TextLines.Wrap(Title, text => font.MeasureText(text), Width - (2 * Margin)))
            {
                y += TitleTextSize * 1.25f;
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, paint);
            }
        }

        if (Subtitle.Length > 0)
        {
            paint.Color = new SKColor(0x44, 0x44, 0x44);
            using var font = new SKFont(ChartFonts.Regular, SubtitleTextSize) { Subpixel = true };
            foreach (string line in TextLines.Wrap(Subtitle, text => font.MeasureText(text), Width - (2 * Margin)))
            {
                y += SubtitleTextSize * 1.35f;
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, paint);
            }
        }

        return y + (Margin / 2);
    }

    /// <summary>
    /// Measures every panel's automatic padding (a render onto a canvas that draws nothing) and fixes, per
    /// column, the largest left and right and, per row, the largest top and bottom, so panels line up.
    /// </summary>
    private void AlignPanels(PixelRect area)
    {
        if (Rows * Columns == 1)
        {
            return;
        }

        var rectangles = new WeightedGrid(Rows, Columns, RowWeights).Rectangles(area);
        var padding = new PixelPadding[Rows, Columns];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                var plot = _plots[r, c];
                plot.Layout.Default();
                var rect = rectangles[(r * Columns) + c];
                using var canvas = new SKNoDrawCanvas(Width, Height);
                plot.Render(canvas, rect);
                // (RenderDetails.Padding measures from the canvas origin, not from the panel's rectangle.)
                var (figure, data) = (plot.RenderManager.LastRender.FigureRect, plot.RenderManager.LastRender.DataRect);
                padding[r, c] = new PixelPadding(data.Left - figure.Left, figure.Right - data.Right, figure.Bottom - data.Bottom, data.Top - figure.Top);
            }
        }

        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                float left = 0, right = 0, top = 0, bottom = 0;
                for (int k = 0; k < Rows; k++)
                {
                    left = Math.Max(left, padding[k, c].Left);
                    right = Math.Max(right, padding[k, c].Right);
                }

                for (int k = 0; k < Columns; k++)
                {
                    top = Math.Max(top, padding[r, k].Top);
                    bottom = Math.Max(bottom, padding[r, k].Bottom);
                }

                _plots[r, c].Layout.Fixed(new PixelPadding(left, right, bottom, top));
            }
        }
    }
}
