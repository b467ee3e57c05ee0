using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Settings of <see cref="ParquetFileWriter"/> and <see cref="ParquetTableWriter"/>, passed on to ParquetSharp's
/// writer. The defaults produce files that pandas/pyarrow, polars, DuckDB and Spark read: ZSTD pages with CRC-32s,
/// dictionary encoding where it pays, column statistics and the page index, row groups of 1,048,576 rows.
/// </summary>
public sealed record ParquetWriterOptions
{
    /// <summary>The options used when a caller passes none.</summary>
    public static ParquetWriterOptions Default { get; } = new();

    /// <summary>
    /// Page compression: <see cref="ParquetCompressionCodec.Uncompressed"/>, <see cref="ParquetCompressionCodec.Snappy"/>,
    /// <see cref="ParquetCompressionCodec.Gzip"/> or <see cref="ParquetCompressionCodec.Zstd"/> (default). Other
    /// codecs are rejected with <see cref="ArgumentException"/> when writing.
    /// </summary>
    public ParquetCompressionCodec Codec { get; init; } = ParquetCompressionCodec.Zstd;

    /// <summary>Zstandard compression level (1–22) used when <see cref="Codec"/> is ZSTD; default 3.</summary>
    public int ZstdLevel { get; init; } = 3;

    /// <summary>Maximum number of rows per row group (≥ 1); default 1,048,576. The last row group holds the rest.</summary>
    public int RowGroupSize { get; init; } = 1 << 20;

    /// <summary>
    /// Target size in bytes of a data page before compression (≥ 1); default 1 MiB (the library checks it between
    /// batches of values, so pages may run a little over).
    /// </summary>
    public int DataPageSize { get; init; } = 1 << 20;

    /// <summary>
    /// Values the library takes per step when a column is appended (≥ 1); null (default): its own, 1,024. After each
    /// step it updates the page's bookkeeping and checks whether the page is full (<see cref="DataPageSize"/>), so a
    /// page may run over that size by up to one step's values; a page never holds more than 20,000 rows (the library's
    /// own cap, applied inside a step). Larger steps cost less per value where pages fill by row count long before they
    /// reach <see cref="DataPageSize"/> (20,000 doubles are 160 KB), and then give the same pages. Only together with
    /// <see cref="WriteSizeStatistics"/> false and no statistics on OPTIONAL columns
    /// (<see cref="ColumnsWithStatistics"/>): with other steps ParquetSharp 25.0.1.2's library wrote the same pages but
    /// counted a null in the wrong page for the definition-level histograms and the page index's null counts (a
    /// 150,000-row test file with nulls, steps of 7 and 65,536).
    /// </summary>
    public int? WriteBatchSize { get; init; }

    /// <summary>
    /// Whether to write size statistics (Parquet's <c>SizeStatistics</c>: definition- and repetition-level histograms
    /// per page and column chunk, and unencoded BYTE_ARRAY sizes), which readers may use to estimate memory before
    /// decoding; default true (the library's own default).
    /// </summary>
    public bool WriteSizeStatistics { get; init; } = true;

    /// <summary>
    /// Whether to use dictionary encoding (a dictionary page, then RLE_DICTIONARY indices) for every column except
    /// BOOLEAN; default true. A column chunk falls back to PLAIN when its dictionary exceeds
    /// <see cref="DictionaryPageSizeLimit"/>.
    /// </summary>
    public bool UseDictionary { get; init; } = true;

    /// <summary>
    /// Names of columns written PLAIN even when <see cref="UseDictionary"/> is true: columns whose values hardly repeat
    /// (money amounts of single events, say), where a dictionary only costs hashing every value and ends up larger
    /// than the values. Null or empty: every column follows <see cref="UseDictionary"/>. Names that the table does not
    /// have are ignored.
    /// </summary>
    public IReadOnlyList<string>? ColumnsWithoutDictionary { get; init; }

