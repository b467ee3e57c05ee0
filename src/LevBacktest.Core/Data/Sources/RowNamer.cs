namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Names the file row behind an index into loaded arrays, which differ from file rows when a
/// symbol filter kept only some of them.
/// </summary>
/// <param name="Table">The source table.</param>
/// <param name="Rows">File row of each loaded index, or null when index = file row.</param>
internal readonly record struct RowNamer(SourceTable Table, int[]? Rows)
{
    public int FileRow(int index) => Rows is null ? index : Rows[index];

    public string Describe(int index) => Table.DescribeRow(FileRow(index));

    public MarketDataException Error(int index, string? column, string problem) =>
        new(Table.Path, Describe(index), column, problem);

    public MarketDataException Error(string? column, string problem) =>
        new(Table.Path, null, column, problem);
}
