namespace LevBacktest.Core.Data;

/// <summary>
/// Identity of one input file as it was loaded, recorded in results so that a changed input is
/// reported as changed data rather than as strategy drift.
/// </summary>
/// <param name="Path">The path as given in the request.</param>
/// <param name="Sha256">SHA-256 of the whole file's bytes, lower-case hexadecimal (64 characters).</param>
/// <param name="RowCount">Rows used from the file (after the symbol filter, before any time-range slice).</param>
/// <param name="FirstTimeMs">First time (bar open or funding settlement) among those rows, UTC epoch milliseconds.</param>
/// <param name="LastTimeMs">Last time among those rows, UTC epoch milliseconds.</param>
public sealed record DataFileFingerprint(string Path, string Sha256, long RowCount, long FirstTimeMs, long LastTimeMs);
