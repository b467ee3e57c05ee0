using System.Text.Encodings.Web;
using System.Text.Json;

namespace LevBacktest.Core.Regression;

/// <summary>
/// Reads and writes a baseline: a <see cref="RegressionSnapshot"/> as indented JSON, one metric per line so
/// that a refreshed baseline reads well in a code review diff.
/// </summary>
/// <remarks>
/// Layout (<see cref="FormatName"/> version <see cref="FormatVersion"/>):
/// <code>
/// { "format": "levbt-baseline", "formatVersion": 1, "spec": "buy-and-hold-leverage", "toolVersion": "0.1.0",
///   "data": [ { "role": "prices", "path": "…", "sha256": "…", "rowCount": 8760, "firstTimeMs": …, "lastTimeMs": … } ],
///   "plugins": [ { "path": "…/MyStrategies.dll", "sha256": "…" } ],   (only when the experiment uses plugins)
///   "runs": [ { "runIndex": 0, "parameters": { "leverage": 1 }, "metrics": { "totalReturn": 0.12, "firstLiquidationTime": "NaN", … } } ] }
/// </code>
/// Numbers are written in the shortest form that reads back to the same double, so a baseline round-trips
/// bit for bit; NaN and ±∞ are the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// </remarks>
public static class BaselineFile
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "levbt-baseline";

    /// <summary>The layout version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Reads a baseline file.</summary>
    /// <param name="path">The baseline JSON file.</param>
    /// <returns>The snapshot it holds.</returns>
    /// <exception cref="RegressionInputException">The file is missing or unreadable, not JSON, not a baseline, or a field is missing or of the wrong type (the message names the field).</exception>
    public static RegressionSnapshot Read(string path)
    {
        var (document, file) = SnapshotJson.OpenFormatted(
            path,
            "baseline file",
            $"Baseline file {path} does not exist (create it with --update).",
            FormatName,
            "is this a baseline file?");
        using var owned = document;
        var root = document.RootElement;

        long version = SnapshotJson.Int64(root, "formatVersion", file, "$");
        if (version != FormatVersion)
        {
            throw new RegressionInputException($"{file}: $.formatVersion is {version}; this levbt reads version {FormatVersion}. Regenerate the baseline with --update.");
        }

        string spec = SnapshotJson.String(root, "spec", file, "$");
        string toolVersion = SnapshotJson.String(root, "toolVersion", file, "$");

        var dataFiles = new List<SnapshotDataFile>();
        int k = 0;
        foreach (var item in SnapshotJson.Property(root, "data", file, "$", JsonValueKind.Array).EnumerateArray())
        {
            string at = $"$.data[{k++}]";
            dataFiles.Add(new SnapshotDataFile(
                SnapshotJson.String(item, "role", file, at),
                SnapshotJson.String(item, "path", file, at),
                SnapshotJson.String(item, "sha256", file, at),
                SnapshotJson.Int64(item, "rowCount", file, at),
                SnapshotJson.Int64(item, "firstTimeMs", file, at),
                SnapshotJson.Int64(item, "lastTimeMs", file, at)));
        }

        var runs = SnapshotJson.Runs(root, file);
        var plugins = SnapshotJson.Plugins(root, file);

        try
        {
            return new RegressionSnapshot(spec, toolVersion, dataFiles, runs, plugins);
        }
        catch (ArgumentException exception)
        {
            throw new RegressionInputException($"{file}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Writes <paramref name="snapshot"/> to <paramref name="path"/> atomically: into a temporary file in the
    /// same folder, then renamed over the target, so a reader (or a crash) never sees half a baseline.
    /// Absolute data file paths are stored relative to the baseline's folder.
    /// </summary>
    /// <param name="path">The baseline file; its folder is created if needed.</param>
    /// <param name="snapshot">The results to record.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, RegressionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(snapshot);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new IOException($"Baseline path {path} has no folder.");
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                WriteTo(stream, WithPathsRelativeTo(folder, snapshot));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// The snapshot with absolute data paths made relative to <paramref name="folder"/> (with '/' separators),
    /// so a committed baseline does not carry the path of the machine that wrote it. Paths are informational
    /// (files are compared by content), and relative ones stay as given.
    /// </summary>
    private static RegressionSnapshot WithPathsRelativeTo(string folder, RegressionSnapshot snapshot)
    {
        var files = new SnapshotDataFile[snapshot.DataFiles.Count];
        for (int k = 0; k < files.Length; k++)
        {
            var file = snapshot.DataFiles[k];
            files[k] = Path.IsPathFullyQualified(file.Path)
                ? file with { Path = Path.GetRelativePath(folder, file.Path).Replace('\\', '/') }
                : file;
        }

        var plugins = snapshot.Plugins
            .Select(p => Path.IsPathFullyQualified(p.Path) ? p with { Path = Path.GetRelativePath(folder, p.Path).Replace('\\', '/') } : p)
            .ToArray();
        return new RegressionSnapshot(snapshot.SpecName, snapshot.ToolVersion, files, snapshot.Runs, plugins);
    }

    /// <summary>Writes <paramref name="snapshot"/> as baseline JSON (UTF-8, indented, ending with a newline) to a stream.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="snapshot">The results to record.</param>
    public static void WriteTo(Stream stream, RegressionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        // Relaxed escaping keeps "+" and non-ASCII text readable; a baseline is never embedded in HTML.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("spec", snapshot.SpecName);
            writer.WriteString("toolVersion", snapshot.ToolVersion);
            writer.WriteStartArray("data");
            foreach (var file in snapshot.DataFiles)
            {
                writer.WriteStartObject();
                writer.WriteString("role", file.Role);
                writer.WriteString("path", file.Path);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteNumber("rowCount", file.RowCount);
                writer.WriteNumber("firstTimeMs", file.FirstTimeMs);
                writer.WriteNumber("lastTimeMs", file.LastTimeMs);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (snapshot.Plugins.Count > 0)
            {
                // Only when there are plugins, so baselines of plugin-free experiments keep their bytes.
                writer.WriteStartArray("plugins");
                foreach (var plugin in snapshot.Plugins)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", plugin.Path);
                    writer.WriteString("sha256", plugin.Sha256);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray("runs");
            foreach (var run in snapshot.Runs)
            {
                writer.WriteStartObject();
                writer.WriteNumber("runIndex", run.RunIndex);
                writer.WriteStartObject("parameters");
                foreach (var parameter in run.Parameters)
                {
                    writer.WritePropertyName(parameter.Name);
                    SnapshotJson.WriteValue(writer, parameter.Value);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("metrics");
                foreach (var (name, value) in run.Metrics)
                {
                    writer.WritePropertyName(name);
                    SnapshotJson.WriteNumber(writer, value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }
}
