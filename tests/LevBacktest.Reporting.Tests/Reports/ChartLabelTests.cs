using LevBacktest.Reporting.Plotting;
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
        var labels = DrawnSeries.Of(figure[0, 1]).Select(l => l.Label).ToList();
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
        figure.Save(Path.Combine(_root, "decay.png"), ChartFormat.Png);
        var data = plot.RenderManager.LastRender.DataRect;
        var simulated = DrawnSeries.Of(plot).Single(l => l.Label == "Simulated");
        double floor = plot.Axes.Left.Range.Min;
        Assert.All(simulated.Y.Where(double.IsFinite), v => Assert.True(v >= floor, $"simulated 10^{v} below the axis floor 10^{floor}"));
        // The ✕ and dots are drawn whole: the axes leave room around the floor and both ends of the grid.
        foreach (var (_, points, size) in DrawnSeries.Markers(plot))
        {
            foreach (var point in points)
            {
                var pixel = plot.GetPixel(point);
                Assert.True(pixel.X - (size / 2) >= data.Left && pixel.X + (size / 2) <= data.Right && pixel.Y + (size / 2) <= data.Bottom, $"marker at {pixel} cut by the axes {data}");
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
        // The grid's precision: three significant digits of the largest magnitude (100 %) → whole percent.
        Assert.Equal("−0.3 %", HeatmapChart.CellText(-0.003, 1, percent: true));
        Assert.Equal("50 %", HeatmapChart.CellText(0.5, 1, percent: true));
        Assert.Equal("0 %", HeatmapChart.CellText(0, 1, percent: true));
        Assert.Equal("−100 %", HeatmapChart.CellText(-1, 1, percent: true));
        // A loss short of total never reads −100 %.
        Assert.Equal("−99.9 %", HeatmapChart.CellText(-0.9996, 1, percent: true));
        Assert.Equal("1.23", HeatmapChart.CellText(1.234, 2, percent: false));
    }

    [Fact]
    public void A_maximum_drawdown_of_100_percent_is_marked_whole_and_no_tick_goes_below_it()
    {
        // 10× and 50× buy-and-hold are liquidated: their ▼ sit at −100 %, which was the axis edge.
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "sweep"), ResultsFolderFixture.LeverageSweepSpec()));
        var figure = DrawdownChart.Create(new ReportContext(folder, prices: null, new ReportOptions()), out _);
        figure.Save(Path.Combine(_root, "drawdown.png"), ChartFormat.Png);
        var plot = figure.Plot;
        var data = plot.RenderManager.LastRender.DataRect;
        var troughs = DrawnSeries.Markers(plot);
        Assert.Contains(troughs, m => m.Points[0].Y == -1);
        foreach (var (_, points, size) in troughs)
        {
            var pixel = plot.GetPixel(points[0]);
            Assert.True(pixel.Y + (size / 2) <= data.Bottom, $"▼ at {points[0].Y} cut by the bottom axis");
        }

        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && plot.Axes.Left.Range.Contains(t.Position)).ToList();
        Assert.Equal(-1, ticks.Min(t => t.Position), 9);
        Assert.Contains(ticks, t => t.Label == "−100 %");
    }

    [Fact]
    public void The_per_leverage_panel_says_so_when_no_run_was_liquidated()
    {
        // Buy-and-hold at 1× over Jan–Mar 2023 of the sample: nobody is liquidated.
        string spec = ResultsFolderFixture.LeverageSweepSpec().Replace("[1, 3, 10, 50]", "[1, 2]", StringComparison.Ordinal);
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "calm"), spec));
        Assert.All(folder.Runs, r => Assert.Equal(0, r.LiquidationCount));
        var figure = LiquidationsChart.Create(new ReportContext(folder, prices: null, new ReportOptions()), out _);
        var note = Assert.Single(figure[0, 1].GetPlottables<ScottPlot.Plottables.Text>());
        Assert.Equal("No run was liquidated", note.LabelText);
    }

    [Fact]
    public void The_equity_legend_says_which_runs_the_tier_table_capped_and_at_what()
    {
        // 125× of 10,000 USDT is 1,250,000 USDT of notional, far beyond the brackets' 125× tier (to 50,000 USDT): capped.
        string spec = ResultsFolderFixture.LeverageSweepSpec().Replace("[1, 3, 10, 50]", "[1, 3, 125]", StringComparison.Ordinal);
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "capped"), spec));
        var context = new ReportContext(folder, prices: null, new ReportOptions());
        var labels = DrawnSeries.Of(EquityChart.Create(context, out _).Plot).Select(l => l.Label).ToList();
        Assert.Contains(context.LineRuns, r => r.OrdersCapped);
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            string expected = System.FormattableString.Invariant($"capped at {run.EffectiveLeverage:0.#}× by the tier table");
            Assert.Equal(run.OrdersCapped, labels[k].Contains(expected, StringComparison.Ordinal));
            Assert.Equal(run.OrdersCapped, labels[k].Contains("capped", StringComparison.Ordinal));
        }
    }
}
