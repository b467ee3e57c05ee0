using System.Reflection;


namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Writes whole flat (non-nested) tables to Parquet files that other tools read (pandas/pyarrow, polars, DuckDB,
/// Spark) through ParquetSharp, as one <see cref="ParquetTableWriter"/> that is given every row at once: column
/// statistics, the page index, page CRC-32s, and a footer naming LevBacktest in <c>created_by</c>.
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
    /// <param name="cancellationToken">Checked before each column chunk (see <see cref="ParquetTableWriter.Append"/>); a
    /// cancelled write leaves no file behind and any previous file untouched.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Write(string path, IReadOnlyList<ParquetWriteColumn> columns, ParquetWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var definitions = Definitions(columns);
        using var table = ParquetTableWriter.Create(path, definitions, options);
        table.Append(columns, cancellationToken);
        table.Complete();
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
        var definitions = Definitions(columns);
        using var table = ParquetTableWriter.Create(stream, definitions, options);
        table.Append(columns);
        table.Complete();
    }

    private static ParquetColumnDefinition[] Definitions(IReadOnlyList<ParquetWriteColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var definitions = new ParquetColumnDefinition[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            definitions[c] = (columns[c] ?? throw new ArgumentException($"Column {c} is null.", nameof(columns))).Definition;
        }

        return definitions;
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
