// Compiled into every test project (see Directory.Build.props): one place that finds ../shared and decides
// whether a test that needs it runs, skips with a message that names what is missing, or fails.
using Xunit;

namespace LevBacktest.TestSupport;

/// <summary>
/// Locates the repository root (the folder holding LevBacktest.sln) and the shared folder beside it
/// (<c>&lt;root&gt;/../shared</c>): real Binance data under <c>data/</c>, the Parquet conformance corpus under
/// <c>parquet-testing/</c>. A user's clone has no shared folder, so tests that need it use
/// <see cref="SharedDataFactAttribute"/>, <see cref="SharedDataTheoryAttribute"/>,
/// <see cref="ParquetCorpusFactAttribute"/> or <see cref="ParquetCorpusTheoryAttribute"/> and are skipped there.
/// Setting the environment variable <c>LEVBT_REQUIRE_SHARED=1</c> (as <c>.ci/run</c> does) turns those skips
/// into failures, so CI cannot pass by silently skipping them. <c>LEVBT_SHARED=/path/to/shared</c> points
/// at a shared folder elsewhere.
/// </summary>
internal static class SharedFolder
{
    /// <summary>Text every skip message starts with; <c>.ci/run</c> searches the test output for it.</summary>
    public const string SkipMarker = "needs ../shared:";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>Absolute path of the repository root.</summary>
    /// <exception cref="InvalidOperationException">No LevBacktest.sln above the test binaries.</exception>
    public static string RepositoryRoot => Root.Value;

    /// <summary>
    /// Absolute path of the shared folder: <c>LEVBT_SHARED</c> when set (for a checkout, such as a git worktree,
    /// that does not sit beside it), else <c>../shared</c> beside the repository. It may not exist.
    /// </summary>
    public static string Folder =>
        Path.GetFullPath(Environment.GetEnvironmentVariable("LEVBT_SHARED") is { Length: > 0 } set ? set : Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Absolute path of <c>../shared/data</c> (it may not exist).</summary>
    public static string DataFolder => Path.Combine(Folder, "data");

    /// <summary>Absolute path of <c>../shared/parquet-testing</c> (it may not exist).</summary>
    public static string CorpusFolder => Path.Combine(Folder, "parquet-testing");

    /// <summary>True when <c>../shared/data</c> holds the Binance and funding-venue folders the tests read.</summary>
    public static bool DataPresent =>
        Directory.Exists(Path.Combine(DataFolder, "binance-um")) && Directory.Exists(Path.Combine(DataFolder, "funding-venues"));

    /// <summary>True when the Parquet corpus (<c>../shared/parquet-testing/data</c>) is present.</summary>
    public static bool CorpusPresent => Directory.Exists(Path.Combine(CorpusFolder, "data"));

    /// <summary>True when <c>LEVBT_REQUIRE_SHARED=1</c>: tests needing ../shared then run (and fail) instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("LEVBT_REQUIRE_SHARED") == "1";

    /// <summary>Skip message of a test that needs the real market data.</summary>
    public static string DataMissingMessage =>
        $"{SkipMarker} the real Binance data (binance-um/, funding-venues/) of ../shared/data is not at {DataFolder}; see README \"Tests\"";

    /// <summary>Skip message of a test that needs the Parquet conformance corpus.</summary>
    public static string CorpusMissingMessage =>
        $"{SkipMarker} the Parquet conformance corpus ../shared/parquet-testing is not at {CorpusFolder}; see README \"Tests\"";

    /// <summary>Absolute path of a file under <c>../shared/data</c>, e.g. <c>Data("binance-um", "BTCUSDT-1h.parquet")</c>.</summary>
    public static string Data(params string[] parts) => Path.Combine([DataFolder, .. parts]);

    /// <summary>Absolute path of a file under <c>../shared/parquet-testing</c>, e.g. <c>Corpus("data/alltypes_plain.parquet")</c>.</summary>
    public static string Corpus(string relative) => Path.Combine(CorpusFolder, relative);

    /// <summary>Absolute path of a file of the repository, e.g. <c>InRepository("tests", "fixtures", "x.csv")</c>.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    /// <summary>The skip reason for a test needing a shared part, or null when it must run.</summary>
    internal static string? SkipReason(bool present, string message) => present || Required ? null : message;

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that reads the real market data of <c>../shared/data</c>; skipped, saying so, where it is absent.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() => Skip = SharedFolder.SkipReason(SharedFolder.DataPresent, SharedFolder.DataMissingMessage);
}

/// <summary>A theory that reads the real market data of <c>../shared/data</c>; skipped, saying so, where it is absent.</summary>
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute() => Skip = SharedFolder.SkipReason(SharedFolder.DataPresent, SharedFolder.DataMissingMessage);
}

/// <summary>A fact that reads the Parquet corpus of <c>../shared/parquet-testing</c>; skipped, saying so, where it is absent.</summary>
internal sealed class ParquetCorpusFactAttribute : FactAttribute
{
    public ParquetCorpusFactAttribute() => Skip = SharedFolder.SkipReason(SharedFolder.CorpusPresent, SharedFolder.CorpusMissingMessage);
}

/// <summary>A theory that reads the Parquet corpus of <c>../shared/parquet-testing</c>; skipped, saying so, where it is absent.</summary>
internal sealed class ParquetCorpusTheoryAttribute : TheoryAttribute
{
    public ParquetCorpusTheoryAttribute() => Skip = SharedFolder.SkipReason(SharedFolder.CorpusPresent, SharedFolder.CorpusMissingMessage);
}
