using System.Text.Json;
using System.Text.Json.Nodes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Margin;
using LevBacktest.Parquet;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>
/// Shards of the fixture sweep (12 runs with trades, stops, liquidations, funding and metrics that do not
/// apply), each written by the results writer, merged back and compared with the unsharded folder.
/// </summary>
public sealed class ResultsMergerTests : IDisposable
{
    private static readonly LeverageBracketSchedule Brackets = LeverageBracketSchedule.FlatRate(0.004, 125);

    private readonly string _root = Directory.CreateTempSubdirectory("levbt-merge").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Path_(string name) => Path.Combine(_root, name);

    /// <summary>Runs one shard of <paramref name="plan"/> and writes its folder as levbt run does.</summary>
    private string WriteShard(string name, SweepShard shard, ExperimentPlan? plan = null, ResultsProvenance? provenance = null)
    {
        var outcome = ExperimentRunner.Run(
            plan ?? ResultsFixture.Outcome.Plan,
            ResultsFixture.Outcome.Data,
            Brackets,
            new ExperimentRunOptions { Shard = shard, MaxDegreeOfParallelism = 2 },
            CancellationToken.None);
        return ExperimentResultsWriter.Publish(Path_(name), outcome, provenance ?? ResultsFixture.Provenance, null, CancellationToken.None);
    }

    private string WriteUnsharded()
        => ExperimentResultsWriter.Publish(Path_("whole"), ResultsFixture.Outcome, ResultsFixture.Provenance, null, CancellationToken.None);

    private string[] WriteThirds() =>
        [WriteShard("s0", new SweepShard(0, 3)), WriteShard("s1", new SweepShard(1, 3)), WriteShard("s2", new SweepShard(2, 3))];

    /// <summary>The summary text without the lines of <c>sweep.mergedFrom</c>.</summary>
    private static string WithoutMergedFrom(string text)
    {
        var lines = text.Split('\n').ToList();
        int start = lines.FindIndex(l => l.TrimStart().StartsWith("\"mergedFrom\": [", StringComparison.Ordinal));
        Assert.True(start > 0, "summary.json has no sweep.mergedFrom");
        string indent = lines[start][..(lines[start].Length - lines[start].TrimStart().Length)];
        int end = lines.FindIndex(start, l => l == indent + "],");
        lines.RemoveRange(start, end - start + 1);
        return string.Join('\n', lines);
    }

