using LevBacktest.Reporting.Cairo;
using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

/// <summary>Draws one kind of item at known data coordinates and reads the pixels back from the PNG.</summary>
public sealed class ItemRenderTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public ItemRenderTests(TestOutput output) => _output = output;

    private static Figure Unit(double yMin = 0, double yMax = 1)
    {
        var figure = new Figure(800, 600);
        figure.Plot.XAxis.SetLimits(0, 1);
        figure.Plot.YAxis.SetLimits(yMin, yMax);
        figure.Plot.ShowGrid = false;
        figure.Plot.Legend = LegendPosition.None;
        return figure;
    }

    private (CairoSurface Surface, PlotLayout Layout) Render(Figure figure, string name)
    {
        string path = _output.File(name);
        figure.Save(path);
        return (CairoSurface.FromPng(path), figure.Plot.LastLayout!);
    }

    private static (int X, int Y) At(PlotLayout layout, double x, double y) =>
        ((int)Math.Floor(layout.X.ToPixel(x)), (int)Math.Floor(layout.Y.ToPixel(y)));

    [Fact]
    public void Area_fills_between_the_series_and_the_baseline_only()
    {
        var figure = Unit(-1, 0.2);
        figure.Plot.AddArea([0.0, 1], [-0.5, -0.5], 0, fill: Color.FromRgb(0, 0, 255));
        var (surface, layout) = Render(figure, "area.png");
        using (surface)
        {
            var inside = At(layout, 0.5, -0.25);
            var below = At(layout, 0.5, -0.75);
            var above = At(layout, 0.5, 0.1);
            Assert.Equal((0, 0, 255), Rgb(surface.GetPixel(inside.X, inside.Y)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(below.X, below.Y)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(above.X, above.Y)));
        }
    }

    [Fact]
    public void Area_between_two_series_fills_the_gap()
    {
        var figure = Unit();
        figure.Plot.AddAreaBetween([0.0, 0.5, 1], [0.2, 0.2, 0.2], [0.6, 0.8, 0.6], fill: Color.FromRgb(0, 128, 0));
        var (surface, layout) = Render(figure, "area-between.png");
        using (surface)
        {
            var gap = At(layout, 0.5, 0.5);
            var under = At(layout, 0.5, 0.1);
            var over = At(layout, 0.1, 0.75);
            Assert.Equal((0, 128, 0), Rgb(surface.GetPixel(gap.X, gap.Y)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(under.X, under.Y)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(over.X, over.Y)));
        }
    }

    [Theory]
    [InlineData(MarkerShape.Cross)]
    [InlineData(MarkerShape.TriangleDown)]
    [InlineData(MarkerShape.Circle)]
    [InlineData(MarkerShape.Square)]
    [InlineData(MarkerShape.Diamond)]
    [InlineData(MarkerShape.TriangleUp)]
    public void Markers_are_centred_on_their_point(MarkerShape shape)
    {
        var figure = Unit();
        figure.Plot.AddMarkers([0.3], [0.7], new MarkerStyle(shape, Color.FromRgb(200, 0, 0), 16));
        var (surface, layout) = Render(figure, $"marker-{shape}.png");
        using (surface)
        {
            var centre = At(layout, 0.3, 0.7);
            var pixel = surface.GetPixel(centre.X, centre.Y);
            Assert.True(pixel.R > 150 && pixel.G < 80 && pixel.B < 80, $"{shape} centre pixel is {pixel}");
            var away = At(layout, 0.5, 0.7);
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(away.X, away.Y)));
        }
    }

    [Fact]
    public void Reference_lines_are_crisp_at_their_value()
    {
        var figure = Unit();
        figure.Plot.AddHorizontalLine(0.4, style: new LineStyle(Color.FromRgb(0, 0, 0), 1));
        figure.Plot.AddVerticalLine(0.6, style: new LineStyle(Color.FromRgb(0, 0, 0), 1));
        var (surface, layout) = Render(figure, "reference.png");
        using (surface)
        {
            var h = At(layout, 0.2, 0.4);
            var v = At(layout, 0.6, 0.8);
            // A 1-px line snapped to the pixel centre is solid black on exactly that row/column.
            Assert.Equal((0, 0, 0), Rgb(surface.GetPixel(h.X, h.Y)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(h.X, h.Y - 1)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(h.X, h.Y + 1)));
            Assert.Equal((0, 0, 0), Rgb(surface.GetPixel(v.X, v.Y)));
            Assert.Equal((255, 255, 255), Rgb(surface.GetPixel(v.X + 1, v.Y)));
        }
    }

    [Fact]
    public void Heatmap_cells_take_colour_map_ends_and_nan_is_grey()
    {
        var figure = new Figure(800, 600);
        var map = figure.Plot.AddHeatmap(new double[,] { { 0, 1 }, { double.NaN, 0.5 } }, ["a", "b"], ["x", "y"], ColorMap.Viridis, "metric");
        var (surface, layout) = Render(figure, "heatmap-cells.png");
        using (surface)
        {
            // Row 0 is the top row: y ∈ [1, 2]; column c spans x ∈ [c, c + 1].
            var low = At(layout, 0.5, 1.5);
            var high = At(layout, 1.5, 1.5);
            var missing = At(layout, 0.5, 0.5);
            Assert.Equal((0x44, 0x01, 0x54), Rgb(surface.GetPixel(low.X, low.Y)));
            Assert.Equal((0xFD, 0xE7, 0x25), Rgb(surface.GetPixel(high.X, high.Y)));
            Assert.Equal((0xC8, 0xC8, 0xC8), Rgb(surface.GetPixel(missing.X, missing.Y)));
        }
        Assert.Equal((0.0, 1.0), map.ColorLimits());
    }

    [Fact]
    public void Diverging_heatmaps_centre_their_limits_on_zero()
    {
        var plot = new Figure().Plot;
        var map = plot.AddHeatmap(new double[,] { { -0.2, 0.5 } }, colorMap: ColorMap.RedBlue);
        Assert.Equal((-0.5, 0.5), map.ColorLimits());
        Assert.Equal(Color.FromHex("#F7F7F7"), ColorMap.RedBlue.Map(0.5));
    }

    [Fact]
    public void Empty_plot_still_draws_axes()
    {
        var figure = new Figure(640, 480) { Title = "Nothing yet" };
        figure.Save(_output.File("empty.png"));
        Assert.Equal(640, PngHeader.Read(_output.File("empty.png")).Width);
        Assert.NotEmpty(figure.Plot.LastLayout!.YTicks);
    }

    [Fact]
    public void Higher_dpi_scales_text_and_gutters()
    {
        var normal = new Figure(1600, 900);
        normal.Plot.YAxis.Label = "Equity";
        normal.Plot.AddLine([0.0, 1], [0.0, 1]);
        var doubled = new Figure(3200, 1800) { Dpi = 192 };
        doubled.Plot.YAxis.Label = "Equity";
        doubled.Plot.AddLine([0.0, 1], [0.0, 1]);
        normal.Save(_output.File("dpi96.png"));
        doubled.Save(_output.File("dpi192.png"));
        var a = normal.Plot.LastLayout!.Area;
        var b = doubled.Plot.LastLayout!.Area;
        Assert.Equal(2 * a.X, b.X, 2 * 2.0);
        Assert.Equal(2 * a.Width, b.Width, 2 * 4.0);
    }

    [Fact]
    public void Cairo_errors_name_the_call()
    {
        using var surface = CairoSurface.CreateImage(10, 10);
        using var context = new CairoContext(surface);
        var error = Assert.Throws<CairoException>(context.Restore);
        Assert.Equal("cairo_restore", error.Function);
        Assert.Contains("cairo_restore failed", error.Message);
    }

    [Fact]
    public void A_tiny_figure_with_many_panels_still_renders()
    {
        var figure = new Figure(200, 150, 3, 3) { Title = "Tiny", Subtitle = "Nine panels" };
        foreach (var plot in figure.Plots)
        {
            plot.YAxis.Label = "Equity";
            plot.XAxis.Label = "Time";
            plot.AddLine([0.0, 1, 2], [1.0, 3, 2], "series");
        }
        figure.Save(_output.File("tiny.png"));
        Assert.Equal((200, 150), (PngHeader.Read(_output.File("tiny.png")).Width, PngHeader.Read(_output.File("tiny.png")).Height));
    }

    [Fact]
    public void Explicit_limits_that_exclude_each_other_give_an_actionable_error()
    {
        var figure = new Figure();
        figure.Plot.AddLine([0.0, 1], [5.0, 6]);
        figure.Plot.YAxis.Minimum = 10;
        var error = Assert.Throws<InvalidOperationException>(() => figure.Save(_output.File("bad-limits.png")));
        Assert.Contains("y axis limits", error.Message);
        Assert.False(File.Exists(_output.File("bad-limits.png")));
        Assert.Empty(Directory.GetFiles(_output.Directory, "*.tmp"));
    }

    private static (int, int, int) Rgb((byte A, byte R, byte G, byte B) p) => (p.R, p.G, p.B);
}
