using LevBacktest.Reporting.Charts;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>Labels on the report charts seen wrong on the examples: lost leverages, an unexplained empty panel.</summary>
public sealed class ChartLabelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-chart-labels").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Leverage_decay_over_time_names_each_line_by_its_leverage()
    {
        // The grid sweeps stop.distance: shortening the run label as an axis name left "distance 0.02" on
        // every line and dropped the leverage, the one thing that tells them apart.
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "grid"), ResultsFolderFixture.TwoAxisSpec()));
        var prices = PriceHistory.TryLoad(folder, new List<string>());
        Assert.NotNull(prices);
        var figure = LeverageDecayChart.Create(new ReportContext(folder, prices, new ReportOptions()), out _);
        var labels = figure[0, 1].Items.OfType<LineSeries>().Select(l => l.Label!).ToList();
        Assert.NotEmpty(labels);
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(labels, l => Assert.Matches(@"^\d+× ", l));
    }

    [Fact]
    public void Final_equity_below_the_floor_is_drawn_on_it_and_liquidation_markers_are_inside_the_axes()
    {
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "grid-floor"), ResultsFolderFixture.TwoAxisSpec()));
        var figure = LeverageDecayChart.Create(new ReportContext(folder, prices: null, new ReportOptions()), out _);
        var plot = figure[0, 0];
        figure.Save(Path.Combine(_root, "decay.png"));
        var layout = plot.LastLayout!;
        var simulated = plot.Items.OfType<LineSeries>().Single(l => l.Label == "Simulated");
        double floor = layout.Y.Min;
        Assert.All(simulated.YValues.ToArray().Where(double.IsFinite), v => Assert.True(v >= floor, $"simulated {v} below the axis floor {floor}"));
        // The ✕ and dots are drawn whole: the axes leave room around the floor and both ends of the grid.
        foreach (var markers in plot.Items.OfType<MarkerSeries>())
        {
            double half = markers.Style.Size / 2;
            for (int i = 0; i < markers.Count; i++)
            {
                double px = layout.X.ToPixel(markers.XValues[i]), py = layout.Y.ToPixel(markers.YValues[i]);
                if (double.IsFinite(py))
                {
                    Assert.True(px - half >= layout.Area.X && px + half <= layout.Area.Right && py + half <= layout.Area.Bottom, $"marker at ({px}, {py}) cut by the axes {layout.Area}");
                }
            }
        }
    }

    [Theory]
    [InlineData(-0.003, "0", "−0.3 %")]     // vol-target-vs-fixed's 1× vol-target run: was "−0 %"
    [InlineData(0.00004, "0", "+0.004 %")]
    [InlineData(-0.0999, "0", "−10 %")]
    [InlineData(0.0, "0", "+0 %")]
    [InlineData(-0.9996, "0", "−99.9 %")]
    [InlineData(0.123, "0.#", "+12.3 %")]
    public void Percentages_that_round_to_zero_keep_one_significant_digit(double fraction, string format, string expected) =>
        Assert.Equal(expected, ReportContext.Percent(fraction, format));

    [Fact]
    public void Heatmap_cells_that_round_to_zero_keep_one_significant_digit()
    {
        var map = new Figure().Plot.AddHeatmap(new double[,] { { -0.003, 0.5, -1 } }, colorMap: ColorMap.RedBlue);
        map.ValueFormat = AxisFormat.Percent;
        // The grid's precision: three significant digits of the largest magnitude (100 %) → whole percent.
        Assert.Equal("−0.3 %", map.AnnotationText(-0.003, 0.01));
        Assert.Equal("50 %", map.AnnotationText(0.5, 0.01));
        Assert.Equal("0 %", map.AnnotationText(0, 0.01));
    }

    [Fact]
    public void A_maximum_drawdown_of_100_percent_is_marked_whole_and_no_tick_goes_below_it()
    {
        // 10× and 50× buy-and-hold are liquidated: their ▼ sit at −100 %, which was the axis edge.
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "sweep"), ResultsFolderFixture.LeverageSweepSpec()));
        var figure = DrawdownChart.Create(new ReportContext(folder, prices: null, new ReportOptions()), out _);
        figure.Save(Path.Combine(_root, "drawdown.png"));
        var layout = figure.Plot.LastLayout!;
        var troughs = figure.Plot.Items.OfType<MarkerSeries>().ToList();
        Assert.Contains(troughs, m => m.YValues[0] == -1);
        foreach (var marker in troughs)
        {
            double py = layout.Y.ToPixel(marker.YValues[0]);
            Assert.True(py + (marker.Style.Size / 2) <= layout.Area.Bottom, $"▼ at {marker.YValues[0]} cut by the bottom axis");
        }
        Assert.Equal(-1, layout.YTicks.Min(t => t.Value), 9);
    }

    [Fact]
    public void The_per_leverage_panel_says_so_when_no_run_was_liquidated()
    {
        // Buy-and-hold at 1× over Jan–Mar 2023 of the sample: nobody is liquidated.
        string spec = ResultsFolderFixture.LeverageSweepSpec().Replace("[1, 3, 10, 50]", "[1, 2]", StringComparison.Ordinal);
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "calm"), spec));
        Assert.All(folder.Runs, r => Assert.Equal(0, r.LiquidationCount));
        var figure = LiquidationsChart.Create(new ReportContext(folder, prices: null, new ReportOptions()), out _);
        var note = Assert.Single(figure[0, 1].Items.OfType<TextAnnotation>());
        Assert.Equal("No run was liquidated", note.Text);
    }
}
