using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// End to end: the buy-and-hold example (21 leverages, liquidations) on data/sample run as shards 0/3, 1/3, 2/3
/// and merged with the built levbt, against the unsharded run and the example's committed baseline.
/// </summary>
public sealed class MergeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-merge").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertSucceeded(LevbtResult result)
        => Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stderr: {result.Error}");

    private string RunShards()
    {
        string spec = Example("buy-and-hold-leverage");
        for (int i = 0; i < 3; i++)
        {
            AssertSucceeded(Levbt(_folder, "run", spec, "--shard", $"{i}/3", "--out", $"shard{i}", "--no-charts"));
        }

        return spec;
    }

    [Fact]
    public void Merged_shards_equal_the_unsharded_run_with_its_charts_and_pass_the_baseline()
    {
        string spec = RunShards();
        AssertSucceeded(Levbt(_folder, "run", spec, "--out", "whole"));

        var merge = Levbt(_folder, "merge", "shard2", "shard0", "shard1", "--out", "merged");

        AssertSucceeded(merge);
        string merged = Path.Combine(_folder, "merged");
        Assert.Equal($"Results: {merged}\n", merge.Output);
        Assert.Contains("levbt: buy-and-hold-leverage: merged 21 runs from 3 folders (shard 0/3, shard 1/3, shard 2/3)", merge.Error, StringComparison.Ordinal);

        // Every file — the Parquet tables, the charts and both reports — as the unsharded run wrote it; summary.json
        // differs only by sweep.mergedFrom.
        string whole = Path.Combine(_folder, "whole");
        Assert.Equal(Directory.GetFiles(whole).Select(Path.GetFileName).Order(StringComparer.Ordinal), Directory.GetFiles(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("liquidations.png", Directory.GetFiles(merged).Select(Path.GetFileName));
        foreach (string file in Directory.GetFiles(whole).Select(f => Path.GetFileName(f)).Where(f => f != "summary.json"))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
        }

        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")))!;
        Assert.Equal(3, summary["sweep"]!["mergedFrom"]!.AsArray().Count);
        summary["sweep"]!.AsObject().Remove("mergedFrom");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(whole, "summary.json"))), summary));

        string baseline = Path.Combine(RepositoryRoot, "strategies", "examples", "baselines", "buy-and-hold-leverage.json");
        var regress = Levbt(_folder, "regress", "--baseline", baseline, "--results", "merged");
        Assert.True(regress.ExitCode == 0, regress.Output + regress.Error);
        Assert.Contains("OK: every metric of 21 runs holds against the baseline.", regress.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_or_a_folder_that_is_not_results_is_one_error_line_and_exit_2()
    {
        RunShards();
        Directory.CreateDirectory(Path.Combine(_folder, "empty"));

        var gap = Levbt(_folder, "merge", "shard0", "shard2", "--out", "merged", "--no-charts");
        Assert.Equal(2, gap.ExitCode);
        string line = Assert.Single(gap.ErrorLines);
        Assert.Equal(
            $"levbt: error: The folders do not hold each of the sweep's 21 runs exactly once: runs 7..13 are in no folder (between {Path.Combine(_folder, "shard0")}, shard 0/3, runs 0..6, and {Path.Combine(_folder, "shard2")}, shard 2/3, runs 14..20); run --shard 1/3.",
            line);

        var notResults = Levbt(_folder, "merge", "shard0", "shard1", "shard2", "empty", "--out", "merged");
        Assert.Equal(2, notResults.ExitCode);
        Assert.StartsWith($"levbt: error: {Path.Combine(_folder, "empty")} is not a results folder: it has no summary.json", Assert.Single(notResults.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "merged")));

        var noOut = Levbt(_folder, "merge", "shard0");
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out", noOut.Error, StringComparison.Ordinal);
    }
}
