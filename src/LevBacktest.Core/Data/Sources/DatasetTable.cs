namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// The rows of several files read one after the other (a dataset), for messages only: row k is named by its
/// own file and row there, e.g. "…/month=2024-02/part-0.parquet row 12". Values are read file by file, never
/// through this table.
/// </summary>
internal sealed class DatasetTable : SourceTable
{
    private readonly RowNamer[] _parts;
    private readonly int[] _starts;

    /// <summary>Joins the row namers of the files in the order their rows were concatenated.</summary>
    /// <param name="path">The folder or glob as the user gave it.</param>
    /// <param name="parts">Each file's row namer, in concatenation order.</param>
    /// <param name="counts">Rows taken from each file (same length as <paramref name="parts"/>).</param>
    public DatasetTable(string path, RowNamer[] parts, int[] counts)
        : base(path, parts.Length == 0 ? [] : parts[0].Table.Columns, counts.Sum())
    {
        _parts = parts;
        _starts = new int[parts.Length];
        for (int p = 1; p < parts.Length; p++)
        {
            _starts[p] = _starts[p - 1] + counts[p - 1];
        }
    }

    /// <inheritdoc/>
    public override SourceColumn Read(SourceColumnInfo column)
        => throw new NotSupportedException($"{Path}: a dataset's columns are read file by file.");

    /// <inheritdoc/>
    public override string DescribeRow(int row)
    {
        int part = Array.BinarySearch(_starts, row);
        if (part < 0)
        {
            part = ~part - 1;
        }

        // Several empty parts can share a start; the row belongs to the last of them.
        while (part + 1 < _starts.Length && _starts[part + 1] == row)
        {
            part++;
        }

        return $"{_parts[part].Table.Path} {_parts[part].Describe(row - _starts[part])}";
    }
}