    /// <summary>
    /// Value encoding of named columns where no dictionary is used (<see cref="UseDictionary"/> false, the column in
    /// <see cref="ColumnsWithoutDictionary"/>, or after a dictionary fell back): <see cref="ParquetEncoding.Plain"/>,
    /// <see cref="ParquetEncoding.DeltaBinaryPacked"/> for INT32, INT64, TIMESTAMP and DATE columns (differences of
    /// consecutive values, bit-packed: a clock with a fixed step or a constant column shrinks to a few bits a row
    /// before compression), or <see cref="ParquetEncoding.ByteStreamSplit"/> for FLOAT and DOUBLE columns (byte k of
    /// every value in stream k: the sign/exponent bytes of prices and balances repeat and compress well, and the
    /// compressor skips the random low mantissa bytes fast, where plain doubles make it chase many short matches).
    /// Both are in the Parquet format specification (Encodings.md) and read by pyarrow, polars, DuckDB and Spark.
    /// Null or empty, and every column not named: PLAIN. Names that the table does not have are ignored.
    /// </summary>
    public IReadOnlyDictionary<string, ParquetEncoding>? ColumnEncodings { get; init; }

    /// <summary>
    /// Names of the only columns whose chunks get statistics (minimum, maximum and null count in the footer, and the
    /// page index's per-page bounds); null (default): every column. Statistics let a reader skip row groups and pages a
    /// filter rules out, but the writer pays for them on every value (a min/max comparison per value, per page and per
    /// chunk): name the columns that readers filter on and whose bounds can rule anything out. Empty: no column. Names
    /// that the table does not have are ignored.
    /// </summary>
    public IReadOnlyList<string>? ColumnsWithStatistics { get; init; }

    /// <summary>
    /// Threads that may encode the columns of one appended slice at once: −1 (default) for every core, 1 for column by
    /// column on the caller's thread. Used when a slice has at least 16,384 rows and every column is REQUIRED and of a
    /// fixed-width type (results' equity tables); the bytes are the same either way, since each column chunk of the
    /// buffered row group is encoded into its own buffers and written in column order when the row group closes.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Largest PLAIN-encoded dictionary, in bytes, before a column chunk falls back to PLAIN (≥ 1); default 1 MiB.</summary>
    public int DictionaryPageSizeLimit { get; init; } = 1 << 20;

    /// <summary>
    /// Application key/value pairs stored in the file footer (for example the producing experiment's id);
    /// written sorted by key (ordinal) so output is deterministic. Null or empty writes none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A codec or column encoding the writer does not offer, or a size or level out of range (named).</exception>
    internal void Validate()
    {
        if (Codec is not (ParquetCompressionCodec.Uncompressed or ParquetCompressionCodec.Snappy or ParquetCompressionCodec.Gzip or ParquetCompressionCodec.Zstd))
        {
            throw new ArgumentException($"Compression codec {Codec} is not supported by the writer; use Uncompressed, Snappy, Gzip or Zstd.", "options");
        }

        CheckPositive(RowGroupSize, nameof(RowGroupSize));
        CheckPositive(DataPageSize, nameof(DataPageSize));
        CheckPositive(DictionaryPageSizeLimit, nameof(DictionaryPageSizeLimit));
        if (WriteBatchSize is { } batch)
        {
            CheckPositive(batch, nameof(WriteBatchSize));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentException($"ParquetWriterOptions.MaxDegreeOfParallelism must be -1 (every core) or at least 1 (got {MaxDegreeOfParallelism}).", "options");
        }

        if (Codec == ParquetCompressionCodec.Zstd && ZstdLevel is < 1 or > 22)
        {
            throw new ArgumentException($"ZstdLevel {ZstdLevel} is outside 1..22.", "options");
        }

        foreach (var (column, encoding) in ColumnEncodings ?? new Dictionary<string, ParquetEncoding>())
        {
            if (encoding is not (ParquetEncoding.Plain or ParquetEncoding.DeltaBinaryPacked or ParquetEncoding.ByteStreamSplit))
            {
                throw new ArgumentException($"Column '{column}': encoding {encoding} is not offered by the writer; use Plain, DeltaBinaryPacked or ByteStreamSplit.", "options");
            }
        }

        foreach (var pair in KeyValueMetadata ?? new Dictionary<string, string>())
        {
            if (pair.Value is null)
            {
                throw new ArgumentException($"Key/value metadata '{pair.Key}' has a null value.", "options");
            }
        }
    }

    private static void CheckPositive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"ParquetWriterOptions.{name} must be at least 1 (got {value}).", "options");
        }
    }
}
