namespace LevBacktest.Core.Regression;

/// <summary>An input file whose content differs from the baseline's (or that only one side has).</summary>
/// <param name="Role">The file's role (<c>prices</c>, <c>mark</c>, <c>funding</c>).</param>
/// <param name="Baseline">The baseline's fingerprint; null when the baseline had no file in this role.</param>
/// <param name="Current">The fingerprint now; null when there is no file in this role now.</param>
public sealed record DataFileChange(string Role, SnapshotDataFile? Baseline, SnapshotDataFile? Current);