    private static void AssertSameAsUnsharded(string whole, string merged)
    {
        foreach (string file in ExperimentResultsWriter.DataFileNames.Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))),
                $"{file} of the merged folder differs from the unsharded run's");
        }

        Assert.Equal(File.ReadAllText(Path.Combine(whole, "summary.json")), WithoutMergedFrom(File.ReadAllText(Path.Combine(merged, "summary.json"))));
    }

    [Fact]
    public void Three_shards_merge_into_the_unsharded_folder_byte_for_byte()
    {
        string whole = WriteUnsharded();
        var thirds = WriteThirds();

        // Given in any order.
        var merged = ResultsMerger.Merge([thirds[2], thirds[0], thirds[1]], Path_("merged"));

        Assert.Equal(Path_("merged"), merged.FolderPath);
        Assert.Equal(12, merged.RunCount);
        Assert.Equal([(0, 4), (4, 8), (8, 12)], merged.Shards.Select(s => (s.FirstRunIndex, s.EndRunIndex)));
        Assert.Equal(ExperimentResultsWriter.DataFileNames.Order(StringComparer.Ordinal), Directory.GetFiles(merged.FolderPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertSameAsUnsharded(whole, merged.FolderPath);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged.FolderPath, "summary.json")));
        var sweep = summary.RootElement.GetProperty("sweep");
        Assert.Equal("{\"index\":0,\"count\":1,\"firstRunIndex\":0,\"endRunIndex\":12}", JsonSerializer.Serialize(sweep.GetProperty("shard")));
        Assert.Equal(thirds, sweep.GetProperty("mergedFrom").EnumerateArray().Select(s => s.GetProperty("path").GetString()));
        Assert.Equal(["1/3", "2/3"], sweep.GetProperty("mergedFrom").EnumerateArray().Skip(1).Select(s => $"{s.GetProperty("index")}/{s.GetProperty("count")}"));
    }

    [Fact]
    public void Every_shard_has_the_same_schema_although_their_values_differ_in_which_metrics_are_missing()
    {
        // Optionality is the column's definition, not the data's: shards whose metrics differ in which ones are
        // null (the point of the old rule) still have one schema, so a streamed table can be opened before any run.
        var thirds = WriteThirds();
        var schemas = thirds.Select(folder =>
        {
            using var reader = ParquetFileReader.Open(Path.Combine(folder, "runs.parquet"));
            return string.Join(",", reader.Schema.Columns.Select(c => $"{c.Name}:{c.IsOptional}"));
        }).ToArray();
        var withNulls = thirds.Select(folder =>
        {
            using var reader = ParquetFileReader.Open(Path.Combine(folder, "runs.parquet"));
            return reader.Schema.Columns.Where(c => reader.ReadColumn(c.Name).HasNulls).Select(c => c.Name).ToHashSet();
        }).ToArray();
        Assert.False(withNulls[0].SetEquals(withNulls[2]), "every shard has nulls in the same columns; the test would not exercise the rule");
        Assert.All(schemas, schema => Assert.Equal(schemas[0], schema));
    }

    [Fact]
    public void Shards_of_different_counts_and_an_empty_shard_merge_too()
    {
        string whole = WriteUnsharded();
        string firstHalf = WriteShard("half0", new SweepShard(0, 2));      // runs 0..5
        string third = WriteShard("quarter2", new SweepShard(2, 4));       // runs 6..8
        string fourth = WriteShard("quarter3", new SweepShard(3, 4));      // runs 9..11
        string empty = WriteShard("empty", new SweepShard(0, 20));         // 12 runs in 20 slices: slice 0 is empty

        var merged = ResultsMerger.Merge([fourth, empty, firstHalf, third], Path_("merged"));

        AssertSameAsUnsharded(whole, merged.FolderPath);
        Assert.Equal([0, 6, 9], merged.Shards.Where(s => s.RunCount > 0).Select(s => s.FirstRunIndex));
    }

    [Fact]
    public void Overlapping_shards_are_refused_naming_both_folders_and_the_runs()
    {
        var thirds = WriteThirds();
        string half = WriteShard("half1", new SweepShard(1, 2)); // runs 6..11, overlapping s1 (4..7) and s2 (8..11)

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], thirds[1], half, thirds[2]], Path_("merged")));

        Assert.Contains($"runs 6..7 are in both {thirds[1]} (shard 1/3, runs 4..7) and {half} (shard 1/2, runs 6..11)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"runs 8..11 are in both {half} (shard 1/2, runs 6..11) and {thirds[2]} (shard 2/3, runs 8..11)", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path_("merged")));
    }

    [Fact]
    public void A_missing_shard_is_refused_naming_the_gap_its_neighbours_and_the_shard_to_run()
    {
        var thirds = WriteThirds();

        var middle = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], thirds[2]], Path_("merged")));
        Assert.Contains($"runs 4..7 are in no folder (between {thirds[0]}, shard 0/3, runs 0..3, and {thirds[2]}, shard 2/3, runs 8..11); run --shard 1/3", middle.Message, StringComparison.Ordinal);

        var end = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], thirds[1]], Path_("merged")));
        Assert.Contains($"runs 8..11 are in no folder (after {thirds[1]}, shard 1/3, runs 4..7); run --shard 2/3", end.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path_("merged")));
    }

    [Fact]
    public void Shards_of_a_different_spec_are_refused_naming_where_the_specs_differ()
    {
        var thirds = WriteThirds();
        // The same sweep (12 runs, same axes) with another slow moving average.
        var spec = ExperimentSpecReader.Parse(
            ResultsFixture.Outcome.Plan.Spec.Document.GetRawText().Replace("\"slow\":48", "\"slow\":50", StringComparison.Ordinal),
            SpecFixtures.BaseDirectory);
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        Assert.Equal(12, plan.RunCount);
        string other = WriteShard("other1", new SweepShard(1, 3), plan);

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], other, thirds[2]], Path_("merged")));

        Assert.Equal($"{thirds[0]} and {other} are not shards of the same spec: their specs differ at $.strategy.signal.parameters.slow. Run every shard from one spec.", error.Message);
    }

    [Fact]
    public void Shards_run_on_different_data_are_refused_naming_both_files_and_fingerprints()
    {
        var thirds = WriteThirds();
        var loaded = ResultsFixture.Provenance.LoadedData;
        var file = loaded.Files[0];
        var changed = ResultsFixture.Provenance with
        {
            LoadedData = new LoadedMarketData(loaded.Data, loaded.Report, [file with { Sha256 = new string('b', 64) }]),
        };
        string other = WriteShard("other2", new SweepShard(2, 3), provenance: changed);

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], thirds[1], other], Path_("merged")));

        Assert.Equal(
            $"{thirds[0]} and {other} ran on different data: the prices file {file.Path} (SHA-256 {file.Sha256}, 1500 rows) and {file.Path} (SHA-256 {new string('b', 64)}, 1500 rows) differ. Run every shard on the same files.",
            error.Message);
    }

    [Fact]
    public void Shards_that_keep_different_equity_curves_are_refused()
    {
        var thirds = WriteThirds();
        var outcome = ExperimentRunner.Run(ResultsFixture.Outcome.Plan, ResultsFixture.Outcome.Data, Brackets, new ExperimentRunOptions { Shard = new SweepShard(2, 3) }, CancellationToken.None);
        var storage = EquityStorage.Downsampled(10);
        var kept = new ExperimentOutcome(outcome.Plan, outcome.Data, outcome.Shard, outcome.Runs.Select(storage.Keep).ToList(), storage);
        string other = ExperimentResultsWriter.Publish(Path_("downsampled2"), kept, ResultsFixture.Provenance, null, CancellationToken.None);

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], thirds[1], other], Path_("merged")));

        Assert.Equal($"{thirds[0]} and {other} keep different equity curves (full and downsampled:10); rerun the shards with one --equity choice.", error.Message);
    }

    [Fact]
    public void Downsampled_shards_merge_into_the_unsharded_downsampled_folder_byte_for_byte()
    {
        var storage = EquityStorage.Downsampled(10);
        string Write(string name, SweepShard shard)
        {
            var outcome = ExperimentRunner.Run(ResultsFixture.Outcome.Plan, ResultsFixture.Outcome.Data, Brackets, new ExperimentRunOptions { Shard = shard, MaxDegreeOfParallelism = 2 }, CancellationToken.None);
            var kept = new ExperimentOutcome(outcome.Plan, outcome.Data, outcome.Shard, outcome.Runs.Select(storage.Keep).ToList(), storage);
            return ExperimentResultsWriter.Publish(Path_(name), kept, ResultsFixture.Provenance, null, CancellationToken.None);
        }

        string whole = Write("whole-downsampled", SweepShard.All);
        string merged = ResultsMerger.Merge([Write("d1", new SweepShard(1, 2)), Write("d0", new SweepShard(0, 2))], Path_("merged")).FolderPath;

        AssertSameAsUnsharded(whole, merged);
        // 1500 bars in 10 buckets: 10 to 23 rows a run plus its liquidation bars, instead of 1500.
        using var equity = LevBacktest.Parquet.ParquetFileReader.Open(Path.Combine(merged, "equity.parquet"));
        long liquidations = ResultsFixture.Outcome.Runs.Sum(r => r.Result.Liquidations.Count);
        Assert.InRange(equity.RowCount, 12 * 10, (12 * 23) + liquidations);
    }

    [Fact]
    public void Runs_kept_in_full_in_a_downsampled_sweep_stay_full_in_every_shard_and_the_merge()
    {
        // Runs 1 and 7 (one in each half) keep all 1500 bars; the other ten are cut to at most 23 + liquidation rows.
        var storage = EquityStorage.Downsampled(10).WithFullRuns([7, 1, 7]);
        Assert.Equal([1, 7], storage.FullRuns);
        string Write(string name, SweepShard shard)
        {
            var outcome = ExperimentRunner.Run(ResultsFixture.Outcome.Plan, ResultsFixture.Outcome.Data, Brackets, new ExperimentRunOptions { Shard = shard, MaxDegreeOfParallelism = 2 }, CancellationToken.None);
            var kept = new ExperimentOutcome(outcome.Plan, outcome.Data, outcome.Shard, outcome.Runs.Select(storage.Keep).ToList(), storage);
            return ExperimentResultsWriter.Publish(Path_(name), kept, ResultsFixture.Provenance, null, CancellationToken.None);
        }

        string whole = Write("whole-planned", SweepShard.All);
        string merged = ResultsMerger.Merge([Write("p1", new SweepShard(1, 2)), Write("p0", new SweepShard(0, 2))], Path_("merged")).FolderPath;

        AssertSameAsUnsharded(whole, merged);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")));
        Assert.Equal("{\"kind\":\"downsampled\",\"buckets\":10,\"fullRuns\":[1,7]}", JsonSerializer.Serialize(summary.RootElement.GetProperty("equityStorage")));
        using var equity = LevBacktest.Parquet.ParquetFileReader.Open(Path.Combine(merged, "equity.parquet"));
        var rows = equity.ReadInt32Column("runIndex").GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1500, rows[1]);
        Assert.Equal(1500, rows[7]);
        Assert.All(rows.Where(p => p.Key is not (1 or 7)), p => Assert.InRange(p.Value, 10, 23 + ResultsFixture.Outcome.Runs[p.Key].Result.Liquidations.Count));
        // The full curves are the engine's, bar for bar.
        var equityValues = equity.ReadDoubleColumn("equity");
        int start = rows.Where(p => p.Key < 7).Sum(p => p.Value);
        Assert.Equal(ResultsFixture.Outcome.Runs[7].Result.EquityCurve.Equity, equityValues.AsSpan(start, 1500).ToArray());
    }

    [Fact]
    public void Shards_run_on_another_window_of_the_same_files_are_refused()
    {
        // As if shard 1 had been run with --from one bar later: same files, fewer bars. Only summary.json is read for this check.
        var thirds = WriteThirds();
        string summary = Path.Combine(thirds[1], "summary.json");
        var node = JsonNode.Parse(File.ReadAllText(summary))!;
        node["data"]!["barCount"] = 1499;
        node["data"]!["firstBarOpenTime"] = "2020-01-01T01:00:00Z";
        File.WriteAllText(summary, node.ToJsonString());

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge(thirds, Path_("merged")));

        Assert.Equal($"{thirds[0]} and {thirds[1]} ran on different data: data.barCount is 1500 and 1499.", error.Message);
    }

    [Fact]
    public void A_folder_that_is_not_a_results_folder_is_named()
    {
        var thirds = WriteThirds();
        string plain = Directory.CreateDirectory(Path_("plain")).FullName;
        File.WriteAllText(Path.Combine(plain, "notes.txt"), "not results");

        var notResults = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], plain, thirds[2]], Path_("merged")));
        Assert.StartsWith($"{plain} is not a results folder: it has no summary.json", notResults.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], Path_("nowhere")], Path_("merged")));
        Assert.Equal($"{Path_("nowhere")} does not exist.", missing.Message);

        File.WriteAllText(Path.Combine(plain, "summary.json"), "{\"format\": \"something-else/2\"}");
        var otherFormat = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([plain], Path_("merged")));
        Assert.Contains("summary.json has format 'something-else/2', expected 'levbt-results/1'", otherFormat.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(thirds[1], "equity.parquet"));
        var incomplete = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge(thirds, Path_("merged")));
        Assert.Equal($"{thirds[1]} is incomplete: equity.parquet is missing (rerun that shard with levbt run).", incomplete.Message);
    }

    [Fact]
    public void A_damaged_table_is_named_and_an_existing_output_folder_is_left_untouched()
    {
        var thirds = WriteThirds();
        string output = Directory.CreateDirectory(Path_("merged")).FullName;
        File.WriteAllText(Path.Combine(output, "keep.txt"), "previous results");
        string trades = Path.Combine(thirds[1], "trades.parquet");
        File.WriteAllBytes(trades, File.ReadAllBytes(trades)[..100]);

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge(thirds, output));

        Assert.StartsWith(trades, error.Message, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Equal([output], Directory.GetDirectories(_root).Where(d => !thirds.Contains(d)));
    }

    [Fact]
    public void The_output_may_not_be_or_hold_a_shard_folder_and_a_folder_may_not_be_given_twice()
    {
        var thirds = WriteThirds();
        Assert.Contains("is one of the shard folders", Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge(thirds, thirds[1])).Message, StringComparison.Ordinal);
        Assert.Equal(
            $"--out {_root} holds the shard folder {thirds[0]}, which replacing it would delete; write the merged folder elsewhere.",
            Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge(thirds, _root)).Message);
        Assert.All(thirds, folder => Assert.True(File.Exists(Path.Combine(folder, "summary.json"))));
        Assert.Equal($"{thirds[0]} is given twice; name each shard folder once.", Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge([thirds[0], thirds[0] + "/", thirds[1], thirds[2]], Path_("merged"))).Message);
    }

    [Fact]
    public void Merging_folders_of_different_tool_versions_is_refused()
    {
        var thirds = WriteThirds();
        string summary = Path.Combine(thirds[2], "summary.json");
        var node = JsonNode.Parse(File.ReadAllText(summary))!;
        node["tool"] = "levbt 9.9.9";
        File.WriteAllText(summary, node.ToJsonString());

        var error = Assert.Throws<ResultsMergeException>(() => ResultsMerger.Merge(thirds, Path_("merged")));

        Assert.Contains("were written by different levbt versions ('levbt test' and 'levbt 9.9.9')", error.Message, StringComparison.Ordinal);
    }
}
