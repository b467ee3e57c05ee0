namespace LevBacktest.Core.Data.Sources;

/// <summary>A table whose columns are already in memory (tests, CSV import, generated data).</summary>
internal sealed class InMemorySourceTable : SourceTable
{
    private readonly Dictionary<string, SourceColumn> _columns;

    public InMemorySourceTable(string path, IReadOnlyList<SourceColumn> columns)
        : base(path, columns.Select(c => c.Info).ToArray(), columns.Count == 0 ? 0 : columns[0].Length)
    {
        _columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} values, expected {RowCount}.", nameof(columns));
            }
        }
    }

    public override SourceColumn Read(SourceColumnInfo column) => _columns[column.Name];
}
