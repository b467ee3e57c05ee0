using System.Text;

using LevBacktest.Reporting.Cairo;
using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

public sealed class FigureRenderTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public FigureRenderTests(TestOutput output) => _output = output;

    private static Figure LinearFigure(int width = 1600, int height = 900)
    {
        var figure = new Figure(width, height) { Title = "Known lines", Subtitle = "Coordinate check" };
        var plot = figure.Plot;
        plot.XAxis.Label = "Step";
        plot.YAxis.Label = "Equity";
        plot.YAxis.Unit = "USDT";
        plot.XAxis.SetLimits(0, 100);
        plot.YAxis.SetLimits(0, 100);
        plot.Legend = LegendPosition.None;
        plot.ShowGrid = false;
        return figure;
    }

    [Theory]
    [InlineData(1600, 900)]
    [InlineData(800, 450)]
    [InlineData(1234, 567)]
    public void Png_decodes_at_the_requested_size(int width, int height)
    {
        var figure = LinearFigure(width, height);
        figure.Plot.AddLine([0.0, 50, 100], [10.0, 90, 40], "a");
        string path = _output.File($"size-{width}x{height}.png");
        figure.Save(path);
        var header = PngHeader.Read(path);
        Assert.Equal((width, height, 8), (header.Width, header.Height, header.BitDepth));
        Assert.True(PixelProbe.InkFraction(path, figure.Plot.LastLayout!.Area) > 0.001);
    }

    [Fact]
    public void Known_horizontal_and_vertical_values_land_on_the_expected_pixels()
    {
        var figure = LinearFigure();
        var red = Color.FromRgb(255, 0, 0);
        var blue = Color.FromRgb(0, 0, 255);
        figure.Plot.AddLine([0.0, 100], [25.0, 25], style: new LineStyle(red, 3));
        figure.Plot.AddLine([75.0, 75], [0.0, 100], style: new LineStyle(blue, 3));
        string path = _output.File("coordinates.png");
        figure.Save(path);

        var area = figure.Plot.LastLayout!.Area;
        // y = 25 of [0, 100] is a quarter of the height up from the bottom edge; x = 75 three quarters across.
        int row = (int)Math.Floor(area.Bottom - (0.25 * area.Height));
        int column = (int)Math.Floor(area.X + (0.75 * area.Width));
        using var surface = CairoSurface.FromPng(path);
        var onRed = surface.GetPixel((int)(area.X + (0.3 * area.Width)), row);
        Assert.True(onRed.R > 200 && onRed.G < 60 && onRed.B < 60, $"pixel on the y = 25 line is {onRed}");
        var onBlue = surface.GetPixel(column, (int)(area.Y + (0.6 * area.Height)));
        Assert.True(onBlue.B > 200 && onBlue.R < 60 && onBlue.G < 60, $"pixel on the x = 75 line is {onBlue}");
        // Five pixels away from either line the background is white.
        var off = surface.GetPixel((int)(area.X + (0.3 * area.Width)), row - 5);
        Assert.Equal((255, 255, 255), (off.R, off.G, off.B));
        var offBlue = surface.GetPixel(column + 5, (int)(area.Y + (0.6 * area.Height)));
        Assert.Equal((255, 255, 255), (offBlue.R, offBlue.G, offBlue.B));
    }

    [Fact]
    public void Log_axis_places_decades_evenly()
    {
        var figure = new Figure(1000, 600);
        var plot = figure.Plot;
        plot.YAxis.Scale = AxisScale.Log;
        plot.YAxis.SetLimits(1, 10_000);
        plot.XAxis.SetLimits(0, 1);
        plot.ShowGrid = false;
        plot.AddLine([0.0, 1], [100.0, 100], style: new LineStyle(Color.FromRgb(255, 0, 0), 3));
        string path = _output.File("log-position.png");
        figure.Save(path);
        var area = plot.LastLayout!.Area;
        // 100 is two of four decades up: the vertical middle of the data area.
        int row = (int)Math.Floor(area.Y + (area.Height / 2));
        using var surface = CairoSurface.FromPng(path);
        var pixel = surface.GetPixel((int)(area.X + (area.Width / 2)), row);
        Assert.True(pixel.R > 200 && pixel.G < 60, $"pixel on y = 100 is {pixel}");
    }

    [Fact]
    public void A_spike_in_a_million_points_is_drawn()
    {
        var figure = LinearFigure();
        int n = 1_000_000;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i * 100.0 / (n - 1);
            y[i] = 10;
        }
        y[500_000] = 90;   // one sample: without min/max decimation a stride sampler would miss it
        figure.Plot.AddLine(x, y, style: new LineStyle(Color.FromRgb(0, 0, 0), 1));
        string path = _output.File("spike.png");
        figure.Save(path);
        var area = figure.Plot.LastLayout!.Area;
        using var surface = CairoSurface.FromPng(path);
        int column = (int)Math.Floor(area.X + (0.5 * area.Width));
        int row = (int)Math.Floor(area.Bottom - (0.8 * area.Height));
        bool inked = Enumerable.Range(column - 1, 3).Any(c => surface.GetPixel(c, row).R < 128);
        Assert.True(inked, "the spike to y = 90 at x = 50 is missing");
    }

    [Fact]
    public void Svg_holds_title_and_axis_labels_as_text()
    {
        var figure = LinearFigure();
        figure.Title = "Equity & drawdown <BTC>";
        figure.Plot.Legend = LegendPosition.Auto;
        figure.Plot.AddLine([0.0, 100], [0.0, 100], "10× isolated");
        string path = _output.File("text.svg");
        figure.Save(path);
        string svg = File.ReadAllText(path, Encoding.UTF8);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("<title>Equity &amp; drawdown &lt;BTC&gt;</title>", svg);
        Assert.Contains("<desc>Coordinate check</desc>", svg);
        Assert.Contains(">Equity (USDT)</text>", svg);
        Assert.Contains(">Step</text>", svg);
        Assert.Contains(">10× isolated</text>", svg);
        Assert.Contains(">100</text>", svg);
        Assert.Contains("width=\"1600px\"", svg);
        // Well-formed XML after our insertion.
        var document = System.Xml.Linq.XDocument.Parse(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
    }

    [Fact]
    public void Pdf_starts_with_the_pdf_header_and_carries_the_title()
    {
        var figure = LinearFigure();
        figure.Plot.AddLine([0.0, 100], [0.0, 100]);
        string path = _output.File("figure.pdf");
        figure.Save(path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.Contains("%%EOF", Encoding.ASCII.GetString(bytes, bytes.Length - 32, 32));
        Assert.Contains("/Title (Known lines)", Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public void Save_infers_the_format_and_rejects_unknown_extensions()
    {
        var figure = LinearFigure();
        figure.Plot.AddLine([0.0, 100], [0.0, 100]);
        var error = Assert.Throws<ArgumentException>(() => figure.Save(_output.File("chart.jpg")));
        Assert.Contains(".jpg", error.Message);
        figure.Save(_output.File("explicit.bin"), ImageFormat.Png);
        Assert.Equal(1600, PngHeader.Read(_output.File("explicit.bin")).Width);
        Assert.Empty(Directory.GetFiles(_output.Directory, "*.tmp"));
    }

    [Fact]
    public void Saving_into_a_missing_directory_creates_it_and_an_unwritable_path_names_the_cairo_call()
    {
        var figure = LinearFigure();
        figure.Plot.AddLine([0.0, 100], [0.0, 100]);
        string nested = Path.Combine(_output.Directory, "a", "b", "c.png");
        figure.Save(nested);
        Assert.True(File.Exists(nested));
        var error = Assert.Throws<CairoException>(() => CairoSurface.FromPng(Path.Combine(_output.Directory, "missing.png")));
        Assert.Equal("cairo_image_surface_create_from_png", error.Function);
        Assert.Contains("cairo_image_surface_create_from_png failed", error.Message);
        Assert.Contains("missing.png", error.Message);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_limits_are_rejected_with_clear_messages()
    {
        var plot = new Figure().Plot;
        var lengths = Assert.Throws<ArgumentException>(() => plot.AddLine([1.0, 2, 3], [1.0, 2]));
        Assert.Contains("x has 3 values but y has 2", lengths.Message);
        var nan = Assert.Throws<ArgumentException>(() => plot.AddLine([1.0, double.NaN], [1.0, 2]));
        Assert.Contains("x[1] is NaN", nan.Message);
        Assert.Throws<ArgumentException>(() => plot.YAxis.SetLimits(5, 5));
        plot.YAxis.Scale = AxisScale.Log;
        Assert.Throws<ArgumentException>(() => plot.YAxis.SetLimits(0, 5));
    }

    [Fact]
    public void Legend_avoids_the_corner_with_data()
    {
        var figure = LinearFigure();
        // Data fills the top-left; the legend should not go there.
        figure.Plot.Legend = LegendPosition.Auto;
        figure.Plot.AddLine([0.0, 10, 20, 30, 40], [95.0, 60, 95, 60, 95], "zig-zag");
        figure.Plot.AddLine([0.0, 100], [95.0, 95], "ceiling");
        figure.Save(_output.File("legend.png"));
        var layout = figure.Plot.LastLayout!;
        var box = layout.LegendBox!.Value;
        Assert.True(box.Y > layout.Area.Y + (layout.Area.Height / 2), $"legend at {box} should be in the lower half");
    }

    [Fact]
    public void Small_multiples_share_x_and_align_their_data_areas()
    {
        var figure = new Figure(1600, 900, 2, 1);
        figure[0, 0].AddLine([0.0, 50], [1.0, 1_000_000]);
        figure[1, 0].AddLine([20.0, 100], [0.0, 1]);
        figure.Save(_output.File("shared.png"));
        var top = figure[0, 0].LastLayout!;
        var bottom = figure[1, 0].LastLayout!;
        Assert.Equal(top.Area.X, bottom.Area.X);
        Assert.Equal(top.Area.Width, bottom.Area.Width);
        Assert.Equal((0.0, 100.0), (top.X.Min, top.X.Max));
        Assert.Equal((0.0, 100.0), (bottom.X.Min, bottom.X.Max));
    }
}
