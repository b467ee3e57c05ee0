using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>What the footer's ColumnChunk / ColumnMetaData must say about one written column chunk.</summary>
/// <param name="Column">The column written.</param>
/// <param name="FirstPageOffset">File offset of the chunk's first page (dictionary page if any).</param>
/// <param name="DataPageOffset">File offset of the first data page.</param>
/// <param name="DictionaryPageOffset">File offset of the dictionary page, or null without one.</param>
/// <param name="ValueCount">Number of values including nulls (= rows, the column being flat).</param>
/// <param name="TotalUncompressedSize">Sum of page header sizes and uncompressed page sizes.</param>
/// <param name="TotalCompressedSize">Sum of page header sizes and compressed page sizes (bytes on disk).</param>
/// <param name="Encodings">Every encoding used by the chunk's pages and levels.</param>
/// <param name="Statistics">Min, max and null count.</param>
/// <param name="Codec">Compression codec of the pages.</param>
internal sealed record ColumnChunkMetadata(
    ParquetWriteColumn Column,
    long FirstPageOffset,
    long DataPageOffset,
    long? DictionaryPageOffset,
    long ValueCount,
    long TotalUncompressedSize,
    long TotalCompressedSize,
    IReadOnlyList<ParquetEncoding> Encodings,
    ChunkStatistics Statistics,
    ParquetCompressionCodec Codec);
