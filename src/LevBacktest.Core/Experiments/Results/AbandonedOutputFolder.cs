namespace LevBacktest.Core.Experiments.Results;

/// <summary>A hidden folder left by a writer that is gone, removed by <see cref="AbandonedOutputFolders.Remove"/>.</summary>
/// <param name="Path">The folder's absolute path.</param>
/// <param name="ProcessId">The process that created it (named in the folder's name), no longer running.</param>
/// <param name="Bytes">The bytes its files held.</param>
public readonly record struct AbandonedOutputFolder(string Path, int ProcessId, long Bytes);
