namespace LevBacktest.Parquet;

/// <summary>The decoded footer of a Parquet file (Thrift <c>FileMetaData</c>).</summary>
public sealed class ParquetFileMetadata
{
    /// <summary>Format version the writer states (1 or 2).</summary>
    public required int Version { get; init; }

    /// <summary>Total rows (sum over row groups).</summary>
    public required long RowCount { get; init; }

    /// <summary>Row groups in file order.</summary>
    public required IReadOnlyList<ParquetRowGroupMetadata> RowGroups { get; init; }

    /// <summary>File-level key-value metadata in stored order (values may be null).</summary>
    public required IReadOnlyList<KeyValuePair<string, string?>> KeyValueMetadata { get; init; }

    /// <summary>The writer's application string (<c>created_by</c>), or null.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Length in bytes of the Thrift-encoded footer.</summary>
    public required int FooterLength { get; init; }

    /// <summary>Length of the file in bytes.</summary>
    public required long FileLength { get; init; }
}
