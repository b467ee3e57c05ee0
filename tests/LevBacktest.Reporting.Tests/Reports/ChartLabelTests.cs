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
