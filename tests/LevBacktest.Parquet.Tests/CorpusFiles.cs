namespace LevBacktest.Parquet.Tests;

/// <summary>Locates the shared Parquet conformance corpus (<c>&lt;repo&gt;/../shared/parquet-testing</c>).</summary>
internal static class CorpusFiles
{
    private static readonly Lazy<string?> CorpusRoot = new(FindCorpus);

    /// <summary>The corpus folder, or null when the shared folder is absent (tests then skip).</summary>
    public static string? Root => CorpusRoot.Value;

    /// <summary>Message used when the corpus is absent.</summary>
    public static string MissingMessage => SharedFolder.CorpusMissingMessage;

    /// <summary>Absolute path of a corpus file given relative to the corpus root, e.g. <c>data/alltypes_plain.parquet</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root ?? throw new InvalidOperationException(MissingMessage), relative);

    /// <summary>The repository root (folder with LevBacktest.sln).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found above the test binaries");
    }

    private static string? FindCorpus()
    {
        return SharedFolder.CorpusPresent ? SharedFolder.CorpusFolder : null;
    }
}
