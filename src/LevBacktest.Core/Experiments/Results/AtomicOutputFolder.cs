namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Writes a results folder atomically: files go into a temporary sibling folder, which
/// <see cref="Commit"/> renames to the final name. An existing folder of that name is replaced only
/// once the new one is complete (renamed away, the new one renamed in, then the old one deleted), so
/// readers see either the old folder or the new one, never a mix. Disposing without committing
/// (an error, a cancellation) deletes the temporary folder and leaves any existing folder untouched.
/// </summary>
public sealed class AtomicOutputFolder : IDisposable
{
    private bool _committed;

    private AtomicOutputFolder(string finalPath, string workingPath)
    {
        FinalPath = finalPath;
        WorkingPath = workingPath;
    }

    /// <summary>The folder the results end up in, absolute.</summary>
    public string FinalPath { get; }

    /// <summary>The temporary folder to write into (a hidden sibling of <see cref="FinalPath"/>).</summary>
    public string WorkingPath { get; }

    /// <summary>Creates the temporary folder next to <paramref name="finalPath"/> (creating the parent folder if needed).</summary>
    /// <param name="finalPath">Where the results should end up.</param>
    /// <exception cref="IOException"><paramref name="finalPath"/> is an existing file, or the folder cannot be created.</exception>
    public static AtomicOutputFolder Create(string finalPath)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(finalPath));
        if (File.Exists(full))
        {
            throw new IOException($"Output path {finalPath} is a file; give a folder.");
        }

        string parent = Path.GetDirectoryName(full) ?? throw new IOException($"Output path {finalPath} has no parent folder.");
        Directory.CreateDirectory(parent);
        string working = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(working);
        return new AtomicOutputFolder(full, working);
    }

    /// <summary>Path of a file inside the temporary folder.</summary>
    /// <param name="fileName">File name, e.g. <c>summary.json</c>.</param>
    public string PathOf(string fileName) => Path.Combine(WorkingPath, fileName);

    /// <summary>Publishes the temporary folder under <see cref="FinalPath"/>, replacing any existing folder.</summary>
    /// <exception cref="InvalidOperationException">Already committed.</exception>
    /// <exception cref="IOException">A rename failed; an existing folder is restored when possible.</exception>
    public void Commit()
    {
        if (_committed)
        {
            throw new InvalidOperationException("The output folder was already committed.");
        }

        string? old = null;
        if (Directory.Exists(FinalPath))
        {
            old = Path.Combine(Path.GetDirectoryName(FinalPath)!, $".{Path.GetFileName(FinalPath)}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.Move(FinalPath, old);
        }

        try
        {
            Directory.Move(WorkingPath, FinalPath);
        }
        catch
        {
            if (old is not null && !Directory.Exists(FinalPath))
            {
                Directory.Move(old, FinalPath);
            }

            throw;
        }

        _committed = true;
        if (old is not null)
        {
            TryDelete(old);
        }
    }

    /// <summary>
    /// Deletes the temporary folder unless <see cref="Commit"/> succeeded. It is first renamed to a fresh hidden name, so a
    /// writer that is still running (a step abandoned on Ctrl-C) can no longer create files in it by path; a folder that
    /// cannot be deleted keeps a <c>.NAME.tmp-PID-GUID</c> name, which <see cref="AbandonedOutputFolders"/> removes later.
    /// </summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        string doomed = Path.Combine(Path.GetDirectoryName(FinalPath)!, $".{Path.GetFileName(FinalPath)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.Move(WorkingPath, doomed);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            doomed = WorkingPath;
        }

        TryDelete(doomed);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leftover hidden folders are harmless; never mask the original outcome.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
