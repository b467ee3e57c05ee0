using System.Text.Json;
using System.Text.Json.Nodes;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// A leverage above the tier table's maximum runs with its orders reduced: levbt says so on standard error once
/// per such run, and the table and summary.json give the effective (capped) leverage.
/// </summary>
public sealed class CappedLeverageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-capped").FullName;

    public CappedLeverageTests() => WriteCsvMarket(_folder, bars: 300);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Runs_above_a_flat_max_leverage_of_20_are_named_once_each_and_show_20x_effective()
    {
        var spec = CsvSpec();
        spec["instrument"]!["maxLeverage"] = 20;
        spec["strategy"] = new JsonObject { ["signal"] = "buy-and-hold-long", ["sizing"] = "fixed-leverage", ["stop"] = "none" };
        spec["sweep"] = new JsonObject { ["leverage"] = new JsonArray(5, 50, 200) };
        string output = Path.Combine(_folder, "out");
        var result = Levbt(_folder, "run", WriteSpec(_folder, spec), "--out", output, "--no-charts");
        Assert.True(result.ExitCode == 0, result.Error);

        // One warning for each of the 50x and 200x runs (their one opening order was reduced to 20x), none for 5x.
        var warnings = result.ErrorLines.Where(l => l.Contains("tier table's maximum leverage", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("run 1 (leverage=50): 1 order(s) reduced by the tier table's maximum leverage; it traded at up to 20x, not 50x.", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("levbt: warning: run 2 (leverage=200)", warnings[1], StringComparison.Ordinal);

        // The printed table: the effective leverage column, capped runs marked.
        var lines = result.Output.Split('\n');
        Assert.Contains("effective leverage", lines[0], StringComparison.Ordinal);
        Assert.Contains("capped orders", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\s*0\s+5\s+5\s+0\s", lines[1]);
        Assert.Matches(@"^\s*1\s+50\s+20\s+1\s", lines[2]);
        Assert.Matches(@"^\s*2\s+200\s+20\s+1\s", lines[3]);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var runs = summary.RootElement.GetProperty("runs");
        Assert.Equal(5, runs[0].GetProperty("metrics").GetProperty("maxOrderLeverage").GetDouble(), 9);
        Assert.Equal(20, runs[1].GetProperty("metrics").GetProperty("maxOrderLeverage").GetDouble(), 9);
        Assert.Equal(1, runs[2].GetProperty("metrics").GetProperty("reducedOrders").GetDouble());
    }
}
