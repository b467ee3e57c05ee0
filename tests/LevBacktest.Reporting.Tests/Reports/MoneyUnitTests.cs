using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>Inverse (coin-margined) runs are reported in the coin, with their USD value beside it; linear runs in USDT.</summary>
public sealed class MoneyUnitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-money-unit").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The sample as an inverse SYN-BTC contract (100 USD contracts, 1 coin of capital): a 1× long and a 1× short, Jan–Mar 2023.</summary>
    private static string InverseSpec() => ResultsFolderFixture.LeverageSweepSpec()
        .Replace("\"marginMode\": \"isolated\",", "\"marginMode\": \"isolated\", \"contract\": \"inverse\", \"contractSize\": 100,", StringComparison.Ordinal)
        .Replace("binance-BTCUSDT.json", "binance-BTCUSD_PERP.json", StringComparison.Ordinal)
        .Replace("\"initialCapital\": 10000", "\"initialCapital\": 1", StringComparison.Ordinal)
        .Replace("\"sweep\": { \"leverage\": [1, 3, 10, 50] }", "\"sweep\": { \"signal\": [\"buy-and-hold-long\", \"buy-and-hold-short\"] }", StringComparison.Ordinal);

    [Theory]
    [InlineData("BTCUSD_PERP", "BTC")]
    [InlineData("BTCUSDT", "BTC")]
    [InlineData("ETHUSD", "ETH")]
    [InlineData("SYNBTCUSDT", "SYNBTC")]
    [InlineData("XBTEUR", "coin")]
    public void The_coin_of_an_inverse_contract_is_the_base_of_its_symbol(string symbol, string coin)
        => Assert.Equal(coin, ResultsFolder.CoinOf(symbol));

    [Fact]
    public void An_inverse_folder_says_the_coin_and_shows_the_USD_value_of_a_1x_short_flat()
    {
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "inverse"), InverseSpec()));
        Assert.True(folder.IsInverse);
        Assert.Equal("SYNBTC", folder.MoneyUnit);
        var headers = MetricsTable.Headers(folder);
        Assert.Contains("Fees (SYNBTC)", headers);
        Assert.Contains("Final equity (USD)", headers);
        Assert.DoesNotContain(headers, h => h.Contains("USDT", StringComparison.Ordinal));

        var prices = PriceHistory.TryLoad(folder, new List<string>());
        var figure = EquityChart.Create(new ReportContext(folder, prices, new ReportOptions()), out string caption);
        Assert.Equal(2, figure.Rows);
        Assert.Contains("SYNBTC", figure[0, 0].Axes.Left.Label.Text, StringComparison.Ordinal);
        Assert.Contains("USD", figure[1, 0].Axes.Left.Label.Text, StringComparison.Ordinal);
        Assert.Contains("valued in USD", caption, StringComparison.Ordinal);

        // A 1× inverse short is a synthetic USD holding: its USD value stays at the initial coin × first open, up to
        // fees and funding (a few tenths of a percent over three months), while the coin price moves by tens of percent.
        var shortRun = folder.Runs.Single(r => r.Parameters["signal"] == "buy-and-hold-short");
        double initialUsd = shortRun.UsdMetrics["initialCapitalUsd"];
        var usdLine = DrawnSeries.Of(figure[1, 0]).Single(s => s.Label.Contains("short", StringComparison.Ordinal));
        Assert.All(usdLine.Y.Where(double.IsFinite), log => Assert.InRange(Math.Pow(10, log) / initialUsd, 0.97, 1.03));
        var longRun = folder.Runs.Single(r => r.Parameters["signal"] == "buy-and-hold-long");
        Assert.NotEqual(longRun.Metric("finalEquity") * 1, longRun.UsdMetrics["finalEquityUsd"]);
    }

    [Fact]
    public void A_linear_folder_stays_in_USDT_with_one_equity_panel()
    {
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "linear"), ResultsFolderFixture.LeverageSweepSpec()));
        Assert.False(folder.IsInverse);
        Assert.Equal("USDT", folder.MoneyUnit);
        Assert.Contains("Fees (USDT)", MetricsTable.Headers(folder));
        var figure = EquityChart.Create(new ReportContext(folder, PriceHistory.TryLoad(folder, new List<string>()), new ReportOptions()), out _);
        Assert.Equal(1, figure.Rows);
        Assert.Contains("USDT", figure.Plot.Axes.Left.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_liquidation_level_of_the_margin_ratio_panel_is_no_run_colour_and_its_legend_sits_beside_the_panel()
    {
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "levels"), ResultsFolderFixture.LeverageSweepSpec()));
        var figure = EffectiveLeverageChart.Create(new ReportContext(folder, null, new ReportOptions()), out _);
        var bottom = figure[1, 0];
        var level = bottom.GetPlottables().OfType<ScottPlot.Plottables.HorizontalLine>().Single();
        Assert.DoesNotContain(level.LineStyle.Color, ChartColors.Series);
        figure.Save(Path.Combine(_root, "levels.png"), ChartFormat.Png);
        // Outside the data area (a panel of its own, like the top one's), so it can cover no ✕ at 100 %.
        Assert.Contains(bottom.Axes.GetPanels(), p => p is ScottPlot.Panels.LegendPanel);
        Assert.False(bottom.Legend.IsVisible);
    }
}
