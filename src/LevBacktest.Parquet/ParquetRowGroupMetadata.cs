namespace LevBacktest.Parquet;

/// <summary>One row group (Thrift <c>RowGroup</c>).</summary>
public sealed class ParquetRowGroupMetadata
{
    /// <summary>Zero-based index of the row group in the file.</summary>
    public required int Index { get; init; }

    /// <summary>Rows in the row group.</summary>
    public required long RowCount { get; init; }

    /// <summary>Total uncompressed byte size of the row group's column data, as stated by the writer.</summary>
    public required long TotalByteSize { get; init; }

    /// <summary>Column chunks, one per leaf column, in schema order.</summary>
    public required IReadOnlyList<ParquetColumnChunkMetadata> Columns { get; init; }
}
