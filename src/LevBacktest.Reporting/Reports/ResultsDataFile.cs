namespace LevBacktest.Reporting.Reports;

/// <summary>One input data file recorded in <c>summary.json</c> (<c>data.files[]</c>).</summary>
/// <param name="Role">"prices", "mark", "funding" or "other".</param>
/// <param name="Path">Absolute path at the time of the run.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hexadecimal.</param>
/// <param name="RowCount">Rows read from the file.</param>
/// <param name="FirstTimeMs">First time in the file, UTC epoch milliseconds.</param>
/// <param name="LastTimeMs">Last time in the file, UTC epoch milliseconds.</param>
public sealed record ResultsDataFile(string Role, string Path, string Sha256, long RowCount, long FirstTimeMs, long LastTimeMs);
