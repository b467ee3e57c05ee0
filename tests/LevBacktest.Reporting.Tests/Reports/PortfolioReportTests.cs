using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>The report of a portfolio's folder: exposure by instrument, contributions, account equity.</summary>
public sealed class PortfolioReportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-portfolio-report").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_exposure_chart_draws_each_instrument_notional_and_share_with_the_liquidation_marked()
    {
        var folder = ResultsFolder.Read(ResultsFolderFixture.WritePortfolio(Path.Combine(_root, "cross"), ResultsFolderFixture.PortfolioSpec()));
        Assert.NotNull(folder.Portfolio);
        Assert.Equal(["SYNBTCUSDT", "SYNALTUSDT"], folder.Portfolio!.Symbols);
        var context = new ReportContext(folder, null, new ReportOptions());
        var figure = ExposureChart.Create(context, out string caption);
        string path = Path.Combine(_root, "exposure.png");
        figure.Save(path, ChartFormat.Png);
        var top = DrawnSeries.Of(figure[0, 0]);
        Assert.Contains(top, s => s.Label.StartsWith("SYNBTCUSDT", StringComparison.Ordinal));
        Assert.Contains(top, s => s.Label.StartsWith("SYNALTUSDT", StringComparison.Ordinal));
        Assert.Contains(top, s => s.Label.StartsWith("Account equity", StringComparison.Ordinal));

        // The focus run is the lowest liquidated leverage: its two positions at about 1.5× equity each at the start.
        var run = context.FocusRun;
        Assert.Equal(3, run.Leverage);
        var exposure = folder.ExposureOf(run.RunIndex);
        Assert.Equal(2, exposure.Count);
        Assert.All(exposure, e => Assert.InRange(e.Notional[1] / folder.InitialCapital, 1.4, 1.6));

        // The shares of the gross notional add up to 1 wherever a position is open.
        var bottom = DrawnSeries.Of(figure[1, 0]);
        Assert.Equal(2, bottom.Count);
        for (int i = 0; i < bottom[0].Y.Count; i++)
        {
            if (double.IsFinite(bottom[0].Y[i]))
            {
                Assert.Equal(1.0, bottom[0].Y[i] + bottom[1].Y[i], 9);
            }
        }

        Assert.True(PixelProbe.InkFraction(path, new ScottPlot.PixelRect(100, 1000, 600, 150)) > 0.01, "the exposure panel is blank");
        Assert.Contains("focus run", caption, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_has_the_contribution_table_and_says_the_account()
    {
        string directory = ResultsFolderFixture.WritePortfolio(Path.Combine(_root, "report"), ResultsFolderFixture.PortfolioSpec("isolated"));
        var result = ReportWriter.Write(directory);
        Assert.Contains(result.Charts, c => c.Name == "exposure" && c.FileName == "exposure.png");
        string markdown = File.ReadAllText(result.MarkdownPath);
        Assert.Contains("## Contribution by instrument", markdown, StringComparison.Ordinal);
        Assert.Contains("isolated-margin account", markdown, StringComparison.Ordinal);
        var folder = ResultsFolder.Read(directory);
        foreach (var run in folder.Runs)
        {
            // Contributions add up to the account's change of equity.
            double sum = run.Contributions.Sum(c => c.ProfitAndLoss);
            Assert.Equal(run.Metric("finalEquity") - run.Metric("initialCapital"), sum, 6);
        }
    }
}
