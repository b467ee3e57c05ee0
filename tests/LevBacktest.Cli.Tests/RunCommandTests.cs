using System.Text.Json;
using System.Text.Json.Nodes;

using LevBacktest.Core.Metrics;
using LevBacktest.Parquet;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>End-to-end runs of the built levbt on generated CSV data: outputs, determinism, shards, Ctrl-C.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-run").FullName;

    public RunCommandTests() => WriteCsvMarket(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LevbtResult Run(string outName, params string[] extra)
    {
        string spec = Path.Combine(_folder, "spec.json");
        if (!File.Exists(spec))
        {
            WriteSpec(_folder, CsvSpec());
        }

        return Levbt(_folder, ["run", spec, "--out", outName, "--no-charts", .. extra]);
    }

    private static void AssertSucceeded(LevbtResult result)
        => Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stderr: {result.Error}");

    [Fact]
    public void Writes_the_results_folder_and_prints_the_summary_table()
    {
        var result = Run("out");
        AssertSucceeded(result);
        string folder = Path.Combine(_folder, "out");
        Assert.Equal( // --no-charts: the data files only
            ["equity.parquet", "funding.parquet", "liquidations.parquet", "runs.parquet", "stops.parquet", "summary.json", "trades.parquet"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["run", "leverage", "stop.distance", "effective", "leverage", "capped", "orders", "total", "return", "CAGR", "max", "drawdown", "Sharpe", "liquidations", "net", "funding", "paid", "(USDT)", "fees", "(USDT)"],
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1 + 8 + 1, lines.Length);
        Assert.Equal($"Results: {folder}", lines[^1]);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var runs = summary.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(8, runs.Length);
        for (int r = 0; r < 8; r++)
        {
            // Row r of the table shows run r's values from summary.json.
            var cells = lines[1 + r].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var metrics = runs[r].GetProperty("metrics");
            Assert.Equal(r.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(runs[r].GetProperty("parameters").GetProperty("leverage").GetDouble(), double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(metrics.GetProperty("totalReturn").GetDouble() * 100, 2), double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture), 6);
            Assert.Equal(metrics.GetProperty("maxOrderLeverage").GetDouble(), double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture), 2);
            Assert.Equal(metrics.GetProperty("liquidationCount").GetDouble(), double.Parse(cells[^3], System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Contains("levbt: running 8 of 8 runs", result.Error, StringComparison.Ordinal);
        Assert.Contains("levbt: progress 8/8 runs (100 %)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binance-BTCUSDT.json", false)]
    [InlineData("binance-ETHUSDT.json", true)]
    public void A_tier_table_of_another_symbol_is_used_with_a_warning(string tierFile, bool warned)
    {
        var spec = CsvSpec();
        spec["instrument"] = new JsonObject { ["tiers"] = Path.Combine(DataCommandTestSupport.RepositoryRoot, "data", "tiers", tierFile) };
        WriteSpec(_folder, spec);
        var result = Run("out");
        AssertSucceeded(result);

        const string Warning = "levbt: warning: the tier table binance-ETHUSDT.json is ETHUSDT's but the data is BTCUSDT: maintenance margin, maximum leverage and liquidation prices follow ETHUSDT's brackets.";
        Assert.Equal(warned, result.Error.Contains(Warning, StringComparison.Ordinal));
        Assert.DoesNotContain("tier table", result.Error.Replace(Warning, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_outputs_read_back_to_the_values_of_summary_json()
    {
        AssertSucceeded(Run("out"));
        string folder = Path.Combine(_folder, "out");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var runs = summary.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        using var reader = ParquetFileReader.Open(Path.Combine(folder, "runs.parquet"));
        Assert.Equal(runs.Length, reader.RowCount);
        Assert.Equal(runs.Select(r => r.GetProperty("runIndex").GetInt32()), reader.ReadInt32Column("runIndex"));
        Assert.Equal(runs.Select(r => r.GetProperty("parameters").GetProperty("stop.distance").GetDouble()), reader.ReadDoubleColumn("stop.distance"));
        foreach (var name in RunMetrics.Names)
        {
            var column = reader.ReadColumn(name);
            for (int r = 0; r < runs.Length; r++)
            {
                var json = runs[r].GetProperty("metrics").GetProperty(name);
                Assert.Equal(json.ValueKind == JsonValueKind.Null ? null : json.GetDouble(), column.GetValue(r));
            }
        }

        // The equity curve ends at each run's final equity, and the liquidation table at its liquidation count.
        using var equity = ParquetFileReader.Open(Path.Combine(folder, "equity.parquet"));
        var runIndex = equity.ReadInt32Column("runIndex");
        var values = equity.ReadDoubleColumn("equity");
        Assert.Equal(runs.Length * 2000, values.Length);
        using var liquidations = ParquetFileReader.Open(Path.Combine(folder, "liquidations.parquet"));
        var liquidatedRuns = liquidations.ReadInt32Column("runIndex");
        for (int r = 0; r < runs.Length; r++)
        {
            var metrics = runs[r].GetProperty("metrics");
            Assert.Equal(r, runIndex[((r + 1) * 2000) - 1]);
            Assert.Equal(metrics.GetProperty("finalEquity").GetDouble(), values[((r + 1) * 2000) - 1]);
            Assert.Equal(metrics.GetProperty("liquidationCount").GetDouble(), liquidatedRuns.Count(i => i == r));
        }

        Assert.Contains(liquidatedRuns, i => i >= 0); // the 50x runs do get liquidated on this data
    }

    [Fact]
    public void Results_are_byte_identical_whatever_the_thread_count()
    {
        AssertSucceeded(Run("one", "--threads", "1"));
        AssertSucceeded(Run("two", "--threads", "2"));
        AssertSucceeded(Run("five", "--threads", "5"));
        foreach (var file in Directory.GetFiles(Path.Combine(_folder, "one")).Select(Path.GetFileName))
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(_folder, "one", file!));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(_folder, "two", file!)));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(_folder, "five", file!)));
        }
    }

    [Fact]
    public void Shards_hold_the_runs_of_the_whole_sweep()
    {
        AssertSucceeded(Run("all"));
        AssertSucceeded(Run("s0", "--shard", "0/3"));
        AssertSucceeded(Run("s1", "--shard", "1/3"));
        AssertSucceeded(Run("s2", "--shard", "2/3"));
        static JsonElement[] Runs(string folder)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
            return document.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.Clone()).ToArray();
        }

        var whole = Runs(Path.Combine(_folder, "all"));
        var pieces = new[] { "s0", "s1", "s2" }.SelectMany(s => Runs(Path.Combine(_folder, s))).ToArray();
        Assert.Equal([2, 3, 3], new[] { "s0", "s1", "s2" }.Select(s => Runs(Path.Combine(_folder, s)).Length));
        Assert.Equal(whole.Select(r => r.GetRawText()), pieces.Select(r => r.GetRawText()));
    }

    [Fact]
    public void A_shard_without_runs_writes_empty_tables()
    {
        var result = Run("empty", "--shard", "0/9"); // 8 runs in 9 slices: slice 0 is empty
        AssertSucceeded(result);
        Assert.Contains("levbt: shard 0/9 holds no runs (the sweep has 8)", result.Error, StringComparison.Ordinal);
        using var runs = ParquetFileReader.Open(Path.Combine(_folder, "empty", "runs.parquet"));
        Assert.Equal(0, runs.RowCount);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "empty", "summary.json")));
        Assert.Equal(0, summary.RootElement.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void Default_output_folder_is_results_slash_name()
    {
        WriteSpec(_folder, CsvSpec());
        var result = Levbt(_folder, "run", "spec.json", "--no-charts", "--shard", "1/2");
        AssertSucceeded(result);
        Assert.True(File.Exists(Path.Combine(_folder, "results", "csv-test-shard-1-of-2", "summary.json")));
    }

    [Fact]
    public void Ctrl_c_leaves_no_partial_folder_and_exits_2()
        => AssertInterruptedCleanly(signal: 2, "SIGINT");

    [Fact]
    public void Sigterm_is_handled_like_ctrl_c()
        => AssertInterruptedCleanly(signal: 15, "SIGTERM");

    /// <summary>
    /// Sends <paramref name="signal"/> once the sweep runs (its first progress line). The sweep has ~8.9 million runs,
    /// hours of work, so it cannot finish before the signal arrives however loaded the machine is.
    /// </summary>
    private void AssertInterruptedCleanly(int signal, string name)
    {
        string path = WriteSpec(_folder, EndlessSweepSpec(), "long.json");
        string target = Path.Combine(_folder, "interrupted");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "previous.txt"), "kept");
        using var process = Start(_folder, "run", path, "--out", target, "--no-charts");
        string? line;
        do
        {
            line = process.StandardError.ReadLine();
        }
        while (line is not null && !line.Contains("levbt: progress", StringComparison.Ordinal));
        Assert.NotNull(line);
        Signal(process, signal);
        var result = Finish(process);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [$"levbt: error: interrupted by {name}; no results were written ({target} is unchanged)."],
            result.ErrorLines.Where(l => l.StartsWith("levbt: error:", StringComparison.Ordinal)));
        Assert.Equal(["previous.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["interrupted"], Directory.GetDirectories(_folder).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".lock", StringComparison.Ordinal));
    }

    [Fact]
    public void Timings_report_the_engine_share_and_change_no_byte_of_the_folder()
    {
        var plain = Run("plain");
        var timed = Run("timed", "--timings");
        AssertSucceeded(plain);
        AssertSucceeded(timed);
        Assert.DoesNotContain("timings", plain.Error, StringComparison.Ordinal);
        Assert.Equal(plain.Output.Replace("plain", "timed", StringComparison.Ordinal), timed.Output);
        string[] files = Directory.GetFiles(Path.Combine(_folder, "plain")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(files, Directory.GetFiles(Path.Combine(_folder, "timed")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(_folder, "plain", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, "timed", file))), $"{file} differs");
        }

        var lines = timed.ErrorLines.Where(l => l.StartsWith("levbt: timings: ", StringComparison.Ordinal)).ToArray();
        string[] phases = ["start-up ", "data ready ", "sweep ", "results written ", "end ", "process CPU ", "engine "];
        Assert.Equal(phases.Length, lines.Length);
        for (int k = 0; k < phases.Length; k++)
        {
            Assert.StartsWith("levbt: timings: " + phases[k], lines[k], StringComparison.Ordinal);
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        double process = double.Parse(System.Text.RegularExpressions.Regex.Match(lines[5], @"process CPU ([0-9.]+) s \(([0-9.]+) user \+ ([0-9.]+) system\)").Groups[1].Value, invariant);
        var engineLine = System.Text.RegularExpressions.Regex.Match(lines[6], @"^levbt: timings: engine ([0-9.]+) CPU-s = ([0-9.]+) % of the process CPU \(8 runs\)$");
        Assert.True(engineLine.Success, lines[6]);
        double engine = double.Parse(engineLine.Groups[1].Value, invariant);
        Assert.InRange(engine, 1e-6, process);
        // The share is computed before the two are rounded to 1 ms for printing.
        Assert.InRange(double.Parse(engineLine.Groups[2].Value, invariant), (100 * (engine - 0.0005) / (process + 0.0005)) - 0.05, (100 * (engine + 0.0005) / (process - 0.0005)) + 0.05);

        // The phases add up to the process total (each printed to 1 ms).
        double phaseSum = lines[..5].Sum(l => double.Parse(System.Text.RegularExpressions.Regex.Match(l, @"process CPU +([0-9.-]+) s").Groups[1].Value, invariant));
        Assert.Equal(process, phaseSum, 0.006);
        var sweep = System.Text.RegularExpressions.Regex.Match(lines[2], @"engine ([0-9.]+) CPU-s .*hand-over ([0-9.]+) CPU-s");
        Assert.True(sweep.Success, lines[2]);
        Assert.Equal(engine, double.Parse(sweep.Groups[1].Value, invariant));
    }

    /// <summary>The CSV spec with 9,901 leverages × 901 stop distances (8.9 million runs).</summary>
    internal static JsonObject EndlessSweepSpec()
    {
        var spec = CsvSpec();
        spec["sweep"] = new JsonObject
        {
            ["leverage"] = new JsonObject { ["from"] = 1, ["to"] = 100, ["step"] = 0.01 },
            ["stop.distance"] = new JsonObject { ["from"] = 0.01, ["to"] = 0.1, ["step"] = 0.0001 },
        };
        return spec;
    }
}
