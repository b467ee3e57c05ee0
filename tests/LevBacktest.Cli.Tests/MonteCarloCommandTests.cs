using System.Text.Json.Nodes;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// End to end: <c>levbt montecarlo</c> on the buy-and-hold example (21 leverages) and data/sample, run whole on one and
/// on two threads and as three shards merged by <c>levbt merge</c>: every output byte-identical.
/// </summary>
public sealed class MonteCarloCommandTests : IDisposable
{
    private static readonly string[] Small = ["--paths", "23", "--horizon", "20d", "--block", "2d", "--seed", "7"];

    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-montecarlo").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LevbtResult MonteCarlo(params string[] extra)
        => Levbt(_folder, ["montecarlo", Example("buy-and-hold-leverage"), .. Small, .. extra]);

    private static void AssertSucceeded(LevbtResult result)
        => Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stderr: {result.Error}");

    [Fact]
    public void Same_seed_gives_byte_identical_folders_whatever_the_threads_and_shard_split()
    {
        var one = MonteCarlo("--threads", "1", "--out", "one");
        AssertSucceeded(one);
        AssertSucceeded(MonteCarlo("--threads", "2", "--out", "two"));
        for (int i = 0; i < 3; i++)
        {
            AssertSucceeded(MonteCarlo("--shard", $"{i}/3", "--out", $"shard{i}"));
        }

        var merge = Levbt(_folder, "merge", "shard2", "shard0", "shard1", "--out", "merged");
        AssertSucceeded(merge);
        Assert.Contains("merged 23 Monte Carlo paths from 3 folders", merge.Error, StringComparison.Ordinal);

        string[] files = ["summary.json", "montecarlo.parquet", "montecarlo-liquidation.png", "montecarlo-equity.png", "montecarlo-time-to-liquidation.png"];
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(_folder, "one")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string other in new[] { "two", "merged" })
        {
            foreach (string file in files)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(_folder, "one", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, other, file))),
                    $"{other}/{file} differs from the single-threaded run's");
            }
        }

        // The printed table: one row per leverage with P(liquidation) and its interval, and the summary agrees with it.
        Assert.Contains("P(liquidation)", one.Output, StringComparison.Ordinal);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "one", "summary.json")))!;
        Assert.Equal("levbt-montecarlo/1", (string?)summary["format"]);
        var runs = summary["runs"]!.AsArray();
        Assert.Equal(21, runs.Count);
        var top = runs[20]!["monteCarlo"]!;
        Assert.Equal(23, (int)top["paths"]!);
        double p = (double)top["liquidationProbability"]!;
        Assert.Equal((int)top["liquidatedPaths"]! / 23.0, p, 12);
        var interval = top["liquidationProbabilityInterval95"]!.AsArray();
        Assert.InRange(p, (double)interval[0]!, (double)interval[1]!);

        // A shard alone is a smaller Monte Carlo run of its own paths.
        var shard = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "shard1", "summary.json")))!;
        Assert.Equal(7, (int)shard["shard"]!["firstPath"]!);
        Assert.False((bool)shard["shard"]!["complete"]!);
    }

    [Fact]
    public void A_missing_shard_and_bad_options_are_one_line_errors()
    {
        AssertSucceeded(MonteCarlo("--shard", "0/2", "--out", "s0"));
        var merge = Levbt(_folder, "merge", "s0", "--out", "merged");
        Assert.Equal(2, merge.ExitCode);
        Assert.Equal("levbt: error: paths 11..22 of 23 are in none of the folders.", Assert.Single(merge.ErrorLines));
        Assert.False(Directory.Exists(Path.Combine(_folder, "merged")));

        var horizon = Levbt(_folder, "montecarlo", Example("buy-and-hold-leverage"), "--horizon", "3x");
        Assert.Equal(2, horizon.ExitCode);
        Assert.Contains("levbt: error: --horizon '3x' is not a duration", horizon.Error, StringComparison.Ordinal);
    }
}
