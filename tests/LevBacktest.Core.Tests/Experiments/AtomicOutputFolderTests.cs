using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class AtomicOutputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-atomic").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Commit_publishes_the_folder_and_leaves_no_temporary_sibling()
    {
        string target = Path.Combine(_root, "out");
        using (var folder = AtomicOutputFolder.Create(target))
        {
            File.WriteAllText(folder.PathOf("a.txt"), "new");
            Assert.False(Directory.Exists(target));
            folder.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal([target], Directory.GetDirectories(_root));
    }

    [Fact]
    public void Existing_folder_is_replaced_whole_only_at_commit()
    {
        string target = Path.Combine(_root, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old-only.txt"), "old");
        using (var folder = AtomicOutputFolder.Create(target))
        {
            File.WriteAllText(folder.PathOf("a.txt"), "new");
            Assert.True(File.Exists(Path.Combine(target, "old-only.txt")));
            folder.Commit();
        }

        Assert.Equal(["a.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetDirectories(_root));
    }

    [Fact]
    public void Dispose_without_commit_leaves_nothing_and_late_writes_by_path_fail()
    {
        string target = Path.Combine(_root, "late");
        string working;
        using (var folder = AtomicOutputFolder.Create(target))
        {
            working = folder.WorkingPath;
            File.WriteAllText(folder.PathOf("summary.json"), "{}");
        }

        // A step abandoned on Ctrl-C that writes by path after the clean-up finds no folder to write into.
        Assert.Throws<DirectoryNotFoundException>(() => File.WriteAllText(Path.Combine(working, "heatmap.png"), "late"));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Dispose_without_commit_deletes_the_work_and_keeps_the_old_folder()
    {
        string target = Path.Combine(_root, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");
        using (var folder = AtomicOutputFolder.Create(target))
        {
            File.WriteAllText(folder.PathOf("partial.txt"), "half");
        }

        Assert.Equal(["old.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetDirectories(_root));
    }

    [Fact]
    public void A_file_in_the_way_is_an_error()
    {
        string target = Path.Combine(_root, "file");
        File.WriteAllText(target, "x");
        Assert.Throws<IOException>(() => AtomicOutputFolder.Create(target));
    }
}
