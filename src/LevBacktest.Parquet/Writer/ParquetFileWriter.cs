using System.Reflection;

using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Writes flat (non-nested) tables to Parquet files that other tools read: pandas/pyarrow, polars, DuckDB, Spark.
/// Layout follows apache/parquet-format (README "File Format", parquet.thrift): data pages v1, PLAIN or
/// dictionary encoding, column statistics (min_value, max_value, null_count) and a footer naming LevBacktest in
/// <c>created_by</c>.
/// </summary>
/// <example>
/// <code>
/// ParquetFileWriter.Write("bars.parquet",
/// [
///     ParquetWriteColumn.Timestamp("open_time", openTimeMs, ParquetTimeUnit.Millis),
///     ParquetWriteColumn.Double("close", close),
/// ], new ParquetWriterOptions { Codec = ParquetCompressionCodec.Zstd });
/// </code>
/// </example>
public static class ParquetFileWriter
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>
    /// The footer's created_by: "LevBacktest version &lt;version&gt; (build &lt;commit&gt;)", the commit being the
    /// source revision the assembly was built from (first 12 hex digits) or "none" when it is not known.
    /// </summary>
    public static string CreatedBy { get; } = BuildCreatedBy();

    /// <summary>
    /// Writes <paramref name="columns"/> to <paramref name="path"/> atomically: the file is written to a temporary
    /// file in the same folder and renamed over <paramref name="path"/> only when complete, so readers never see
    /// a partial file and a failure leaves any previous file untouched.
    /// </summary>
    /// <param name="path">Destination file; its folder must exist. An existing file is replaced.</param>
    /// <param name="columns">The columns, all of the same length, with distinct non-empty names, in file order.</param>
    /// <param name="options">Codec, row group size, encoding and metadata; null means <see cref="ParquetWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No columns, columns of different lengths, empty or duplicate names, or invalid options (the column or option is named).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, IReadOnlyList<ParquetWriteColumn> columns, ParquetWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= ParquetWriterOptions.Default;
        Validate(columns, options);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteValidated(stream, columns, options);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="columns"/> as a complete Parquet file to <paramref name="stream"/>, starting at its
    /// current position; the stream need not be seekable and is left open.
    /// </summary>
    /// <param name="stream">Writable destination.</param>
    /// <param name="columns">The columns, all of the same length, with distinct non-empty names, in file order.</param>
    /// <param name="options">Codec, row group size, encoding and metadata; null means <see cref="ParquetWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No columns, columns of different lengths, empty or duplicate names, or invalid options (the column or option is named).</exception>
    public static void Write(Stream stream, IReadOnlyList<ParquetWriteColumn> columns, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ParquetWriterOptions.Default;
        Validate(columns, options);
        WriteValidated(stream, columns, options);
    }

    private static void WriteValidated(Stream stream, IReadOnlyList<ParquetWriteColumn> columns, ParquetWriterOptions options)
    {
        var output = new CountingOutput(stream);
        output.Write(Magic);
        int rowCount = columns[0].Length;
        var chunkWriter = new ColumnChunkWriter(options, new PageCompressor(options.Codec, options.ZstdLevel), output);
        var rowGroups = new List<FileMetadataSerializer.RowGroup>();
        for (int firstRow = 0; firstRow < rowCount; firstRow += options.RowGroupSize)
        {
            int rows = Math.Min(options.RowGroupSize, rowCount - firstRow);
            var chunks = new ColumnChunkMetadata[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                chunks[c] = chunkWriter.Write(columns[c], firstRow, rows);
            }

            rowGroups.Add(new FileMetadataSerializer.RowGroup(rows, chunks));
        }

        var footer = new ThriftCompactWriter();
        FileMetadataSerializer.Write(footer, columns, rowGroups, rowCount, options.KeyValueMetadata, CreatedBy);
        int footerLength = footer.Length;
        footer.WriteInt32LittleEndianRaw(footerLength);
        output.Write(footer.WrittenSpan);
        output.Write(Magic);
        stream.Flush();
    }

    private static void Validate(IReadOnlyList<ParquetWriteColumn> columns, ParquetWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A Parquet file needs at least one column.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count; c++)
        {
            ParquetWriteColumn column = columns[c] ?? throw new ArgumentException($"Column {c} is null.", nameof(columns));
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears more than once; column names must be unique.", nameof(columns));
            }

            if (column.Length != columns[0].Length)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows but column '{columns[0].Name}' has {columns[0].Length}; all columns must have the same length.",
                    nameof(columns));
            }
        }

        if (options.Codec is not (ParquetCompressionCodec.Uncompressed or ParquetCompressionCodec.Snappy
            or ParquetCompressionCodec.Gzip or ParquetCompressionCodec.Zstd))
        {
            throw new ArgumentException($"Compression codec {options.Codec} is not supported by the writer; use Uncompressed, Snappy, Gzip or Zstd.", nameof(options));
        }

        CheckPositive(options.RowGroupSize, nameof(options.RowGroupSize));
        CheckPositive(options.DataPageSize, nameof(options.DataPageSize));
        CheckPositive(options.DictionaryPageSizeLimit, nameof(options.DictionaryPageSizeLimit));
        if (options.Codec == ParquetCompressionCodec.Zstd && options.ZstdLevel is < 1 or > 22)
        {
            throw new ArgumentException($"ZstdLevel {options.ZstdLevel} is outside 1..22.", nameof(options));
        }

        if (options.KeyValueMetadata is not null)
        {
            foreach (KeyValuePair<string, string> pair in options.KeyValueMetadata)
            {
                if (pair.Value is null)
                {
                    throw new ArgumentException($"Key/value metadata '{pair.Key}' has a null value.", nameof(options));
                }
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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string BuildCreatedBy()
    {
        string informational = typeof(ParquetFileWriter).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        string version = plus >= 0 ? informational[..plus] : informational;
        string build = plus >= 0 ? informational[(plus + 1)..] : string.Empty;
        if (build.Length > 12)
        {
            build = build[..12];
        }

        return $"LevBacktest version {version} (build {(build.Length > 0 ? build : "none")})";
    }
}
