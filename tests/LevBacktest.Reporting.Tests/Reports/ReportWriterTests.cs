using System.Text.RegularExpressions;

using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>One leverage-sweep results folder on data/sample with its report, shared by the tests of a class.</summary>
public sealed class LeverageSweepReport : IDisposable
{
    public LeverageSweepReport()
    {
        Root = Path.Combine(Path.GetTempPath(), "levbt-report-" + Guid.NewGuid().ToString("N"));
        Data = ResultsFolderFixture.Write(Path.Combine(Root, "data-only"), ResultsFolderFixture.LeverageSweepSpec(), out var outcome);
        Outcome = outcome;
        Folder = ResultsFolderFixture.Copy(Data, Path.Combine(Root, "report"));
        Result = ReportWriter.Write(Folder);
    }

    public string Root { get; }

    /// <summary>The runs in memory, as levbt run holds them.</summary>
    public LevBacktest.Core.Experiments.ExperimentOutcome Outcome { get; }

    /// <summary>The results folder as written without charts.</summary>
    public string Data { get; }

    /// <summary>A copy with the report written into it.</summary>
    public string Folder { get; }

    public ReportResult Result { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class ReportWriterTests : IClassFixture<LeverageSweepReport>
{
    private readonly LeverageSweepReport _report;

    public ReportWriterTests(LeverageSweepReport report) => _report = report;

    [Fact]
    public void Every_chart_but_the_heatmap_is_a_1600_by_900_png_and_the_heatmap_is_skipped_for_one_axis()
    {
        var charts = _report.Result.Charts;
        // exposure is a portfolio's chart: a single-instrument report leaves it out of its list.
        Assert.Equal(ReportWriter.ChartNames.Where(n => n != "exposure"), charts.Select(c => c.Name));
        foreach (var chart in charts)
        {
            if (chart.Name == "heatmap")
            {
                Assert.Null(chart.FileName);
                Assert.Contains("1 axis", chart.SkipReason);
                continue;
            }

            Assert.Equal(chart.Name + ".png", chart.FileName);
            var (width, height, _, _) = PngHeader.Read(Path.Combine(_report.Folder, chart.FileName!));
            Assert.Equal((1600, 900), (width, height));
        }

        Assert.False(File.Exists(Path.Combine(_report.Folder, "heatmap.png")));
        Assert.Contains(_report.Result.Notes, n => n.StartsWith("heatmap.png not drawn", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("equity.png")]
    [InlineData("drawdown.png")]
    [InlineData("liquidations.png")]
    [InlineData("leverage-decay.png")]
    [InlineData("effective-leverage.png")]
    [InlineData("funding.png")]
    public void The_plot_area_is_not_blank(string file)
    {
        // The middle of the figure (below the title, inside the margins) holds curves, bars or markers.
        double ink = PixelProbe.InkFraction(Path.Combine(_report.Folder, file), new ScottPlot.PixelRect(200, 1400, 750, 150));
        Assert.True(ink > 0.01, $"{file}: only {ink:P2} of the plot area is drawn");
    }

    [Fact]
    public void Redrawing_the_same_folder_gives_the_same_bytes()
    {
        string again = ResultsFolderFixture.Copy(_report.Data, Path.Combine(_report.Root, "again"));
        var second = ReportWriter.Write(again);
        foreach (var chart in second.Charts.Where(c => c.FileName is not null))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(_report.Folder, chart.FileName!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, chart.FileName!))),
                $"{chart.FileName} differs between two renderings of the same results");
        }

        Assert.Equal(File.ReadAllText(_report.Result.MarkdownPath), File.ReadAllText(second.MarkdownPath));
        Assert.Equal(File.ReadAllText(_report.Result.HtmlPath), File.ReadAllText(second.HtmlPath));
    }

    [Fact]
    public void Report_md_has_the_data_span_the_metrics_table_and_references_every_chart()
    {
        string md = File.ReadAllText(_report.Result.MarkdownPath);
        Assert.Contains("# report-test", md);
        Assert.Contains("first bar opens 2023-01-01T00:00:00Z", md);
        Assert.Contains("| Run | leverage | Total return |", md);

        // One table row per run, the leverage in the parameter column.
        foreach (var (index, leverage) in new[] { (0, "1"), (1, "3"), (2, "10"), (3, "50") })
        {
            Assert.Matches(new Regex($@"^\| {index} \| {leverage} \| [+−]", RegexOptions.Multiline), md);
        }

        foreach (var chart in _report.Result.Charts.Where(c => c.FileName is not null))
        {
            Assert.Contains($"]({chart.FileName})", md);
        }

        Assert.Contains("Not drawn: the sweep varies 1 axis", md);
        Assert.Contains("\"buy-and-hold-long\"", md);
    }

