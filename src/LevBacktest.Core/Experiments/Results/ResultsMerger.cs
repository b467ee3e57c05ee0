using System.Globalization;
using System.Text.Json;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Puts the results folders of a sharded sweep (<c>levbt run SPEC --shard i/n</c>) back together into one
/// results folder whose data files are those of the unsharded run: <c>runs.parquet</c>, <c>equity.parquet</c>,
/// <c>trades.parquet</c>, <c>liquidations.parquet</c>, <c>funding.parquet</c> and <c>stops.parquet</c> byte for
/// byte when written by the same levbt build, and <c>summary.json</c> byte for byte apart from the added
/// <c>sweep.mergedFrom</c> (the shard folders merged).
/// </summary>
/// <remarks>
/// <para>
/// Before anything is written the folders are checked to be shards of one experiment: the same spec (the
/// <c>spec</c> document as read, equal value for value), the same sweep axes, metric names and tool version, and
/// the same data — equal SHA-256 and row count of the prices, mark and funding files and the same bars (symbol,
/// interval, count, first and last bar; so <c>--from</c>/<c>--to</c> may be spelled differently as long as they
/// select the same bars). Data file paths may differ (shards run on different machines); the merged
/// summary keeps those of the folder with the lowest run indices. Together the folders must hold every run of
/// the sweep exactly once; shards of different counts (0/2 with 2/4 and 3/4) are fine.
/// </para>
/// <para>
/// The Parquet tables are concatenated in run order, row group by row group, through the results writer's own
/// table appender and options (<see cref="ExperimentResultsWriter.WriterOptionsOf"/>), which is what makes them
/// identical to the unsharded files: the writer is deterministic (no time stamps; <c>created_by</c> names the build),
/// hands rows to Parquet in fixed chunks, and every table is in ascending run index. Memory holds one row group of
/// one shard at a time. The folder is written atomically, as <c>levbt run</c> writes one.
/// </para>
/// </remarks>
public static class ResultsMerger
{
    /// <summary>Checks the shard folders and writes the merged results folder atomically.</summary>
    /// <param name="shardFolders">The shard results folders, in any order (at least one).</param>
    /// <param name="outputPath">The merged folder to create or replace; must be neither one of <paramref name="shardFolders"/> nor a folder holding one.</param>
    /// <param name="beforeCommit">Called with the temporary folder once the data files are in it (to draw charts and the report); null for none.</param>
    /// <param name="cancellationToken">Checked between files and before the rename.</param>
    /// <returns>The published folder and the shards it came from.</returns>
    /// <exception cref="ResultsMergeException">A folder is not a complete results folder, the folders are not shards of one
    /// experiment on the same data, or they do not cover every run exactly once (the message names folders and run indices).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was published.</exception>
    public static MergedResults Merge(
        IReadOnlyList<string> shardFolders,
        string outputPath,
        Action<string, CancellationToken>? beforeCommit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (shardFolders.Count == 0)
        {
            throw new ResultsMergeException("No shard folders given; name the results folders of every shard of the sweep.");
        }

        string output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputPath));
        var shards = new List<ShardFolder>(shardFolders.Count);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string given in shardFolders)
            {
                string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
                if (!seen.Add(full))
                {
                    throw new ResultsMergeException($"{full} is given twice; name each shard folder once.");
                }

                if (full == output)
                {
                    throw new ResultsMergeException($"--out {full} is one of the shard folders; write the merged folder elsewhere.");
                }

                // Replacing the output folder deletes what was in it, shards included.
                if (full.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ResultsMergeException($"--out {output} holds the shard folder {full}, which replacing it would delete; write the merged folder elsewhere.");
                }

                shards.Add(ShardFolder.Open(full));
            }

            shards.Sort((a, b) => a.FirstRunIndex != b.FirstRunIndex ? a.FirstRunIndex.CompareTo(b.FirstRunIndex) : a.EndRunIndex.CompareTo(b.EndRunIndex));
            for (int s = 1; s < shards.Count; s++)
            {
                CheckSameExperiment(shards[0], shards[s]);
            }

            CheckCoverage(shards);
            using var folder = AtomicOutputFolder.Create(output);
            foreach (string table in ExperimentResultsWriter.DataFileNames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (table == "summary.json")
                {
                    WriteSummary(folder.PathOf(table), shards);
                    continue;
                }

                ShardTableConcatenation.Concatenate(table, shards, folder.PathOf(table), cancellationToken);
            }

            beforeCommit?.Invoke(folder.WorkingPath, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            folder.Commit();
            return new MergedResults(folder.FinalPath, shards[0].Experiment, shards[0].SweepRunCount, shards.Select(s => s.ToMergedShard()).ToArray());
        }
        finally
        {
            foreach (var shard in shards)
            {
                shard.Dispose();
            }
        }
    }

    /// <summary>"runs 4..7", "run 4" or "no runs" for run indices [<paramref name="first"/>, <paramref name="end"/>).</summary>
    internal static string DescribeRuns(int first, int end) => (end - first) switch
    {
        <= 0 => "no runs",
        1 => string.Create(CultureInfo.InvariantCulture, $"run {first}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"runs {first}..{end - 1}"),
    };

    private static void CheckSameExperiment(ShardFolder reference, ShardFolder other)
    {
        string pair = $"{reference.FolderPath} and {other.FolderPath}";
        if (reference.Experiment != other.Experiment)
        {
            throw new ResultsMergeException($"{pair} are not shards of the same experiment: '{reference.Experiment}' and '{other.Experiment}'.");
        }

        if (FirstDifference(reference.Root.GetProperty("spec"), other.Root.GetProperty("spec"), "$") is string specAt)
        {
            throw new ResultsMergeException($"{pair} are not shards of the same spec: their specs differ at {specAt}. Run every shard from one spec.");
        }

        var sweepA = reference.Root.GetProperty("sweep");
        var sweepB = other.Root.GetProperty("sweep");
        if (reference.SweepRunCount != other.SweepRunCount || FirstDifference(sweepA.GetProperty("axes"), sweepB.GetProperty("axes"), "$.sweep.axes") is not null)
        {
            throw new ResultsMergeException($"{pair} are not shards of the same sweep: {reference.SweepRunCount} and {other.SweepRunCount} runs, or different axis values.");
        }

        if (FirstDifference(reference.Root.GetProperty("metricNames"), other.Root.GetProperty("metricNames"), "$.metricNames") is not null
            || reference.Tool != other.Tool)
        {
            throw new ResultsMergeException(
                $"{pair} were written by different levbt versions ('{reference.Tool}' and '{other.Tool}'); rerun the shards with one version so every run follows the same rules.");
        }

        bool hasA = reference.Root.TryGetProperty("equityStorage", out var storageA);
        bool hasB = other.Root.TryGetProperty("equityStorage", out var storageB);
        if (hasA != hasB || (hasA && FirstDifference(storageA, storageB, "$.equityStorage") is not null))
        {
            throw new ResultsMergeException(
                $"{pair} keep different equity curves ({Describe(hasA, storageA)} and {Describe(hasB, storageB)}); rerun the shards with one --equity choice.");
        }

        CheckSameData(reference, other, pair);
        CheckSamePlugins(reference, other, pair);
    }

    /// <summary>Shards must run the same strategy code: the same plugin assemblies by file name and SHA-256.</summary>
    private static void CheckSamePlugins(ShardFolder reference, ShardFolder other, string pair)
    {
        static string Describe(ShardFolder shard) => shard.Root.TryGetProperty("plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Array
            ? string.Join(", ", plugins.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("path", out var path) && p.TryGetProperty("sha256", out var sha)
                ? $"{Path.GetFileName(path.GetString())} (SHA-256 {sha.GetString()})"
                : p.GetRawText()))
            : string.Empty;
        string a = Describe(reference), b = Describe(other);
        if (a != b)
        {
            throw new ResultsMergeException(
                $"{pair} ran different strategy plugins: {(a.Length == 0 ? "none" : a)} and {(b.Length == 0 ? "none" : b)}. Run every shard with the same plugin build.");
        }
    }

    /// <summary>"downsampled:1000", "full", "none" or "not recorded" for an <c>equityStorage</c> object.</summary>
    private static string Describe(bool present, JsonElement storage)
    {
        if (!present || storage.ValueKind != JsonValueKind.Object || !storage.TryGetProperty("kind", out var kind))
        {
            return "not recorded";
        }

        return storage.TryGetProperty("buckets", out var buckets) ? $"{kind.GetString()}:{buckets.GetRawText()}" : kind.GetString() ?? "not recorded";
    }

    private static void CheckSameData(ShardFolder reference, ShardFolder other, string pair)
    {
        var dataA = reference.Root.GetProperty("data");
        var dataB = other.Root.GetProperty("data");
        foreach (string field in new[] { "symbol", "barIntervalMs", "barCount", "firstBarOpenTime", "lastBarOpenTime", "resampledFromIntervalMs", "hasMarkFile", "markFallbackBarCount", "fundingEventCount" })
        {
            string a = dataA.TryGetProperty(field, out var x) ? x.GetRawText() : "(none)";
            string b = dataB.TryGetProperty(field, out var y) ? y.GetRawText() : "(none)";
            if (a != b)
            {
                throw new ResultsMergeException($"{pair} ran on different data: data.{field} is {a} and {b}.");
            }
        }

        var filesA = Files(reference, dataA);
        var filesB = Files(other, dataB);
        foreach (var (role, a) in filesA)
        {
            if (!filesB.TryGetValue(role, out var b))
            {
                throw new ResultsMergeException($"{pair} ran on different data: {reference.FolderPath} has a {role} file ({a.Path}), {other.FolderPath} has none.");
            }

            if (a.Sha256 != b.Sha256 || a.RowCount != b.RowCount)
            {
                throw new ResultsMergeException(
                    $"{pair} ran on different data: the {role} file {a.Path} (SHA-256 {a.Sha256}, {a.RowCount} rows) and {b.Path} (SHA-256 {b.Sha256}, {b.RowCount} rows) differ. Run every shard on the same files.");
            }
        }

        foreach (var role in filesB.Keys)
        {
            if (!filesA.ContainsKey(role))
            {
                throw new ResultsMergeException($"{pair} ran on different data: {other.FolderPath} has a {role} file ({filesB[role].Path}), {reference.FolderPath} has none.");
            }
        }
    }

    private static Dictionary<string, (string Path, string Sha256, long RowCount)> Files(ShardFolder shard, JsonElement data)
    {
        var files = new Dictionary<string, (string, string, long)>(StringComparer.Ordinal);
        int k = 0;
        foreach (var file in data.GetProperty("files").EnumerateArray())
        {
            string at = $"$.data.files[{k++}]";
            if (file.ValueKind != JsonValueKind.Object)
            {
                throw shard.Malformed($"{at} is not an object");
            }

            string role = file.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : $"file {k}";
            string path = shard.Required(file, "path", at, JsonValueKind.String).GetString()!;
            string sha = shard.Required(file, "sha256", at, JsonValueKind.String).GetString()!;
            var rows = shard.Required(file, "rowCount", at, JsonValueKind.Number);
            if (!files.TryAdd(role, (path, sha, rows.TryGetInt64(out long count) ? count : -1)))
            {
                throw shard.Malformed($"{at}: a second {role} file");
            }
        }

        return files;
    }

    /// <summary>The JSON path of the first difference between two values, or null when they are equal.</summary>
    private static string? FirstDifference(JsonElement a, JsonElement b, string at)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return at;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var propertiesA = a.EnumerateObject().ToList();
                var propertiesB = b.EnumerateObject().ToList();
                for (int i = 0; i < Math.Max(propertiesA.Count, propertiesB.Count); i++)
                {
                    if (i >= propertiesA.Count || i >= propertiesB.Count || propertiesA[i].Name != propertiesB[i].Name)
                    {
                        return $"{at}.{(i < propertiesA.Count ? propertiesA[i].Name : propertiesB[i].Name)}";
                    }

                    if (FirstDifference(propertiesA[i].Value, propertiesB[i].Value, $"{at}.{propertiesA[i].Name}") is string inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int lengthA = a.GetArrayLength();
                int lengthB = b.GetArrayLength();
                for (int i = 0; i < Math.Min(lengthA, lengthB); i++)
                {
                    if (FirstDifference(a[i], b[i], $"{at}[{i}]") is string inner)
                    {
                        return inner;
                    }
                }

                return lengthA == lengthB ? null : $"{at}[{Math.Min(lengthA, lengthB)}]";
            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : at;
            case JsonValueKind.Number:
                return a.GetRawText() == b.GetRawText() ? null : at;
            default:
                return null;
        }
    }

    /// <summary>Every run index of the sweep in exactly one folder; otherwise one error listing every gap and overlap.</summary>
    private static void CheckCoverage(List<ShardFolder> shards)
    {
        int runCount = shards[0].SweepRunCount;
        var problems = new List<string>();
        int covered = 0;
        ShardFolder? previous = null;
        foreach (var shard in shards)
        {
            if (shard.FirstRunIndex == shard.EndRunIndex)
            {
                continue;
            }

            if (shard.FirstRunIndex > covered)
            {
                problems.Add(Gap(covered, shard.FirstRunIndex, previous, shard, shards));
            }
            else if (shard.FirstRunIndex < covered)
            {
                // Overlaps with every earlier folder whose runs reach past this one's start.
                foreach (var earlier in shards)
                {
                    if (ReferenceEquals(earlier, shard))
                    {
                        break;
                    }

                    int first = Math.Max(earlier.FirstRunIndex, shard.FirstRunIndex);
                    int end = Math.Min(earlier.EndRunIndex, shard.EndRunIndex);
                    if (first < end)
                    {
                        problems.Add($"{DescribeRuns(first, end)} are in both {earlier.FolderPath} ({earlier.Description}) and {shard.FolderPath} ({shard.Description})");
                    }
                }
            }

            if (shard.EndRunIndex > covered)
            {
                covered = shard.EndRunIndex;
                previous = shard;
            }
        }

        if (covered < runCount)
        {
            problems.Add(Gap(covered, runCount, previous, null, shards));
        }

        if (problems.Count > 0)
        {
            throw new ResultsMergeException(
                $"The folders do not hold each of the sweep's {runCount} runs exactly once: {string.Join("; ", problems)}.");
        }
    }

    private static string Gap(int first, int end, ShardFolder? before, ShardFolder? after, List<ShardFolder> shards)
    {
        string where = (before, after) switch
        {
            (null, null) => string.Empty,
            (null, _) => $" (before {after!.FolderPath}, {after.Description})",
            (_, null) => $" (after {before.FolderPath}, {before.Description})",
            _ => $" (between {before.FolderPath}, {before.Description}, and {after.FolderPath}, {after.Description})",
        };

        // When every folder is a shard of one count, name the shards to rerun.
        string missing = string.Empty;
        int count = shards[0].Shard.Count;
        if (count > 1 && shards.TrueForAll(s => s.Shard.Count == count))
        {
            int runCount = shards[0].SweepRunCount;
            var names = Enumerable.Range(0, count)
                .Where(i => new SweepShard(i, count).Start(runCount) < end && new SweepShard(i, count).End(runCount) > first)
                .Select(i => $"{i}/{count}");
            missing = $"; run --shard {string.Join(", ", names)}";
        }

        return $"{DescribeRuns(first, end)} {(end - first == 1 ? "is" : "are")} in no folder{where}{missing}";
    }

    /// <summary>
    /// summary.json of the whole sweep: the first folder's, property for property (so every number keeps its
    /// text), with <c>sweep.shard</c> set to the whole sweep, <c>sweep.mergedFrom</c> listing the shard folders,
    /// and <c>runs</c> the runs of every folder in run order.
    /// </summary>
    private static void WriteSummary(string path, List<ShardFolder> shards)
    {
        var first = shards[0];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        foreach (var property in first.Root.EnumerateObject())
        {
            if (property.NameEquals("sweep"))
            {
                WriteSweep(json, property.Value, shards);
            }
            else if (property.NameEquals("runs"))
            {
                json.WriteStartArray("runs");
                foreach (var shard in shards)
                {
                    foreach (var run in shard.Runs.EnumerateArray())
                    {
                        run.WriteTo(json);
                    }
                }

                json.WriteEndArray();
            }
            else
            {
                property.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteSweep(Utf8JsonWriter json, JsonElement sweep, List<ShardFolder> shards)
    {
        int runCount = shards[0].SweepRunCount;
        json.WriteStartObject("sweep");
        foreach (var property in sweep.EnumerateObject())
        {
            if (!property.NameEquals("shard"))
            {
                if (!property.NameEquals("mergedFrom"))
                {
                    property.WriteTo(json);
                }

                continue;
            }

            // The same fields SummaryJsonWriter writes for an unsharded run.
            json.WriteStartObject("shard");
            json.WriteNumber("index", 0);
            json.WriteNumber("count", 1);
            json.WriteNumber("firstRunIndex", 0);
            json.WriteNumber("endRunIndex", runCount);
            json.WriteEndObject();
            json.WriteStartArray("mergedFrom");
            foreach (var shard in shards)
            {
                json.WriteStartObject();
                json.WriteString("path", shard.FolderPath);
                json.WriteNumber("index", shard.Shard.Index);
                json.WriteNumber("count", shard.Shard.Count);
                json.WriteNumber("firstRunIndex", shard.FirstRunIndex);
                json.WriteNumber("endRunIndex", shard.EndRunIndex);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
