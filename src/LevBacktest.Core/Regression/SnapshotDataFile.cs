namespace LevBacktest.Core.Regression;

/// <summary>
/// Identity of one input file of an experiment as a baseline records it, so that a changed input is
/// reported as changed data and not as strategy drift.
/// </summary>
/// <param name="Role">What the file is to the experiment: <c>prices</c>, <c>mark</c> or <c>funding</c>. Files are matched by role.</param>
/// <param name="Path">The path as the spec gives it (informational: the same file may live elsewhere on another machine).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hexadecimal (64 characters).</param>
/// <param name="RowCount">Rows used from the file.</param>
/// <param name="FirstTimeMs">First time among those rows (bar open or funding settlement), UTC epoch milliseconds.</param>
/// <param name="LastTimeMs">Last time among those rows, UTC epoch milliseconds.</param>
public sealed record SnapshotDataFile(string Role, string Path, string Sha256, long RowCount, long FirstTimeMs, long LastTimeMs)
{
    /// <summary>True when <paramref name="other"/> describes the same content: same hash, rows and span (the path may differ).</summary>
    /// <param name="other">The file to compare with.</param>
    public bool SameContentAs(SnapshotDataFile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Sha256, other.Sha256, StringComparison.OrdinalIgnoreCase)
            && RowCount == other.RowCount
            && FirstTimeMs == other.FirstTimeMs
            && LastTimeMs == other.LastTimeMs;
    }
}
