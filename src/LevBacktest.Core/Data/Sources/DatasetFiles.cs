using System.IO.Enumeration;

namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Turns a data path into the files it names: a file is itself; a folder is every Parquet or CSV file below
/// it (Hive-style partition folders such as <c>symbol=BTCUSDT/month=2024-01/part-0.parquet</c> included); a glob
/// (<c>*</c> and <c>?</c> in any path segment, e.g. <c>data/BTCUSDT-1m-2024-*.parquet</c>) is every match, a
/// matched folder again contributing all its files. Files are listed in ordinal path order; hidden files and
/// Spark/Hadoop markers (names starting with '.' or '_') are skipped.
/// </summary>
internal static class DatasetFiles
{
    private static readonly string[] DataExtensions = [".parquet", ".parq", ".pq", ".csv", ".zip"];

    /// <summary>Whether <paramref name="path"/> names several files (a folder or a glob) rather than one file.</summary>
    public static bool IsDataset(string path) => Directory.Exists(path) || IsGlob(path);

    /// <summary>Whether the path exists as a file, a folder, or a glob with at least one match.</summary>
    public static bool Exists(string path) => File.Exists(path) || (IsDataset(path) && Expand(path).Count > 0);

    /// <summary>The files <paramref name="path"/> names, in ordinal order (one for a plain file).</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        var found = new List<string>();
        if (Directory.Exists(path))
        {
            AddFolder(path, found);
        }
        else if (IsGlob(path))
        {
            string full = Path.GetFullPath(path);
            string root = Path.GetPathRoot(full) ?? "/";
            string[] segments = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            Match(root, segments, 0, found);
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>The value of a Hive-style partition folder <c>key=value</c> on <paramref name="file"/>'s path (key ignoring case), else null.</summary>
    public static string? PartitionValue(string file, string key)
    {
        string? folder = Path.GetDirectoryName(file);
        while (!string.IsNullOrEmpty(folder))
        {
            string name = Path.GetFileName(folder);
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(name[..equals], key, StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(name[(equals + 1)..]);
            }

            folder = Path.GetDirectoryName(folder);
        }

        return null;
    }

    private static bool IsGlob(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    private static void Match(string folder, string[] segments, int index, List<string> found)
    {
        string segment = segments[index];
        bool last = index == segments.Length - 1;
        if (!IsGlob(segment))
        {
            string next = Path.Combine(folder, segment);
            if (last)
            {
                AddEntry(next, found);
            }
            else if (Directory.Exists(next))
            {
                Match(next, segments, index + 1, found);
            }

            return;
        }

        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            string name = Path.GetFileName(entry);
            if (IsHidden(name) || !FileSystemName.MatchesSimpleExpression(segment, name, ignoreCase: false))
            {
                continue;
            }

            if (last)
            {
                AddEntry(entry, found);
            }
            else if (Directory.Exists(entry))
            {
                Match(entry, segments, index + 1, found);
            }
        }
    }

    private static void AddEntry(string entry, List<string> found)
    {
        if (File.Exists(entry))
        {
            found.Add(entry);
        }
        else if (Directory.Exists(entry))
        {
            AddFolder(entry, found);
        }
    }

    private static void AddFolder(string folder, List<string> found)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(folder, file);
            bool hidden = relative.Split(Path.DirectorySeparatorChar).Any(IsHidden);
            if (!hidden && DataExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                found.Add(file);
            }
        }
    }

    private static bool IsHidden(string name) => name.StartsWith('.') || name.StartsWith('_');
}
