using System.Security.Cryptography;
using System.Text.Json;

using LevBacktest.Parquet;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>The example experiments, run by the built levbt on the bundled sample and on the real Binance files.</summary>
public sealed class RunExamplesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-examples").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Buy_and_hold_example_runs_on_the_sample_data()
    {
        string output = Path.Combine(_folder, "bh");
        var result = Levbt(_folder, "run", Example("buy-and-hold-leverage"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);

        // Without --no-charts the report is published with the data.
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.NotEmpty(Directory.GetFiles(output, "*.png"));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        var files = root.GetProperty("data").GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(["prices", "mark", "funding"], files.Select(f => f.GetProperty("role").GetString()));
        foreach (var file in files)
        {
            string path = file.GetProperty("path").GetString()!;
            Assert.StartsWith(SampleData, path, StringComparison.Ordinal);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), file.GetProperty("sha256").GetString());
        }

        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(21, runs.Length);
        Assert.Equal(
            [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 125],
            runs.Select(r => r.GetProperty("parameters").GetProperty("leverage").GetDouble()));

        // Buy and hold at more leverage can only be liquidated sooner: the liquidation counts never fall
        // as leverage rises (each run ends at its first liquidation).
        var liquidations = runs.Select(r => r.GetProperty("metrics").GetProperty("liquidationCount").GetDouble()).ToArray();
        for (int r = 1; r < liquidations.Length; r++)
        {
            Assert.True(liquidations[r] >= liquidations[r - 1], $"run {r}: {liquidations[r]} < {liquidations[r - 1]}");
        }

        Assert.Equal(0, liquidations[0]);
        Assert.Equal(1, liquidations[^1]);
        int bars = root.GetProperty("data").GetProperty("barCount").GetInt32();
        using var equity = ParquetFileReader.Open(Path.Combine(output, "equity.parquet"));
        Assert.Equal(21L * bars, equity.RowCount);
    }

    [SharedDataFact]
    public void Buy_and_hold_example_runs_on_the_real_binance_files()
    {
        string output = Path.Combine(_folder, "real");
        var result = Levbt(
            _folder,
            "run",
            Example("buy-and-hold-leverage"),
            "--prices", Path.Combine(SharedData, "BTCUSDT-1h.parquet"),
            "--mark", Path.Combine(SharedData, "BTCUSDT-1h-mark.parquet"),
            "--funding", Path.Combine(SharedData, "BTCUSDT-funding.parquet"),
            "--out", output,
            "--no-charts");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("BTCUSDT, 58,623 bars of 1h from 2019-09-08T17:00:00Z to 2026-05-17T07:00:00Z, 7,323 funding events, mark price", result.Error, StringComparison.Ordinal);
        Assert.Contains("mark price missing for 2,539 bars", result.Error, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var data = summary.RootElement.GetProperty("data");
        Assert.Equal(58_623, data.GetProperty("barCount").GetInt32());
        Assert.Equal(
            [58_623L, 56_084L, 7_323L],
            data.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("rowCount").GetInt64()));
        Assert.Equal(Path.Combine(SharedData, "BTCUSDT-1h.parquet"), summary.RootElement.GetProperty("overrides").GetProperty("prices").GetString());

        var runs = summary.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("metrics")).ToArray();
        Assert.Equal(21, runs.Length);

        // The 2020-03-12/13 crash (BTC's last-price low 3,621.81 from about 10,000 at entry) liquidates every
        // long of 2x and more; the first liquidation of the 125x long comes far earlier.
        static double First(JsonElement m) => m.GetProperty("firstLiquidationTime").GetDouble();
        long crashEnd = DateTimeOffset.Parse("2020-03-14T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        Assert.All(runs.Skip(2), m => Assert.True(First(m) < crashEnd));
        Assert.True(First(runs[^1]) < First(runs[2]));

        // Funding: a long pays on average (BTC funding is mostly positive).
        Assert.All(runs, m => Assert.True(m.GetProperty("fundingPaid").GetDouble() > m.GetProperty("fundingReceived").GetDouble()));
    }
}
