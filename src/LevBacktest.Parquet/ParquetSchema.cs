namespace LevBacktest.Parquet;

/// <summary>The flat leaf columns of a Parquet file in schema order.</summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, ParquetColumnDescriptor> _byName;

    internal ParquetSchema(IReadOnlyList<ParquetColumnDescriptor> columns, IReadOnlyList<string> nestedColumnPaths)
    {
        Columns = columns;
        NestedColumnPaths = nestedColumnPaths;
        _byName = new Dictionary<string, ParquetColumnDescriptor>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            _byName.TryAdd(column.Name, column);
        }
    }

    /// <summary>The readable flat columns, in schema order; <see cref="ParquetColumnDescriptor.Index"/> is the position among all leaves.</summary>
    public IReadOnlyList<ParquetColumnDescriptor> Columns { get; }

    /// <summary>Dotted paths of the leaves below a group or REPEATED field, which this flat reader cannot read.</summary>
    public IReadOnlyList<string> NestedColumnPaths { get; }

    /// <summary>Finds a column by exact name, else by case-insensitive name (first match); null when absent.</summary>
    public ParquetColumnDescriptor? FindColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return column;
            }
        }

        return null;
    }
}
