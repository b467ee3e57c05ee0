namespace LevBacktest.Core.Experiments.Results;

/// <summary>Another live process holds the <see cref="ResultsFolderLock"/> of a results folder.</summary>
public sealed class ResultsFolderLockedException : IOException
{
    /// <summary>Creates the exception; the message names the folder, the owner and the lock file.</summary>
    /// <param name="folderPath">The results folder.</param>
    /// <param name="lockPath">Its lock file.</param>
    /// <param name="ownerProcessId">The process holding the lock.</param>
    /// <param name="since">When it took the lock (UTC, ISO 8601), or null when not recorded.</param>
    public ResultsFolderLockedException(string folderPath, string lockPath, int ownerProcessId, string? since)
        : base($"{folderPath} is being written by another process (pid {ownerProcessId}{(since is null ? string.Empty : $", since {since}")}); wait for it to finish or write elsewhere (lock file {lockPath}).")
    {
        FolderPath = folderPath;
        LockPath = lockPath;
        OwnerProcessId = ownerProcessId;
    }

    /// <summary>The results folder.</summary>
    public string FolderPath { get; }

    /// <summary>Its lock file.</summary>
    public string LockPath { get; }

    /// <summary>The process holding the lock.</summary>
    public int OwnerProcessId { get; }
}
