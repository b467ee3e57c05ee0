namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// A flat table read from one file (Parquet or CSV): the column list is known at open, the values
/// of a column are read on demand so that unused columns cost nothing.
/// </summary>
internal abstract class SourceTable
{
    protected SourceTable(string path, IReadOnlyList<SourceColumnInfo> columns, int rowCount)
    {
        Path = path;
        Columns = columns;
        RowCount = rowCount;
    }

    /// <summary>The file as named in messages.</summary>
    public string Path { get; }

    public IReadOnlyList<SourceColumnInfo> Columns { get; }

    public int RowCount { get; }

    /// <summary>Reads all values of a column; throws <see cref="MarketDataException"/> naming the file on failure.</summary>
    public abstract SourceColumn Read(SourceColumnInfo column);

    /// <summary>How a row is named in messages: "row 12" (0-based) for Parquet, "line 14" (1-based) for CSV.</summary>
    public virtual string DescribeRow(int row) => $"row {row}";

    /// <summary>The column with this exact name, else the only one equal ignoring case, else null.</summary>
    public SourceColumnInfo? Find(string name)
    {
        SourceColumnInfo? caseInsensitive = null;
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }

            if (caseInsensitive is null && string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                caseInsensitive = column;
            }
        }

        return caseInsensitive;
    }
}
