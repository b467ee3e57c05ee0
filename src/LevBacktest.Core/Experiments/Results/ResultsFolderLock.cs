using System.Globalization;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// An advisory lock on a results folder, so that two processes writing the same folder at the same time do not both
/// report success with the second silently replacing the first. The lock is the file <c>.NAME.lock</c> beside the
/// folder <c>NAME</c>, created atomically (complete or not at all) and holding the owner's process id and start time;
/// <see cref="Dispose"/> deletes it. A lock file whose process is gone — its id is not running, or is running with
/// another start time (the id was reused) — is stale, left by a killed process, and is taken over.
/// Advisory: only writers that take the lock (<c>levbt run</c>, <c>montecarlo</c>, <c>merge</c>) respect it, and
/// only on one machine (process ids mean nothing across hosts sharing a file system).
/// </summary>
public sealed class ResultsFolderLock : IDisposable
{
    private const int Attempts = 5;
    private bool _released;

    private ResultsFolderLock(string folderPath, string lockPath, int? staleOwner)
    {
        FolderPath = folderPath;
        LockPath = lockPath;
        StaleOwnerProcessId = staleOwner;
    }

    /// <summary>The locked results folder, absolute (it need not exist).</summary>
    public string FolderPath { get; }

    /// <summary>The lock file, <c>.NAME.lock</c> beside <see cref="FolderPath"/>.</summary>
    public string LockPath { get; }

    /// <summary>The process id of a stale lock that was taken over (its process was gone), or null.</summary>
    public int? StaleOwnerProcessId { get; }

    /// <summary>The lock file path of a results folder: <c>.NAME.lock</c> in its parent folder.</summary>
    /// <param name="folderPath">The results folder.</param>
    public static string LockPathOf(string folderPath)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        string parent = Path.GetDirectoryName(full) ?? throw new IOException($"{folderPath} has no parent folder.");
        return Path.Combine(parent, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Takes the lock on <paramref name="folderPath"/>, creating its parent folder if needed.</summary>
    /// <param name="folderPath">The results folder about to be written.</param>
    /// <returns>The held lock; dispose it when the folder is written (or the attempt failed).</returns>
    /// <exception cref="ResultsFolderLockedException">A live process holds the lock (the message names it).</exception>
    /// <exception cref="IOException">The lock file cannot be created.</exception>
    public static ResultsFolderLock Acquire(string folderPath)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        string lockPath = LockPathOf(full);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        int? staleOwner = null;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            if (TryCreate(lockPath))
            {
                return new ResultsFolderLock(full, lockPath, staleOwner);
            }

            var owner = LockOwner.Read(lockPath);
            if (owner is null)
            {
                continue; // removed between our attempt and the read: try again
            }

            if (owner.Value.IsRunning)
            {
                throw new ResultsFolderLockedException(full, lockPath, owner.Value.ProcessId, owner.Value.Since);
            }

            // Stale: move it aside under a name of our own (only one contender's move succeeds) and check that what
            // we moved is still the stale lock we read, not a fresh one a faster contender created meanwhile.
            string aside = $"{lockPath}.stale-{ProcessIdentity.CurrentId}-{Guid.NewGuid():N}";
            try
            {
                File.Move(lockPath, aside);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            var moved = LockOwner.Read(aside);
            if (moved is { IsRunning: true })
            {
                // A live lock: put it back (fails only if yet another process created one, which then holds it).
                TryMoveBack(aside, lockPath);
                throw new ResultsFolderLockedException(full, lockPath, moved.Value.ProcessId, moved.Value.Since);
            }

            File.Delete(aside);
            staleOwner = owner.Value.ProcessId;
        }

        throw new IOException($"could not take the lock {lockPath} of {full} after {Attempts} attempts (other processes keep taking it).");
    }

    /// <summary>Deletes the lock file (if it is still this process's).</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            if (LockOwner.Read(LockPath) is { } owner && owner.ProcessId == ProcessIdentity.CurrentId && owner.Start == ProcessIdentity.CurrentStart)
            {
                File.Delete(LockPath);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A lock file that stays behind is taken over as stale by the next writer.
        }
    }

    /// <summary>Creates the lock file with its full content, atomically: written aside, then moved in without overwriting.</summary>
    private static bool TryCreate(string lockPath)
    {
        string temporary = $"{lockPath}.new-{ProcessIdentity.CurrentId}-{Guid.NewGuid():N}";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture,
            $"levbt results folder lock\npid {ProcessIdentity.CurrentId}\nstart {ProcessIdentity.CurrentStart}\nsince {DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}\n"));
        try
        {
            File.Move(temporary, lockPath, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private static void TryMoveBack(string aside, string lockPath)
    {
        try
        {
            File.Move(aside, lockPath, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(aside);
        }
    }

    /// <summary>The process recorded in a lock file.</summary>
    private readonly record struct LockOwner(int ProcessId, string Start, string? Since)
    {
        public bool IsRunning => ProcessIdentity.IsRunning(ProcessId, Start);

        /// <summary>The owner recorded in <paramref name="path"/>; null when the file is gone. An unreadable file is a stale owner (id 0).</summary>
        public static LockOwner? Read(string path)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (FileNotFoundException)
            {
                return null;
            }

            int processId = 0;
            string start = string.Empty;
            string? since = null;
            foreach (string line in lines)
            {
                if (line.StartsWith("pid ", StringComparison.Ordinal))
                {
                    _ = int.TryParse(line.AsSpan(4), NumberStyles.Integer, CultureInfo.InvariantCulture, out processId);
                }
                else if (line.StartsWith("start ", StringComparison.Ordinal))
                {
                    start = line[6..];
                }
                else if (line.StartsWith("since ", StringComparison.Ordinal))
                {
                    since = line[6..];
                }
            }

            return new LockOwner(processId, start, since);
        }
    }
}
