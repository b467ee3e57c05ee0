using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet;

/// <summary>One column chunk of a row group (Thrift <c>ColumnChunk</c> with its <c>ColumnMetaData</c>).</summary>
public sealed class ParquetColumnChunkMetadata
{
    /// <summary>Dotted path of the column in the schema (<c>path_in_schema</c> joined by '.').</summary>
    public required string Path { get; init; }

    /// <summary>Physical type stated by the chunk.</summary>
    public required ParquetPhysicalType PhysicalType { get; init; }

    /// <summary>Compression codec of every page of the chunk.</summary>
    public required ParquetCompressionCodec Codec { get; init; }

    /// <summary>Encodings used by the chunk's pages, as listed by the writer.</summary>
    public required IReadOnlyList<ParquetEncoding> Encodings { get; init; }

    /// <summary>Number of values including nulls (for flat columns: rows).</summary>
    public required long ValueCount { get; init; }

    /// <summary>Total bytes of the chunk's pages (headers included) after decompression.</summary>
    public required long TotalUncompressedSize { get; init; }

    /// <summary>Total bytes of the chunk's pages (headers included) as stored.</summary>
    public required long TotalCompressedSize { get; init; }

    /// <summary>Byte offset of the first data page.</summary>
    public required long DataPageOffset { get; init; }

    /// <summary>Byte offset of the dictionary page, or null when absent (a stored 0 also means absent).</summary>
    public long? DictionaryPageOffset { get; init; }

    /// <summary>Chunk statistics, or null when not written.</summary>
    public ParquetStatistics? Statistics { get; init; }

    /// <summary>Key-value metadata of the chunk (empty when none).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> KeyValueMetadata { get; init; } = [];

    /// <summary>The chunk lives in another file (<c>file_path</c>); not supported for reading.</summary>
    public string? ExternalFilePath { get; init; }

    /// <summary>The chunk's metadata is encrypted (Parquet Modular Encryption).</summary>
    public bool IsEncrypted { get; init; }

    /// <summary>Byte offset where the chunk's first page starts: the dictionary page if present, else the first data page.</summary>
    public long StartOffset => DictionaryPageOffset is long dictionary && dictionary < DataPageOffset ? dictionary : DataPageOffset;
}
