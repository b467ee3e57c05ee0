using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Runs the levbt command lines of each example under deploy/ the way its batch engine would — every task index in
/// turn, with the engine's own environment variable set — then the example's merge, and checks the merged folder is
/// the unsharded run's byte for byte (summary.json apart from sweep.mergedFrom). The command lines are read from the
/// example files themselves, so an edit that breaks an example breaks this test.
/// </summary>
public sealed partial class DeployExamplesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-deploy").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Kubernetes_indexed_job_shards_merge_into_the_unsharded_folder()
    {
        string sweep = File.ReadAllText(Deploy("kubernetes", "levbt-sweep.yaml"));
        string merge = File.ReadAllText(Deploy("kubernetes", "levbt-merge.yaml"));
        int completions = int.Parse(Completions().Match(sweep).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string shardCommand = ArgsLine(sweep);
        for (int index = 0; index < completions; index++)
        {
            Bash(shardCommand, ("JOB_COMPLETION_INDEX", index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Bash(ArgsLine(merge));
        AssertMergedEqualsUnsharded(completions);
    }

    [Fact]
    public void Slurm_array_tasks_then_the_dependent_merge_give_the_unsharded_folder()
    {
        string sweep = Deploy("slurm", "levbt-sweep.sbatch");
        var array = SlurmArray().Match(File.ReadAllText(sweep));
        int first = int.Parse(array.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int last = int.Parse(array.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        for (int task = first; task <= last; task++)
        {
            // What sbatch sets in each array task; the #SBATCH lines are comments to bash.
            Bash($"bash {Quote(sweep)}",
                ("SLURM_ARRAY_TASK_ID", task.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("SLURM_ARRAY_TASK_MIN", first.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("SLURM_CPUS_PER_TASK", "1"));
        }

        Bash($"bash {Quote(Deploy("slurm", "levbt-merge.sbatch"))}");
        AssertMergedEqualsUnsharded(last - first + 1);
    }

    [Fact]
    public void GitHub_actions_matrix_jobs_then_the_merge_job_give_the_unsharded_folder()
    {
        string workflow = File.ReadAllText(Deploy("github-actions", "levbt-sweep.yml"));
        var runLines = RunLines().Matches(workflow).Select(m => m.Groups[1].Value.Trim()).Where(l => l.StartsWith("levbt ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runLines.Count);
        var shards = MatrixShards().Match(workflow).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        for (int job = 0; job < shards.Length; job++)
        {
            // strategy.job-index of matrix job k is k; the artifact upload/download keeps results/shard-k as it is.
            Bash(runLines[0], ("LEVBT_SHARD_INDEX", job.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Bash(runLines[1]);
        AssertMergedEqualsUnsharded(shards.Length);
    }

    private static string Deploy(params string[] parts) => Path.Combine([RepositoryRoot, "deploy", .. parts]);

    /// <summary>The one-line <c>args</c> entry of a Job's container, run by <c>bash -c</c> in the pod.</summary>
    private static string ArgsLine(string yaml) => ArgsEntry().Match(yaml).Groups[1].Value.Trim();

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The example spec every test sweeps: 10 runs on the bundled sample, so 4 shards hold 2, 3, 2 and 3 runs.</summary>
    private static string Spec => Example("constant-leverage-decay");

    /// <summary>
    /// Runs a command line with bash as the engine would, with SPEC and RESULTS pointing into this test's folder (the
    /// shared volume's mount), `levbt` on PATH and the engine's variables set.
    /// </summary>
    private void Bash(string commandLine, params (string Name, string Value)[] environment)
    {
        string bin = Path.Combine(_folder, "bin");
        Directory.CreateDirectory(bin);
        string levbt = Path.Combine(bin, "levbt");
        if (!File.Exists(levbt) && !OperatingSystem.IsWindows()) // the examples are bash for Linux nodes
        {
            File.WriteAllText(levbt, $"#!/bin/sh\nexec dotnet {Quote(LevbtDll)} \"$@\"\n");
            File.SetUnixFileMode(levbt, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["SPEC"] = Spec;
        start.Environment["RESULTS"] = Path.Combine(_folder, "results");
        foreach (string variable in new[] { "LEVBT_SHARD_INDEX", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{commandLine} did not finish");
        Assert.True(process.ExitCode == 0, $"{commandLine} exited {process.ExitCode}: {error}{output.Result}");
    }

    private void AssertMergedEqualsUnsharded(int shardCount)
    {
        string results = Path.Combine(_folder, "results");
        Assert.Equal(
            Enumerable.Range(0, shardCount).Select(i => $"shard-{i}").Append("merged"),
            Directory.GetDirectories(results).Select(Path.GetFileName).Order(StringComparer.Ordinal).OrderBy(n => n == "merged"));
        string whole = Path.Combine(_folder, "whole");
        var run = Levbt(_folder, "run", Spec, "--out", whole);
        Assert.True(run.ExitCode == 0, run.Error);
        string merged = Path.Combine(results, "merged");
        Assert.Equal(Directory.GetFiles(whole).Select(Path.GetFileName).Order(StringComparer.Ordinal), Directory.GetFiles(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string file in Directory.GetFiles(whole).Select(f => Path.GetFileName(f)!).Where(f => f != "summary.json"))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
        }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")))!;
        Assert.Equal(shardCount, summary["sweep"]!["mergedFrom"]!.AsArray().Count);
        summary["sweep"]!.AsObject().Remove("mergedFrom");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(whole, "summary.json"))), summary), "summary.json differs beyond sweep.mergedFrom");
    }

    [GeneratedRegex(@"^\s*completions:\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Completions();

    [GeneratedRegex(@"^\s*args:\s*\n\s*-\s*(levbt .+)$", RegexOptions.Multiline)]
    private static partial Regex ArgsEntry();

    [GeneratedRegex(@"^#SBATCH --array=(\d+)-(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SlurmArray();

    [GeneratedRegex(@"^\s*run:\s*(levbt .+)$", RegexOptions.Multiline)]
    private static partial Regex RunLines();

    [GeneratedRegex(@"^\s*shard:\s*\[([^\]]+)\]\s*$", RegexOptions.Multiline)]
    private static partial Regex MatrixShards();
}
