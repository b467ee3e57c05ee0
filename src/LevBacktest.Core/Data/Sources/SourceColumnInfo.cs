namespace LevBacktest.Core.Data.Sources;

/// <summary>Name and type of a column, known before its values are read.</summary>
/// <param name="Name">Column name as stored in the file.</param>
/// <param name="Kind">How the values will be held once read.</param>
/// <param name="TimeKind">Time meaning of the type.</param>
/// <param name="TypeDescription">The type as the file states it, for error messages (e.g. "INT64 TIMESTAMP(MICROS)").</param>
internal sealed record SourceColumnInfo(string Name, SourceValueKind Kind, SourceTimeKind TimeKind, string TypeDescription);
