using System.Text.Json;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Regression;

/// <summary>
/// Maps a results folder's <c>summary.json</c> (written by <c>levbt run</c>, format <see cref="FormatName"/>)
/// to a <see cref="RegressionSnapshot"/>: <c>experiment</c> → spec name, <c>tool</c> → tool version,
/// <c>data.files</c> → data fingerprints, <c>plugins</c> (when present) → plugin fingerprints, <c>runs[*].parameters</c> and <c>runs[*].metrics</c> → runs.
/// Metrics written as <c>null</c> (not applicable) read as NaN.
/// </summary>
/// <remarks>
/// <c>data.files</c> lists the files in the order prices, mark, funding (those given). A file's role is
/// taken from its <c>role</c> field when present, else from that order: the first is prices, the next is
/// the mark file when <c>data.hasMarkFile</c> is true, and the remaining one is funding.
/// </remarks>
public static class ResultsSummaryReader
{
    /// <summary>The summary's file name inside a results folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The value of the summary's <c>format</c> field this reader understands.</summary>
    public const string FormatName = "levbt-results/1";

    /// <summary>Reads a summary file.</summary>
    /// <param name="path">The <c>summary.json</c> file.</param>
    /// <returns>The snapshot of its runs.</returns>
    /// <exception cref="RegressionInputException">The file is missing, not JSON, of another format, or a field is missing or of the wrong type (the message names it).</exception>
    public static RegressionSnapshot Read(string path)
    {
        var (document, file) = SnapshotJson.OpenFormatted(
            path,
            "results summary",
            $"Results summary {path} does not exist (is this a results folder written by levbt run?).",
            FormatName,
            "is this a results folder written by levbt run?");
        using var owned = document;
        var root = document.RootElement;

        string experiment = SnapshotJson.String(root, "experiment", file, "$");
        string tool = SnapshotJson.String(root, "tool", file, "$");
        var data = SnapshotJson.Property(root, "data", file, "$", JsonValueKind.Object);
        bool hasMarkFile = data.TryGetProperty("hasMarkFile", out var markFlag) && markFlag.ValueKind == JsonValueKind.True;
        var files = SnapshotJson.Property(data, "files", file, "$.data", JsonValueKind.Array);
        var dataFiles = new List<SnapshotDataFile>();
        int k = 0;
        foreach (var item in files.EnumerateArray())
        {
            string at = $"$.data.files[{k}]";
            string role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role", out var given) && given.ValueKind == JsonValueKind.String
                ? given.GetString()!
                : k == 0 ? "prices" : k == 1 && hasMarkFile ? "mark" : "funding";
            dataFiles.Add(new SnapshotDataFile(
                role,
                SnapshotJson.String(item, "path", file, at),
                SnapshotJson.String(item, "sha256", file, at),
                SnapshotJson.Int64(item, "rowCount", file, at),
                Time(item, "firstTime", file, at),
                Time(item, "lastTime", file, at)));
            k++;
        }

        var runs = SnapshotJson.Runs(root, file);
        var plugins = SnapshotJson.Plugins(root, file);

        runs.Sort((a, b) => a.RunIndex.CompareTo(b.RunIndex));
        try
        {
            return new RegressionSnapshot(experiment, tool, dataFiles, runs, plugins);
        }
        catch (ArgumentException exception)
        {
            throw new RegressionInputException($"{file}: {exception.Message}", exception);
        }
    }

    private static long Time(JsonElement item, string name, string file, string at)
    {
        if (item.TryGetProperty(name + "Ms", out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt64(out long ms))
        {
            return ms;
        }

        string text = SnapshotJson.String(item, name, file, at);
        return SpecTime.TryParseUtcMilliseconds(text, out ms)
            ? ms
            : throw new RegressionInputException($"{file}: {at}.{name} \"{text}\" is not an ISO 8601 UTC time such as 2024-01-31T08:00:00Z.");
    }
}
