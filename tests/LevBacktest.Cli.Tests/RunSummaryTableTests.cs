using System.Text.Json.Nodes;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// levbt run's closing table prints the first 250 runs and says how many more there are (every run is in the folder).
/// </summary>
public sealed class RunSummaryTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-summary-table").FullName;

    public RunSummaryTableTests() => WriteCsvMarket(_folder, bars: 300);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_sweep_of_260_runs_prints_the_header_the_first_250_runs_in_order_and_how_many_more_there_are()
    {
        var spec = CsvSpec();
        spec["strategy"] = new JsonObject { ["signal"] = "buy-and-hold-long", ["sizing"] = "fixed-leverage", ["stop"] = "fixed-percent" };
        spec["sweep"] = new JsonObject
        {
            ["leverage"] = new JsonObject { ["from"] = 1, ["to"] = 26, ["step"] = 1 },
            ["stop.distance"] = new JsonObject { ["from"] = 0.01, ["to"] = 0.1, ["step"] = 0.01 },
        };
        var result = Levbt(_folder, "run", WriteSpec(_folder, spec), "--out", Path.Combine(_folder, "out"), "--no-charts");
        Assert.True(result.ExitCode == 0, result.Error);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("run", lines[0].TrimStart(), StringComparison.Ordinal);
        for (int run = 0; run < 250; run++)
        {
            Assert.StartsWith(run.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ", lines[1 + run].TrimStart(), StringComparison.Ordinal);
        }

        Assert.Equal("(10 more runs not shown; every run is in runs.parquet and summary.json)", lines[251]);
        Assert.StartsWith("Results: ", lines[252], StringComparison.Ordinal);
    }
}
