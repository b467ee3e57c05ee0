using System.Globalization;
using System.Text.RegularExpressions;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Removes the hidden folders that a killed writer leaves beside its results folders: the temporary folder
/// <c>.NAME.tmp-PID-GUID</c> of an <see cref="AtomicOutputFolder"/> (SIGKILL or a power cut during a sweep or its
/// writing can leave hundreds of MB), the <c>.NAME.old-PID-GUID</c> a replaced folder is renamed to for a moment, and
/// the <c>.NAME.check-PID-GUID</c> probe of the output check. Only folders whose process is no longer running are
/// removed — never one of a live process, this one included — so a writer in progress is safe.
/// </summary>
public static partial class AbandonedOutputFolders
{
    /// <summary>Removes the abandoned folders in the parent folder of <paramref name="folderPath"/>.</summary>
    /// <param name="folderPath">A results folder about to be written (it need not exist); its parent is searched, not its subfolders.</param>
    /// <returns>The folders removed, with the bytes they held; empty when none (or the parent does not exist).</returns>
    public static IReadOnlyList<AbandonedOutputFolder> Remove(string folderPath)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
        {
            return [];
        }

        var removed = new List<AbandonedOutputFolder>();
        foreach (string candidate in Directory.EnumerateDirectories(parent, ".*"))
        {
            var match = LeftoverName().Match(Path.GetFileName(candidate));
            if (!match.Success
                || !int.TryParse(match.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int processId)
                || ProcessIdentity.IsRunning(processId))
            {
                continue;
            }

            long bytes = SizeOf(candidate);
            try
            {
                Directory.Delete(candidate, recursive: true);
                removed.Add(new AbandonedOutputFolder(candidate, processId, bytes));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Someone else removed it first, or it is not ours to remove: leave it.
            }
        }

        return removed;
    }

    private static long SizeOf(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"^\..+\.(tmp|old|check)-(?<pid>[0-9]+)-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverName();
}
