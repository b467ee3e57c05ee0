using System.Globalization;

using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Cli;

/// <summary>
/// What a command does before it writes a results folder: takes the folder's <see cref="ResultsFolderLock"/> (a second
/// levbt writing the same folder is refused before any work) and removes the hidden folders that killed writers left
/// beside it (<see cref="AbandonedOutputFolders"/>), saying so on standard error.
/// </summary>
internal static class OutputFolderGuard
{
    /// <summary>Locks <paramref name="outputPath"/> and cleans its parent of abandoned temporary folders.</summary>
    /// <param name="outputPath">The --out folder.</param>
    /// <param name="error">Where the notes go (a stale lock taken over, folders removed).</param>
    /// <returns>The lock, held until disposed.</returns>
    /// <exception cref="ResultsFolderLockedException">Another live process is writing the folder.</exception>
    public static ResultsFolderLock Acquire(string outputPath, TextWriter error)
    {
        var folderLock = ResultsFolderLock.Acquire(outputPath);
        if (folderLock.StaleOwnerProcessId is { } stale)
        {
            error.WriteLine($"levbt: took over the lock of {outputPath} left by process {stale}, which is no longer running.");
        }

        foreach (var abandoned in AbandonedOutputFolders.Remove(outputPath))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"levbt: removed {Path.GetFileName(abandoned.Path)} ({abandoned.Bytes / 1e6:0.#} MB), left unfinished by process {abandoned.ProcessId}, which is no longer running."));
        }

        return folderLock;
    }
}
