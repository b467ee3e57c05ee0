using System.Text.Json;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Joins the folders of <c>levbt montecarlo SPEC --shard i/n</c> into the folder of the whole run: the same spec, Monte
/// Carlo settings, tool and data (SHA-256 of every file), path ranges that together cover every path exactly once.
/// The summary header comes from the shard holding path 0 and the risk figures are recomputed from all rows, so the
/// merged <c>summary.json</c> and <c>montecarlo.parquet</c> are byte for byte those of the unsharded run.
/// </summary>
public static class MonteCarloMerger
{
    /// <summary>True when <paramref name="folder"/> holds a Monte Carlo summary (its <c>format</c> is <see cref="MonteCarloSummaryWriter.FormatName"/>).</summary>
    /// <param name="folder">A results folder.</param>
    public static bool IsMonteCarloFolder(string folder)
    {
        string summary = Path.Combine(folder, "summary.json");
        if (!File.Exists(summary))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(summary));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out var format)
                && format.ValueKind == JsonValueKind.String
                && format.GetString() == MonteCarloSummaryWriter.FormatName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Merges the shard folders into <paramref name="outputPath"/> (written atomically).</summary>
    /// <param name="folders">Shard folders in any order.</param>
    /// <param name="outputPath">The merged folder; may not be one of the shards.</param>
    /// <param name="beforeCommit">Adds files (charts) to the temporary folder; null for none.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <returns>The published folder and the number of paths.</returns>
    /// <exception cref="MonteCarloMergeException">The folders do not form one whole run.</exception>
    public static (string Folder, int Paths) Merge(IReadOnlyList<string> folders, string outputPath, Action<string, CancellationToken>? beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new MonteCarloMergeException("no folders to merge.");
        }

        string output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputPath));
        var shards = new List<(string Folder, JsonDocument Summary, int FirstPath, double[] Leverages, PathRunResult[] Rows)>();
        try
        {
            foreach (string folder in folders)
            {
                string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
                if (full == output || output.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new MonteCarloMergeException($"--out {outputPath} would replace the shard folder {folder}; choose another folder.");
                }

                foreach (string file in MonteCarloResultsWriter.DataFileNames)
                {
                    if (!File.Exists(Path.Combine(full, file)))
                    {
                        throw new MonteCarloMergeException($"{folder}: {file} is missing; not a complete Monte Carlo results folder.");
                    }
                }

                var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(full, "summary.json")));
                if (!IsMonteCarloFolder(full))
                {
                    summary.Dispose();
                    throw new MonteCarloMergeException($"{folder}: summary.json is not a Monte Carlo summary (format {MonteCarloSummaryWriter.FormatName}).");
                }

                int runCount = summary.RootElement.GetProperty("runs").GetArrayLength();
                var (first, leverages, rows) = MonteCarloTable.Read(Path.Combine(full, MonteCarloTable.FileName), runCount);
                var shard = summary.RootElement.GetProperty("shard");
                int declaredFirst = shard.GetProperty("firstPath").GetInt32();
                int declaredCount = shard.GetProperty("pathCount").GetInt32();
                if (rows.Length != (long)declaredCount * runCount || (rows.Length > 0 && first != declaredFirst))
                {
                    summary.Dispose();
                    throw new MonteCarloMergeException($"{folder}: {MonteCarloTable.FileName} does not hold the paths its summary.json names ({declaredFirst}..{declaredFirst + declaredCount - 1}).");
                }

                shards.Add((folder, summary, declaredFirst, leverages, rows));
                cancellationToken.ThrowIfCancellationRequested();
            }

            shards.Sort((a, b) => a.FirstPath.CompareTo(b.FirstPath));
            var reference = shards[0];
            string referenceKey = IdentityOf(reference.Summary.RootElement);
            int totalPaths = reference.Summary.RootElement.GetProperty("monteCarlo").GetProperty("paths").GetInt32();
            int next = 0;
            foreach (var shard in shards)
            {
                string key = IdentityOf(shard.Summary.RootElement);
                if (key != referenceKey)
                {
                    throw new MonteCarloMergeException($"{shard.Folder} and {reference.Folder} are not shards of one Monte Carlo run: {FirstDifference(referenceKey, key)} differs.");
                }

                int count = shard.Rows.Length / Math.Max(1, reference.Leverages.Length);
                if (count == 0)
                {
                    continue;
                }

                if (shard.FirstPath > next)
                {
                    throw new MonteCarloMergeException($"paths {next}..{shard.FirstPath - 1} of {totalPaths} are in none of the folders.");
                }

                if (shard.FirstPath < next)
                {
                    throw new MonteCarloMergeException($"paths {shard.FirstPath}..{Math.Min(next, shard.FirstPath + count) - 1} are in more than one folder ({shard.Folder} among them).");
                }

                next = shard.FirstPath + count;
            }

            if (next != totalPaths)
            {
                throw new MonteCarloMergeException($"paths {next}..{totalPaths - 1} of {totalPaths} are in none of the folders.");
            }

            var rowsAll = new PathRunResult[shards.Sum(s => (long)s.Rows.Length)];
            long offset = 0;
            foreach (var shard in shards)
            {
                shard.Rows.CopyTo(rowsAll, offset);
                offset += shard.Rows.Length;
            }

            cancellationToken.ThrowIfCancellationRequested();
            string published = MonteCarloResultsWriter.Publish(output, reference.Summary.RootElement, 0, reference.Leverages, rowsAll, beforeCommit, cancellationToken);
            return (published, totalPaths);
        }
        finally
        {
            foreach (var shard in shards)
            {
                shard.Summary.Dispose();
            }
        }
    }

    /// <summary>What must agree between shards: format, tool, spec, Monte Carlo settings, runs (swept values and history), data files' hashes.</summary>
    private static string IdentityOf(JsonElement summary)
    {
        var parts = new List<string>();
        foreach (string name in new[] { "format", "tool", "spec", "monteCarlo", "runs" })
        {
            if (summary.TryGetProperty(name, out var value))
            {
                if (name == "runs")
                {
                    foreach (var run in value.EnumerateArray())
                    {
                        parts.Add($"runs[{run.GetProperty("runIndex").GetRawText()}]: {run.GetProperty("parameters").GetRawText()} {run.GetProperty("historical").GetRawText()}");
                    }
                }
                else
                {
                    parts.Add($"{name}: {value.GetRawText()}");
                }
            }
        }

        if (summary.TryGetProperty("data", out var data) && data.TryGetProperty("files", out var files))
        {
            foreach (var file in files.EnumerateArray())
            {
                parts.Add($"data file {file.GetProperty("role").GetString()}: sha256 {file.GetProperty("sha256").GetString()}, {file.GetProperty("rowCount").GetRawText()} rows");
            }
        }

        return string.Join('\n', parts);
    }

    private static string FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i])
            {
                int colon = left[i].IndexOf(':', StringComparison.Ordinal);
                return colon > 0 ? left[i][..colon] : left[i];
            }
        }

        return "the number of runs or data files";
    }
}
