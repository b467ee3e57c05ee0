using LevBacktest.Core.Regression;

namespace LevBacktest.Core.Tests.Regression;

public sealed class ResultsSummaryReaderTests : IDisposable
{
    // The layout levbt run writes (format levbt-results/1), trimmed to what the reader uses plus a few
    // fields it must ignore.
    private const string Summary = """
        {
          "format": "levbt-results/1",
          "tool": "levbt 0.1.0",
          "experiment": "funding-carry",
          "spec": { "name": "funding-carry" },
          "overrides": {},
          "data": {
            "symbol": "BTCUSDT",
            "barIntervalMs": 3600000,
            "hasMarkFile": true,
            "files": [
              { "path": "/d/prices.parquet", "sha256": "0a", "rowCount": 8760, "firstTime": "2024-01-01T00:00:00Z", "lastTime": "2024-12-30T23:00:00Z" },
              { "path": "/d/mark.parquet", "sha256": "0b", "rowCount": 8760, "firstTime": "2024-01-01T00:00:00Z", "lastTime": "2024-12-30T23:00:00Z" },
              { "path": "/d/funding.parquet", "sha256": "0c", "rowCount": 1095, "firstTime": "2024-01-01T00:00:00Z", "lastTime": "2024-12-30T16:00:00.250Z" }
            ]
          },
          "sweep": { "runCount": 2 },
          "metricNames": ["totalReturn", "firstLiquidationTime"],
          "runs": [
            { "runIndex": 1, "parameters": { "leverage": 2, "signal.threshold": 0.1 }, "strategy": { "signal": "x" }, "metrics": { "totalReturn": -0.5, "firstLiquidationTime": 1718000000000 } },
            { "runIndex": 0, "parameters": { "leverage": 1, "signal.threshold": 0.1 }, "strategy": { "signal": "x" }, "metrics": { "totalReturn": 0.25, "firstLiquidationTime": null } }
          ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-summary-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Maps_experiment_tool_files_and_runs()
    {
        var snapshot = ResultsSummaryReader.Read(Write(Summary));
        Assert.Equal("funding-carry", snapshot.SpecName);
        Assert.Equal("levbt 0.1.0", snapshot.ToolVersion);
        Assert.Equal(["prices", "mark", "funding"], snapshot.DataFiles.Select(f => f.Role));
        var funding = snapshot.DataFiles[2];
        Assert.Equal(("/d/funding.parquet", "0c", 1095L), (funding.Path, funding.Sha256, funding.RowCount));
        Assert.Equal(1_704_067_200_000, funding.FirstTimeMs); // 2024-01-01T00:00:00Z
        Assert.Equal(1_735_574_400_250, funding.LastTimeMs); // 2024-12-30T16:00:00.250Z

        Assert.Equal([0, 1], snapshot.Runs.Select(r => r.RunIndex));
        var first = snapshot.Runs[0];
        Assert.Equal("leverage = 1, signal.threshold = 0.1", first.Label);
        Assert.Equal(0.25, first.MetricsByName["totalReturn"]);
        Assert.True(double.IsNaN(first.MetricsByName["firstLiquidationTime"]));
        Assert.Equal(1_718_000_000_000, snapshot.Runs[1].MetricsByName["firstLiquidationTime"]);
    }

    [Fact]
    public void Without_a_mark_file_the_second_file_is_funding()
    {
        string json = Summary.Replace("\"hasMarkFile\": true", "\"hasMarkFile\": false")
            .Replace("""{ "path": "/d/mark.parquet", "sha256": "0b", "rowCount": 8760, "firstTime": "2024-01-01T00:00:00Z", "lastTime": "2024-12-30T23:00:00Z" },""", string.Empty);
        Assert.Equal(["prices", "funding"], ResultsSummaryReader.Read(Write(json)).DataFiles.Select(f => f.Role));
    }

    [Fact]
    public void A_summary_written_as_baseline_reads_back_equal()
    {
        var snapshot = ResultsSummaryReader.Read(Write(Summary));
        string baseline = Path.Combine(_folder, "baseline.json");
        BaselineFile.Write(baseline, snapshot);
        var report = RegressionComparer.Compare(BaselineFile.Read(baseline), snapshot, RegressionTolerance.Exact);
        Assert.Equal(RegressionVerdict.Holds, report.Verdict);
        Assert.Equal(4, report.ComparedMetrics);
    }

    [Theory]
    [InlineData("\"format\": \"levbt-results/1\"", "\"format\": \"levbt-results/9\"", "this levbt reads \"levbt-results/1\"")]
    [InlineData("\"firstTime\": \"2024-01-01T00:00:00Z\", \"lastTime\": \"2024-12-30T16", "\"firstTime\": \"yesterday\", \"lastTime\": \"2024-12-30T16", "$.data.files[2].firstTime \"yesterday\"")]
    [InlineData("\"totalReturn\": -0.5", "\"totalReturn\": [1]", "$.runs[0].metrics.totalReturn must be a number")]
    [InlineData("\"runIndex\": 0", "\"runIndex\": 1", "Run index 1 appears twice")]
    public void Bad_summaries_name_the_field(string find, string replace, string expected)
    {
        Assert.Contains(find, Summary);
        var error = Assert.Throws<RegressionInputException>(() => ResultsSummaryReader.Read(Write(Summary.Replace(find, replace))));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_folder_without_summary_is_reported()
    {
        var error = Assert.Throws<RegressionInputException>(() => ResultsSummaryReader.Read(Path.Combine(_folder, "nothing", "summary.json")));
        Assert.Contains("levbt run", error.Message);
    }

    private string Write(string json)
    {
        string path = Path.Combine(_folder, $"summary-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
