using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary><c>levbt report</c> against folders written by <c>levbt run</c> (the built CLI, started as a process).</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly string[] Charts = ["equity.png", "drawdown.png", "liquidations.png", "leverage-decay.png", "effective-leverage.png", "funding.png"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "levbt-report-cli-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests()
    {
        Directory.CreateDirectory(_folder);
        string sample = SampleData.Replace("\\", "\\\\", StringComparison.Ordinal);
        string tiers = Path.Combine(RepositoryRoot, "data", "tiers", "binance-BTCUSDT.json").Replace("\\", "\\\\", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "spec.json"), $$"""
            {
              "name": "cli-report",
              "data": {
                "prices": "{{sample}}/prices.parquet",
                "mark": "{{sample}}/mark.parquet",
                "funding": "{{sample}}/funding.parquet",
                "from": "2023-01-01",
                "to": "2023-03-01"
              },
              "instrument": { "tiers": "{{tiers}}", "marginMode": "isolated", "takerFeeRate": 0.0005 },
              "initialCapital": 10000,
              "strategy": { "signal": "buy-and-hold-long", "sizing": "fixed-leverage", "stop": "none" },
              "sweep": { "leverage": [1, 5, 50] },
              "afterLiquidation": "endRun"
            }
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Run_writes_the_charts_and_report_then_report_redraws_them_byte_for_byte()
    {
        var run = Levbt(_folder, "run", "spec.json", "--out", "results");
        Assert.True(run.ExitCode == 0, run.Error);
        string results = Path.Combine(_folder, "results");
        foreach (var chart in Charts.Append("report.md").Append("report.html"))
        {
            Assert.True(File.Exists(Path.Combine(results, chart)), $"levbt run did not write {chart}");
        }

        Assert.False(File.Exists(Path.Combine(results, "heatmap.png")));
        Assert.Empty(Directory.GetFiles(results, "*.tmp").Concat(Directory.GetFiles(results, ".*")));

        // Redraw into a copy that holds only the data files.
        string copy = Path.Combine(_folder, "copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(results).Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var report = Levbt(_folder, "report", "copy");
        Assert.True(report.ExitCode == 0, report.Error);
        foreach (var chart in Charts.Append("report.md").Append("report.html"))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(results, chart)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copy, chart))),
                $"{chart} redrawn by levbt report differs from the one levbt run wrote");
            Assert.Contains(Path.Combine(Path.GetFullPath(copy), chart), report.Output);
        }

        Assert.Contains("levbt: note: heatmap.png not drawn", report.Error);
    }

    [Fact]
    public void No_charts_writes_only_the_data_files()
    {
        var run = Levbt(_folder, "run", "spec.json", "--out", "plain", "--no-charts");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "plain"), "*.png"));
        Assert.False(File.Exists(Path.Combine(_folder, "plain", "report.html")));
    }

    [Fact]
    public void Format_svg_and_run_choose_the_output()
    {
        Assert.Equal(0, Levbt(_folder, "run", "spec.json", "--out", "svg", "--no-charts").ExitCode);
        var report = Levbt(_folder, "report", "svg", "--format", "svg", "--run", "1");
        Assert.True(report.ExitCode == 0, report.Error);
        string liquidations = File.ReadAllText(Path.Combine(_folder, "svg", "liquidations.svg"));
        Assert.Contains("Run 1 (5×): price and liquidation price", liquidations);
        Assert.Contains("Price (USDT)", liquidations);
        Assert.Contains("data:image/svg+xml;base64,", File.ReadAllText(Path.Combine(_folder, "svg", "report.html")));
    }

    [Theory]
    [InlineData("missing", "results folder not found")]
    [InlineData("empty", "has no summary.json")]
    public void A_bad_results_folder_exits_2_with_one_line(string name, string message)
    {
        if (name == "empty")
        {
            Directory.CreateDirectory(Path.Combine(_folder, name));
        }

        var result = Levbt(_folder, "report", name);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("levbt: error: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void A_run_index_or_metric_that_does_not_exist_exits_2()
    {
        Assert.Equal(0, Levbt(_folder, "run", "spec.json", "--out", "r", "--no-charts").ExitCode);
        var run = Levbt(_folder, "report", "r", "--run", "7");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("run 7 is not in", Assert.Single(run.ErrorLines));
        var metric = Levbt(_folder, "report", "r", "--metric", "profit");
        Assert.Equal(2, metric.ExitCode);
        Assert.Contains("choose one of: initialCapital", Assert.Single(metric.ErrorLines));
    }
}
