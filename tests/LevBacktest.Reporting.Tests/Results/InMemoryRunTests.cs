using System.Text.Json;

using LevBacktest.Reporting.Results;

namespace LevBacktest.Reporting.Tests.Results;

/// <summary>
/// <c>Experiment.Run()</c> without an output folder writes nothing: with the temporary folder (TMPDIR) and the current
/// folder both pointed at an empty folder, that folder is still empty afterwards, and the results equal those
/// <see cref="ExperimentResults.Open"/> reads from a folder written by the same spec. It changes process-wide settings,
/// so it runs alone (<see cref="ProcessEnvironmentCollection"/>).
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class InMemoryRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-in-memory-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_run_without_an_output_folder_creates_no_file_and_equals_the_folder_read_back()
    {
        // The moving-average example on a small grid with a number, a stop-distance and a string axis: trades, stop
        // fills, liquidations (20x, re-entering) and funding in every table, and a string column in the runs table.
        string example = SharedFolder.InRepository("strategies", "examples", "ma-cross-trailing-stop.json");
        var spec = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(example))!;
        string sample = SharedFolder.InRepository("data", "sample");
        spec["data"] = JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["prices"] = Path.Combine(sample, "prices.parquet"),
            ["mark"] = Path.Combine(sample, "mark.parquet"),
            ["funding"] = Path.Combine(sample, "funding.parquet"),
        });
        spec["instrument"] = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["tiers"] = SharedFolder.InRepository("data", "tiers", "binance-BTCUSDT.json"),
            ["marginMode"] = "isolated",
            ["takerFeeRate"] = 0.0005,
        });
        spec["sweep"] = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["leverage"] = new[] { 3, 20 },
            ["stop.distance"] = new[] { 0.01, 0.05 },
            ["signal.kind"] = new[] { "ema", "sma" },
        });
        string specPath = Path.Combine(_root, "spec", "small-ma-cross.json");
        Directory.CreateDirectory(Path.GetDirectoryName(specPath)!);
        File.WriteAllText(specPath, JsonSerializer.Serialize(spec));
        string written = Path.Combine(_root, "written");
        Experiment.Load(specPath).Run(written, threads: 2);
        var read = ExperimentResults.Open(written);

        string empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        string? previousTemporary = Environment.GetEnvironmentVariable("TMPDIR");
        string previousDirectory = Environment.CurrentDirectory;
        ExperimentResults inMemory;

        // Every entry created below the folder, even one deleted again (the old implementation wrote a temporary results
        // folder and deleted it): inotify reports creations in order, so once the sentinel written afterwards is seen,
        // so is anything the run created.
        var created = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var watcher = new FileSystemWatcher(empty) { IncludeSubdirectories = true };
        watcher.Created += (_, e) => created.Enqueue(e.FullPath);
        watcher.EnableRaisingEvents = true;
        try
        {
            Environment.SetEnvironmentVariable("TMPDIR", empty);
            Environment.CurrentDirectory = empty;
            Assert.Equal(empty, Path.GetFullPath(Path.GetTempPath()).TrimEnd('/'));
            inMemory = Experiment.Load(specPath).Run(threads: 2);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", previousTemporary);
            Environment.CurrentDirectory = previousDirectory;
        }

        string sentinel = Path.Combine(empty, "sentinel");
        File.WriteAllText(sentinel, "written by the test after the run");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!created.Contains(sentinel) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal([sentinel], created.ToArray());
        File.Delete(sentinel);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty, "*", SearchOption.AllDirectories));
        Assert.Equal(
            new[] { written, Path.GetDirectoryName(specPath)!, empty }.Order(StringComparer.Ordinal),
            Directory.GetDirectories(_root).Order(StringComparer.Ordinal));
        Assert.Null(inMemory.Folder);

        Assert.Equal(8, inMemory.Runs.Rows.Count);
        Assert.Equal(typeof(string), inMemory.Runs.Columns["signal.kind"].DataType);
        Assert.True(inMemory.Trades.Rows.Count > 0 && inMemory.Stops.Rows.Count > 0 && inMemory.Liquidations.Rows.Count > 0 && inMemory.FundingPayments.Rows.Count > 0,
            $"every table has rows: {inMemory}");
        ResultsAssert.Equal(read, inMemory);
    }
}

/// <summary>Tests that change the process's environment variables or current folder: run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
