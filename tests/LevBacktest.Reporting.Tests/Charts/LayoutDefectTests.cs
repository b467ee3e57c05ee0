using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

/// <summary>
/// Layout defects seen on the example reports: category labels left out although they fit, legends
/// drawn over data, long panel titles running into each other.
/// </summary>
public sealed class LayoutDefectTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public LayoutDefectTests(TestOutput output) => _output = output;

    private static readonly string[] SizingLabels =
    [
        "fixed-leverage",
        "vol-target(targetVolatility=2, lookback=24, rebalanceEvery=24)",
        "vol-target(targetVolatility=4, lookback=24, rebalanceEvery=24)",
    ];

    [Fact]
    public void Heatmap_labels_every_column_when_wrapped_labels_fit()
    {
        // vol-target-vs-fixed's heatmap: the widest label is wider than a column, which used to thin the
        // labels to every second column and leave the middle one (targetVolatility = 2) unlabelled.
        var figure = new Figure(1600, 900);
        var values = new double[,] { { 0.03, 0, 0.04 }, { 0.06, -0.72, -0.68 }, { -1, -1, -1 } };
        figure.Plot.AddHeatmap(values, ["1×", "2×", "3×"], SizingLabels, ColorMap.RedBlue, "totalReturn");
        figure.Plot.XAxis.Label = "sizing";
        figure.Save(_output.File("heatmap-long-columns.png"));
        var ticks = figure.Plot.LastLayout!.XTicks;
        Assert.Equal(3, ticks.Count);
        Assert.All(ticks, t => Assert.NotEqual(string.Empty, t.Label));
        Assert.Equal(("vol-target(targetVolatility=2,", "lookback=24, rebalanceEvery=24)"), (ticks[1].Label, ticks[1].SecondLine));
        Assert.Equal(("fixed-leverage", null), (ticks[0].Label, ticks[0].SecondLine));
    }

    [Fact]
    public void Heatmap_labels_short_columns_on_one_line_and_thins_only_when_nothing_fits()
    {
        var figure = new Figure(1600, 900);
        var columns = Enumerable.Range(1, 20).Select(i => (i / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        figure.Plot.AddHeatmap(new double[3, 20], ["1×", "2×", "3×"], columns);
        figure.Save(_output.File("heatmap-20-columns.png"));
        Assert.All(figure.Plot.LastLayout!.XTicks, t => Assert.True(t.Label.Length > 0 && t.SecondLine is null, t.ToString()));

        var narrow = new Figure(400, 300);
        narrow.Plot.AddHeatmap(new double[1, 12], ["1×"], [.. Enumerable.Range(0, 12).Select(i => $"a rather long label {i}")]);
        narrow.Save(_output.File("heatmap-thinned.png"));
        var ticks = narrow.Plot.LastLayout!.XTicks;
        Assert.Contains(ticks, t => t.Label.Length == 0);
        Assert.NotEqual(string.Empty, ticks[0].Label);
    }

    [Theory]
    [InlineData("vol-target(targetVolatility=2, lookback=24, rebalanceEvery=24)", "vol-target(targetVolatility=2,", "lookback=24, rebalanceEvery=24)")]
    [InlineData("a, b", "a,", "b")]
    [InlineData("fixed-leverage", "fixed-leverage", null)]
    [InlineData("f(x)", "f(", "x)")]
    public void Category_labels_break_at_the_comma_or_bracket_nearest_the_middle(string label, string first, string? second) =>
        Assert.Equal((first, second), PlotRenderer.SplitCategoryLabel(label));
}

/// <summary>Legend placement: inside a free corner, else outside the data area, deterministically.</summary>
public sealed class LegendPlacementTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public LegendPlacementTests(TestOutput output) => _output = output;

    /// <summary>Six noisy lines that fill the whole data area, as a many-run equity chart does.</summary>
    private static Figure Busy(int width, int height)
    {
        var figure = new Figure(width, height) { Title = "Busy" };
        var plot = figure.Plot;
        var random = new Random(7);
        var x = Enumerable.Range(0, 2000).Select(i => (double)i).ToArray();
        for (int k = 0; k < 6; k++)
        {
            double level = k * 20;
            var y = x.Select(_ => level += random.NextDouble() * 8 - 4).ToArray();
            plot.AddLine(x, y, $"run {k} with a label as long as the report's ones · 10×  −100 %");
        }
        // Pins the y range so the lines above span it from top to bottom.
        plot.AddLine([0.0, 1999], [-150.0, 250], "diagonal");
        plot.AddLine([0.0, 1999], [250.0, -150], "anti-diagonal");
        return figure;
    }

    [Fact]
    public void A_legend_that_would_cover_data_in_every_corner_goes_below_the_axis()
    {
        var figure = Busy(1600, 900);
        string path = _output.File("legend-busy.png");
        figure.Save(path);
        var layout = figure.Plot.LastLayout!;
        var box = layout.LegendBox!.Value;
        Assert.False(box.Intersects(layout.Area), $"legend {box} overlaps the data area {layout.Area}");
        Assert.True(box.Y > layout.Area.Bottom, "below the x axis");
        Assert.True(box.Bottom <= figure.Height, "inside the image");
        // Eight entries of this width fit two to a row: four rows, not eight.
        double rowHeight = box.Height / 4;
        Assert.InRange(rowHeight, 15, 30);

        // Deterministic: drawing again gives the same bytes (levbt report must reproduce levbt run).
        string again = _output.File("legend-busy-again.png");
        Busy(1600, 900).Save(again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Fact]
    public void When_below_would_take_too_much_height_the_legend_goes_right_of_the_data()
    {
        // 400 px high: the legend rows would take more than a third of the data height below it.
        var figure = Busy(1600, 400);
        figure.Save(_output.File("legend-busy-short.png"));
        var layout = figure.Plot.LastLayout!;
        var box = layout.LegendBox!.Value;
        Assert.False(box.Intersects(layout.Area), $"legend {box} overlaps the data area {layout.Area}");
        Assert.True(box.X >= layout.Area.Right, "right of the data area");
        Assert.True(box.Right <= figure.Width, "inside the image");
    }

    [Fact]
    public void A_liquidation_marker_weighs_more_than_a_short_stretch_of_line()
    {
        // Top corners busy; bottom left holds one ✕ (about four 8-px cells), bottom right a short line
        // (more cells than the ✕). Counting cells alone put the legend over the ✕.
        var figure = new Figure(1200, 700);
        var plot = figure.Plot;
        plot.XAxis.SetLimits(0, 100);
        plot.YAxis.SetLimits(0, 100);
        plot.AddLine([0.0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 100], [55.0, 98, 55, 98, 55, 98, 55, 98, 55, 98, 55, 98], "zig-zag");
        plot.AddLine([0.0, 100], [97.0, 97], "ceiling");
        plot.AddLine([80.0, 82, 84, 86, 88, 90, 92, 94, 96, 98, 100], [98.0, 55, 98, 55, 98, 55, 98, 55, 98, 55, 98], "zig-zag right");
        plot.AddLine([88.0, 97], [3.0, 9], "short");
        plot.AddMarkers([3.0], [4.0], new MarkerStyle(MarkerShape.Cross, Palette.Vermillion, 14), "liquidation");
        figure.Save(_output.File("legend-marker.png"));
        var layout = figure.Plot.LastLayout!;
        var box = layout.LegendBox!.Value;
        double markerX = layout.X.ToPixel(3), markerY = layout.Y.ToPixel(4);
        Assert.False(box.Intersects(new Rect(markerX - 7, markerY - 7, 14, 14)), $"legend {box} hides the marker at ({markerX}, {markerY})");
    }

    [Fact]
    public void A_panel_whose_legend_goes_below_keeps_level_with_its_row_mate()
    {
        var figure = new Figure(1600, 900, 1, 2) { ShareX = false };
        var random = new Random(3);
        var x = Enumerable.Range(0, 500).Select(i => (double)i).ToArray();
        for (int k = 0; k < 4; k++)
        {
            figure[0, 0].AddLine(x, x.Select(_ => random.NextDouble()).ToArray(), $"noise {k}");
        }
        figure[0, 1].AddLine([0.0, 1], [0.0, 1], "quiet");
        figure.Save(_output.File("legend-below-row.png"));
        var left = figure[0, 0].LastLayout!;
        var right = figure[0, 1].LastLayout!;
        Assert.True(left.LegendBox!.Value.Y > left.Area.Bottom, "the busy panel's legend goes below");
        Assert.Equal(left.Area.Bottom, right.Area.Bottom);
        Assert.Equal(left.Area.Y, right.Area.Y);
    }

    [Fact]
    public void An_explicit_corner_is_kept_even_over_data()
    {
        var figure = Busy(1600, 900);
        figure.Plot.Legend = LegendPosition.TopLeft;
        figure.Save(_output.File("legend-explicit.png"));
        var layout = figure.Plot.LastLayout!;
        var box = layout.LegendBox!.Value;
        Assert.True(box.X < layout.Area.X + 20 && box.Y < layout.Area.Y + 20, $"legend at {box}");
    }
}

/// <summary>Titles that are wider than their space wrap instead of running off the image or into each other.</summary>
public sealed class TitleWrapTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public TitleWrapTests(TestOutput output) => _output = output;

    [Fact]
    public void Side_by_side_panel_titles_wrap_and_the_data_areas_stay_level()
    {
        // liquidations.png of vol-target-vs-fixed: the left title ran under the right one.
        var figure = new Figure(1600, 900, 1, 2)
        {
            Title = "vol-target-vs-fixed: liquidations",
            Subtitle = "SYNBTCUSDT · 1h bars · 2023-01-01 → 2024-12-30 · left: run 7 (sizing vol-target(targetVolatility=2, lookback=24, rebalanceEvery=24) · 3×), shown to its end on 2024-04-03 · right: every run (8 liquidations in all)",
        };
        figure.ShareX = false;
        figure[0, 0].Title = "Run 7 (sizing vol-target(targetVolatility=2, lookback=24, rebalanceEvery=24) · 3×): price and liquidation price";
        figure[0, 1].Title = "Per leverage (summed over the other sweep axes)";
        figure[0, 0].AddLine([0.0, 1], [0.0, 1]);
        figure[0, 1].AddLine([0.0, 1], [0.0, 1]);
        string path = _output.File("wrapped-titles.png");
        figure.Save(path + ".svg", ImageFormat.Svg);
        figure.Save(path);

        var left = figure[0, 0].LastLayout!.Area;
        var right = figure[0, 1].LastLayout!.Area;
        Assert.Equal(left.Y, right.Y);

        // Every drawn string stays inside the image and no two panel-title lines overlap.
        var text = RenderText(figure);
        Assert.All(text, t => Assert.True(t.X >= 0 && t.X + t.Width <= figure.Width, $"'{t.Text}' runs off the image"));
        var titles = text.Where(t => t.Bold && t.Text != figure.Title).ToList();
        Assert.True(titles.Count >= 3, "the long panel title takes two lines");
        for (int i = 0; i < titles.Count; i++)
        {
            for (int j = i + 1; j < titles.Count; j++)
            {
                bool sameLine = Math.Abs(titles[i].Y - titles[j].Y) < 1;
                bool apart = titles[i].X + titles[i].Width <= titles[j].X || titles[j].X + titles[j].Width <= titles[i].X;
                Assert.True(!sameLine || apart, $"'{titles[i].Text}' overlaps '{titles[j].Text}'");
            }
        }
    }

    [Fact]
    public void Wrapping_breaks_at_the_middle_dots_first_and_keeps_short_text_whole()
    {
        using var surface = Cairo.CairoSurface.CreateImage(10, 10);
        using var context = new Cairo.CairoContext(surface);
        var painter = new Painter(context, 96);
        Assert.Equal(["short"], TextWrap.Lines(painter, "short", TextRole.Subtitle, 500));
        string text = "alpha beta · gamma delta · epsilon";
        double upToSecond = painter.MeasureWidth("alpha beta · gamma delta ·", TextRole.Subtitle);
        var lines = TextWrap.Lines(painter, text, TextRole.Subtitle, upToSecond + 1);
        Assert.Equal(["alpha beta · gamma delta ·", "epsilon"], lines);
        Assert.Equal(["alpha", "beta"], TextWrap.Lines(painter, "alpha beta", TextRole.Subtitle, 5));
    }

    /// <summary>Every string as drawn: text, left x, baseline y, advance width, bold — from the painter's record.</summary>
    private static List<(string Text, double X, double Y, double Width, bool Bold)> RenderText(Figure figure)
    {
        using var surface = Cairo.CairoSurface.CreateImage(figure.Width, figure.Height);
        using var context = new Cairo.CairoContext(surface);
        var painter = new Painter(context, figure.Dpi);
        figure.Render(painter);
        return painter.TextLayer
            .Where(t => !t.Vertical)
            .Select(t =>
            {
                // Width at the entry's own size: measured in a role of the same weight, scaled by the font size.
                var role = t.Bold ? TextRole.PanelTitle : TextRole.Subtitle;
                double width = painter.MeasureWidth(t.Text, role) * t.FontSizePixels / painter.FontPixels(role);
                return (t.Text, t.X, t.Y, width, t.Bold);
            })
            .ToList();
    }
}
