using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// <see cref="ResultsFolderFiles.FileNames"/> is the exact content of a folder the built <c>levbt run</c> writes,
/// with and without a heatmap, and <see cref="ExperimentResultsWriter.DataFileNames"/> that of a <c>--no-charts</c> folder.
/// </summary>
public sealed class ResultsFolderFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-folder-files").FullName;

    public ResultsFolderFilesTests() => WriteCsvMarket(_folder, bars: 300);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] RunAndList(string outName, Action<JsonObject> change, params string[] extra)
    {
        var spec = CsvSpec();
        change(spec);
        string path = WriteSpec(_folder, spec, outName + ".json");
        var result = Levbt(_folder, ["run", path, "--out", outName, .. extra]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stderr: {result.Error}");
        return List(outName);
    }

    private string[] List(string outName)
        => [.. Directory.GetFileSystemEntries(Path.Combine(_folder, outName)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private static string[] Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];

    [Fact]
    public void A_two_axis_sweep_holds_the_data_files_seven_charts_and_two_reports()
    {
        // CsvSpec sweeps leverage (4 values) × stop.distance (2 values).
        var files = RunAndList("two-axes", _ => { });
        Assert.Equal(7 + 7 + 2, files.Length);
        Assert.Equal(Sorted(ResultsFolderFiles.FileNames(ChartFormat.Png, varyingAxisCount: 2)), files);
        Assert.Contains("heatmap.png", files);
    }

    [Fact]
    public void A_one_axis_sweep_has_no_heatmap()
    {
        var files = RunAndList("one-axis", s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 3, 10), ["stop.distance"] = new JsonArray(0.05) });
        Assert.Equal(Sorted(ResultsFolderFiles.FileNames(ChartFormat.Png, varyingAxisCount: 1)), files);
        Assert.DoesNotContain("heatmap.png", files);
        Assert.Equal(7 + 6 + 2, files.Length);
    }

    [Fact]
    public void Without_charts_the_folder_holds_the_data_files_only()
    {
        var files = RunAndList("data-only", _ => { }, "--no-charts");
        Assert.Equal(Sorted(ExperimentResultsWriter.DataFileNames), files);
        Assert.Equal(Sorted(ResultsFolderFiles.DataFileNames), files);
    }

    [Fact]
    public void Redrawing_in_another_format_adds_that_formats_charts_beside_the_first()
    {
        RunAndList("redrawn", _ => { });
        var report = Levbt(_folder, "report", "redrawn", "--format", "svg");
        Assert.True(report.ExitCode == 0, $"exit {report.ExitCode}; stderr: {report.Error}");
        Assert.Equal(
            Sorted(ResultsFolderFiles.FileNames(ChartFormat.Png, 2).Union(ResultsFolderFiles.ChartFileNames(ChartFormat.Svg, 2))),
            List("redrawn"));
    }

    [Fact]
    public void Chart_file_names_follow_the_report_order_and_format()
    {
        Assert.Equal(
            ["equity.pdf", "drawdown.pdf", "liquidations.pdf", "leverage-decay.pdf", "effective-leverage.pdf", "heatmap.pdf", "funding.pdf"],
            ResultsFolderFiles.ChartFileNames(ChartFormat.Pdf, 3));
        Assert.Equal(
            ["equity.svg", "drawdown.svg", "liquidations.svg", "leverage-decay.svg", "effective-leverage.svg", "funding.svg"],
            ResultsFolderFiles.ChartFileNames(ChartFormat.Svg, 0));
        Assert.Equal(["summary.json", "runs.parquet", "trades.parquet", "liquidations.parquet", "funding.parquet", "stops.parquet", "equity.parquet"], ResultsFolderFiles.FileNames(ChartFormat.Png, 1).Take(7));
        Assert.Equal(["report.md", "report.html"], ResultsFolderFiles.FileNames(ChartFormat.Png, 1).TakeLast(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultsFolderFiles.FileNames(ChartFormat.Png, -1));
    }
}