    [Fact]
    public void Report_html_is_self_contained_with_every_chart_embedded_and_the_metrics_table()
    {
        string html = File.ReadAllText(_report.Result.HtmlPath);
        Assert.Contains("<th>Total return</th>", html);
        Assert.Equal(4, Regex.Matches(html, "<tr><td class=\"n\">").Count);
        foreach (var chart in _report.Result.Charts.Where(c => c.FileName is not null))
        {
            string base64 = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(_report.Folder, chart.FileName!)));
            Assert.Contains("src=\"data:image/png;base64," + base64 + "\"", html);
        }

        Assert.DoesNotContain("src=\"equity.png\"", html);
    }

    [Fact]
    public void The_metrics_in_the_report_are_those_of_summary_json()
    {
        var folder = ResultsFolder.Read(_report.Folder);
        var fiftyX = folder.Runs.Single(r => r.Leverage == 50);
        var oneX = folder.Runs.Single(r => r.Leverage == 1);

        // 50× isolated buy-and-hold over three volatile months is liquidated; 1× is not (liquidation price ≤ 0).
        Assert.Equal(1, fiftyX.LiquidationCount);
        Assert.Equal(0, oneX.LiquidationCount);
        var liquidation = Assert.Single(folder.LiquidationsOf(fiftyX.RunIndex));
        Assert.Equal((long)fiftyX.Metric("firstLiquidationTime"), liquidation.TimeMs);
        Assert.Equal(fiftyX.Metric("marginLost"), liquidation.MarginLost, 6);

        // The equity table's last close is the run's final equity (up to the end of an ended run).
        var curve = folder.EquityOf(oneX.RunIndex);
        Assert.Equal(oneX.Metric("finalEquity"), curve.Equity.Span[^1], 6);
        Assert.Equal(oneX.Metric("barCount"), curve.Count);
        string md = File.ReadAllText(_report.Result.MarkdownPath);
        Assert.Contains("| 3 | 50 | −100 % |", md);
    }

    [Fact]
    public void The_liquidation_price_read_back_is_the_engines_per_bar_liquidation_price()
    {
        var folder = ResultsFolder.Read(_report.Folder);
        Assert.True(folder.HasLiquidationPrices);
        int compared = 0;
        foreach (var run in _report.Outcome.Runs)
        {
            var expected = run.Result.EquityCurve.LiquidationPrice;
            var actual = folder.EquityOf(run.Point.RunIndex).LiquidationPrice.Span;
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
                compared += double.IsFinite(expected[i]) ? 1 : 0;
            }
        }

        Assert.True(compared > 1000, $"only {compared} bars with an open position were compared");
    }

    [Fact]
    public void Svg_charts_hold_the_title_and_axis_labels_as_text()
    {
        string folder = ResultsFolderFixture.Copy(_report.Data, Path.Combine(_report.Root, "svg"));
        var result = ReportWriter.Write(folder, new ReportOptions { Format = ChartFormat.Svg });
        string equity = File.ReadAllText(Path.Combine(folder, "equity.svg"));
        Assert.Contains("report-test: equity by leverage", equity);
        Assert.Contains("Equity (USDT, log scale)", equity);
        Assert.Contains("Time (UTC)", equity);
        string funding = File.ReadAllText(Path.Combine(folder, "funding.svg"));
        Assert.Contains("Cumulative net funding paid (USDT)", funding);
        Assert.Contains("Funding rate (% per interval)", funding);
        string html = File.ReadAllText(result.HtmlPath);
        Assert.Contains("data:image/svg+xml;base64,", html);
        Assert.Contains("](equity.svg)", File.ReadAllText(result.MarkdownPath));
    }

    [Fact]
    public void An_unknown_run_or_metric_is_an_argument_error_that_says_what_exists()
    {
        string folder = ResultsFolderFixture.Copy(_report.Data, Path.Combine(_report.Root, "bad-options"));
        var run = Assert.Throws<ArgumentException>(() => ReportWriter.Write(folder, new ReportOptions { RunIndex = 99 }));
        Assert.Contains("runs 0..3", run.Message);
        var metric = Assert.Throws<ArgumentException>(() => ReportWriter.Write(folder, new ReportOptions { HeatmapMetric = "profit" }));
        Assert.Contains("totalReturn", metric.Message);
        Assert.Contains("'profit'", metric.Message);
    }

    [Fact]
    public void A_missing_or_incomplete_folder_is_a_results_folder_error_naming_the_file()
    {
        var missing = Assert.Throws<ResultsFolderException>(() => ResultsFolder.Read(Path.Combine(_report.Root, "nowhere")));
        Assert.Contains("results folder not found", missing.Message);

        string incomplete = ResultsFolderFixture.Copy(_report.Data, Path.Combine(_report.Root, "incomplete"));
        File.Delete(Path.Combine(incomplete, "equity.parquet"));
        var error = Assert.Throws<ResultsFolderException>(() => ResultsFolder.Read(incomplete));
        Assert.Contains("equity.parquet is missing", error.Message);

        string corrupt = ResultsFolderFixture.Copy(_report.Data, Path.Combine(_report.Root, "corrupt"));
        File.WriteAllText(Path.Combine(corrupt, "summary.json"), "{ \"format\": ");
        var json = Assert.Throws<ResultsFolderException>(() => ResultsFolder.Read(corrupt));
        Assert.Contains("summary.json: not valid JSON", json.Message);

        string empty = Path.Combine(_report.Root, "empty");
        Directory.CreateDirectory(empty);
        var none = Assert.Throws<ResultsFolderException>(() => ResultsFolder.Read(empty));
        Assert.Contains("has no summary.json", none.Message);
    }

    [Fact]
    public void The_price_panel_reads_the_recorded_data_files()
    {
        var notes = new List<string>();
        var prices = PriceHistory.TryLoad(ResultsFolder.Read(_report.Folder), notes);
        Assert.Empty(notes);
        Assert.NotNull(prices);

        // Jan–Mar 2023 hourly: 90 days of 24 bars, the first at 2023-01-01T00:00Z.
        Assert.Equal(90 * 24, prices!.TimeMs.Length);
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), prices.TimeMs[0]);
        Assert.NotNull(prices.MarkClose);
        Assert.True(prices.FundingTimeMs.Length is >= 269 and <= 271, $"{prices.FundingTimeMs.Length} funding events (8-hourly over 90 days is 270)");
    }
}
