using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Settings of <see cref="ParquetFileWriter"/>. The defaults produce files that pandas/pyarrow, polars, DuckDB
/// and Spark read: SNAPPY pages, dictionary encoding where it pays, row groups of 1,048,576 rows.
/// </summary>
public sealed record ParquetWriterOptions
{
    /// <summary>The options used when a caller passes none.</summary>
    public static ParquetWriterOptions Default { get; } = new();

    /// <summary>
    /// Page compression: <see cref="ParquetCompressionCodec.Uncompressed"/>, <see cref="ParquetCompressionCodec.Snappy"/>
    /// (default), <see cref="ParquetCompressionCodec.Gzip"/> or <see cref="ParquetCompressionCodec.Zstd"/>
    /// (needs <c>libzstd.so.1</c>). Other codecs are rejected with <see cref="ArgumentException"/> when writing.
    /// </summary>
    public ParquetCompressionCodec Codec { get; init; } = ParquetCompressionCodec.Snappy;

    /// <summary>Zstandard compression level (1–22) used when <see cref="Codec"/> is ZSTD; default 3.</summary>
    public int ZstdLevel { get; init; } = 3;

    /// <summary>Maximum number of rows per row group (≥ 1); default 1,048,576. The last row group holds the rest.</summary>
    public int RowGroupSize { get; init; } = 1 << 20;

    /// <summary>
    /// Target size in bytes of a data page's values before compression (≥ 1); default 1 MiB. Pages split at row
    /// boundaries, so a page holds at least one row.
    /// </summary>
    public int DataPageSize { get; init; } = 1 << 20;

    /// <summary>
    /// Whether to try dictionary encoding (a PLAIN dictionary page, then RLE_DICTIONARY indices) for every column
    /// except BOOLEAN; default true. A column chunk falls back to PLAIN when its dictionary would exceed
    /// <see cref="DictionaryPageSizeLimit"/> or would not make the chunk smaller.
    /// </summary>
    public bool UseDictionary { get; init; } = true;

    /// <summary>Largest PLAIN-encoded dictionary, in bytes, before a column chunk falls back to PLAIN (≥ 1); default 1 MiB.</summary>
    public int DictionaryPageSizeLimit { get; init; } = 1 << 20;

    /// <summary>
    /// Application key/value pairs stored in the file footer (for example the producing experiment's id);
    /// written sorted by key (ordinal) so output is deterministic. Null or empty writes none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }
}
