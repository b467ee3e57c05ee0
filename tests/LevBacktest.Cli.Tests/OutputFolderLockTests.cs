using System.Diagnostics;
using System.Globalization;

using LevBacktest.Core.Experiments.Results;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// The output folder of <c>levbt run</c> is locked while it is written (a second writer is refused, a dead writer's lock
/// is taken over) and the hidden folders killed writers left beside it are removed — only those of processes that are gone.
/// </summary>
public sealed class OutputFolderLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-lock").FullName;

    public OutputFolderLockTests()
    {
        WriteCsvMarket(_folder, bars: 300);
        WriteSpec(_folder, CsvSpec());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_second_writer_of_the_same_folder_is_refused_while_the_first_holds_it()
    {
        string target = Path.Combine(_folder, "out");
        LevbtResult refused;
        using (ResultsFolderLock.Acquire(target))
        {
            // This test process is the live holder; the child levbt is the second writer.
            refused = Levbt(_folder, "run", "spec.json", "--out", target, "--no-charts");
        }

        Assert.Equal(2, refused.ExitCode);
        string error = Assert.Single(refused.ErrorLines, l => l.StartsWith("levbt: error:", StringComparison.Ordinal));
        Assert.StartsWith($"levbt: error: {target} is being written by another process (pid {Environment.ProcessId}, since ", error, StringComparison.Ordinal);
        Assert.Contains($"lock file {Path.Combine(_folder, ".out.lock")}", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.DoesNotContain("levbt: running", refused.Error, StringComparison.Ordinal);

        // Released: the same command now succeeds and leaves no lock file behind.
        var after = Levbt(_folder, "run", "spec.json", "--out", target, "--no-charts");
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.False(File.Exists(Path.Combine(_folder, ".out.lock")));
    }

    [Fact]
    public void Two_concurrent_runs_into_one_folder_one_is_refused()
    {
        string target = Path.Combine(_folder, "both");
        string spec = WriteSpec(_folder, RunCommandTests.EndlessSweepSpec(), "long.json");
        using var first = Start(_folder, "run", spec, "--out", target, "--no-charts");
        try
        {
            string? line;
            do
            {
                line = first.StandardError.ReadLine();
            }
            while (line is not null && !line.Contains("levbt: progress", StringComparison.Ordinal));
            Assert.NotNull(line);
            var second = Levbt(_folder, "run", "spec.json", "--out", target, "--no-charts");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains($"is being written by another process (pid {first.Id}, since ", second.Error, StringComparison.Ordinal);
        }
        finally
        {
            Signal(first, 15);
            Finish(first);
        }

        Assert.False(Directory.Exists(target));
        Assert.False(File.Exists(Path.Combine(_folder, ".both.lock")));
    }

    [Fact]
    public void A_lock_left_by_a_process_that_is_gone_is_taken_over()
    {
        int dead = DeadProcessId();
        string lockFile = Path.Combine(_folder, ".out.lock");
        File.WriteAllText(lockFile, $"levbt results folder lock\npid {dead}\nstart linux:1\nsince 2026-01-01T00:00:00Z\n");
        var result = Levbt(_folder, "run", "spec.json", "--out", "out", "--no-charts");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"levbt: took over the lock of out left by process {dead}, which is no longer running.", result.ErrorLines);
        Assert.False(File.Exists(lockFile));
    }

    [Fact]
    public void A_lock_whose_process_id_was_reused_by_another_process_is_stale()
    {
        // Our own id, but another start time: the id now belongs to a different process than the lock's owner.
        string target = Path.Combine(_folder, "reused");
        File.WriteAllText(ResultsFolderLock.LockPathOf(target), $"levbt results folder lock\npid {Environment.ProcessId}\nstart linux:1\n");
        using var folderLock = ResultsFolderLock.Acquire(target);
        Assert.Equal(Environment.ProcessId, folderLock.StaleOwnerProcessId);
        Assert.Throws<ResultsFolderLockedException>(() => ResultsFolderLock.Acquire(target));
    }

    [Fact]
    public void Unfinished_folders_of_dead_processes_are_removed_and_named_but_not_a_live_ones()
    {
        int dead = DeadProcessId();
        string abandoned = Path.Combine(_folder, $".out.tmp-{dead}-{Guid.NewGuid():N}");
        string oldCopy = Path.Combine(_folder, $".other.old-{dead}-{Guid.NewGuid():N}");
        string live = Path.Combine(_folder, $".out.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string unrelated = Path.Combine(_folder, ".out.tmp-notapid");
        foreach (string folder in new[] { abandoned, oldCopy, live, unrelated })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "equity.parquet"), new byte[1_500_000]);
        }

        var result = Levbt(_folder, "run", "spec.json", "--out", "out", "--no-charts");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(Directory.Exists(abandoned));
        Assert.False(Directory.Exists(oldCopy));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(unrelated));
        Assert.Contains($"levbt: removed {Path.GetFileName(abandoned)} (1.5 MB), left unfinished by process {dead}, which is no longer running.", result.ErrorLines);
        Assert.Contains($"levbt: removed {Path.GetFileName(oldCopy)} (1.5 MB), left unfinished by process {dead}, which is no longer running.", result.ErrorLines);
    }

    /// <summary>The id of a process that has just exited (ids are reused only after the whole range wraps).</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        int id = process.Id;
        Assert.False(Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{id}")));
        return id;
    }
}
