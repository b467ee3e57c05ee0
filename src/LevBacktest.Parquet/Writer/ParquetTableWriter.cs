using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;

using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Library;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Writes one Parquet table piece by piece through ParquetSharp: opened once with its columns, then any number of
/// <see cref="Append"/> calls (rows accumulate in the open row group, which is written when it reaches
/// <see cref="ParquetWriterOptions.RowGroupSize"/> rows or at <see cref="FlushRowGroup"/>), then
/// <see cref="Complete"/>. Memory is bounded by one row group of encoded pages, whatever the table's length.
/// The bytes depend only on the sequence of calls and their values, never on timing or threads.
/// Writing to a path is atomic: a temporary file in the same folder is renamed over the path by
/// <see cref="Complete"/>; disposing without completing deletes it. Not thread-safe (one caller at a time), though
/// <see cref="Append"/> itself may encode the columns of a large slice on several cores
/// (<see cref="ParquetWriterOptions.MaxDegreeOfParallelism"/>), with the same bytes as one by one.
/// </summary>
/// <example>
/// <code>
/// using var table = ParquetTableWriter.Create("runs.parquet",
///     [ParquetColumnDefinition.Int32("runIndex"), ParquetColumnDefinition.Double("totalReturn")]);
/// foreach (var run in finishedRunsInIndexOrder)
///     table.Append([ParquetWriteColumn.Int32("runIndex", [run.Index]), ParquetWriteColumn.Double("totalReturn", [run.TotalReturn])]);
/// table.Complete();
/// </code>
/// </example>
public sealed class ParquetTableWriter : IDisposable
{
    /// <summary>
    /// Slices of at least this many rows have their columns encoded in parallel (<see cref="WriteColumnsInParallel"/>):
    /// a results table's full chunk of 65,536 rows is; single runs' few event rows are not worth a hand-off.
    /// </summary>
    private const int ParallelColumnRows = 1 << 14;

    private readonly ParquetColumnDefinition[] _columns;
    private readonly ParquetWriterOptions _options;
    private readonly ParquetSharp.WriterProperties _properties;
    private readonly ParquetSharp.ParquetFileWriter _file;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string _name;
    private readonly string? _path;
    private readonly string? _temporary;
    private ParquetSharp.RowGroupWriter? _rowGroup;
    private ParquetSharp.ColumnWriter[]? _columnWriters;
    private long _rowsInGroup;
    private short[] _levelScratch = [];
    private byte[] _denseScratch = [];
    private byte[] _lengthScratch = [];
    private byte[] _textScratch = [];
    private ParquetSharp.ByteArray[] _byteArrayScratch = [];
    private bool _completed;
    private bool _disposed;

    private ParquetTableWriter(IReadOnlyList<ParquetColumnDefinition> columns, ParquetWriterOptions options, Stream stream, bool ownsStream, string name, string? path, string? temporary)
    {
        _columns = [.. columns];
        _options = options;
        _stream = stream;
        _ownsStream = ownsStream;
        _name = name;
        _path = path;
        _temporary = temporary;
        _properties = Properties(options);
        using var schema = Schema(_columns);
        try
        {
            _file = new ParquetSharp.ParquetFileWriter(stream, schema, _properties, Metadata(options), leaveOpen: true);
        }
        catch
        {
            _properties.Dispose();
            throw;
        }
    }

    /// <summary>The table's columns, in file order.</summary>
    public IReadOnlyList<ParquetColumnDefinition> Columns => _columns;

    /// <summary>Rows appended so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Opens a table that will be written to <paramref name="path"/> atomically by <see cref="Complete"/>.</summary>
    /// <param name="path">Destination file; its folder must exist. An existing file is replaced on completion.</param>
    /// <param name="columns">At least one column, distinct non-empty names.</param>
    /// <param name="options">Codec, row group size, encoding and metadata; null means <see cref="ParquetWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No columns, an empty or duplicate name, a decimal outside 1..38 digits, or invalid options.</exception>
    /// <exception cref="IOException">The temporary file cannot be created.</exception>
    public static ParquetTableWriter Create(string path, IReadOnlyList<ParquetColumnDefinition> columns, ParquetWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= ParquetWriterOptions.Default;
        Validate(columns, options);
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            return new ParquetTableWriter(columns, options, stream, ownsStream: true, fullPath, fullPath, temporary);
        }
        catch
        {
            stream.Dispose();
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Opens a table written to <paramref name="stream"/> from its current position; the stream is left open.</summary>
    /// <param name="stream">Writable destination (need not be seekable).</param>
    /// <param name="columns">At least one column, distinct non-empty names.</param>
    /// <param name="options">Codec, row group size, encoding and metadata; null means <see cref="ParquetWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No columns, an empty or duplicate name, or invalid options.</exception>
    public static ParquetTableWriter Create(Stream stream, IReadOnlyList<ParquetColumnDefinition> columns, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ParquetWriterOptions.Default;
        Validate(columns, options);
        // The library asks a stream for its position; count it for streams that cannot tell.
        return new ParquetTableWriter(columns, options, stream.CanSeek ? stream : new PositionCountingStream(stream), ownsStream: false, "stream", null, null);
    }

    /// <summary>
    /// Appends rows: one <see cref="ParquetWriteColumn"/> per table column, in table order, all of the same length
    /// (zero is allowed). An OPTIONAL column may be given without validity (every row present).
    /// </summary>
    /// <param name="columns">The rows to append, one column per table column.</param>
    /// <param name="cancellationToken">Checked before each column chunk is encoded (one column of at most
    /// <see cref="ParquetWriterOptions.RowGroupSize"/> rows), so a cancelled write stops within one chunk; the table is
    /// then unusable and disposing it deletes the unfinished file.</param>
    /// <exception cref="ArgumentException">Wrong number, names or types of columns, different lengths, or nulls in a REQUIRED column.</exception>
    /// <exception cref="InvalidOperationException">The table was completed or disposed.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Append(IReadOnlyList<ParquetWriteColumn> columns, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != _columns.Length)
        {
            throw new ArgumentException($"{_name}: {columns.Count} columns given but the table has {_columns.Length}.", nameof(columns));
        }

        for (int c = 0; c < columns.Count; c++)
        {
            var column = columns[c] ?? throw new ArgumentException($"Column {c} is null.", nameof(columns));
            if (!_columns[c].Accepts(column))
            {
                throw new ArgumentException($"{_name}: column {c} is {column.Definition} but the table has {_columns[c]} there.", nameof(columns));
            }

            if (column.Length != columns[0].Length)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows but column '{columns[0].Name}' has {columns[0].Length}; all columns must have the same length.",
                    nameof(columns));
            }
        }

        int length = columns[0].Length;
        for (int offset = 0; offset < length;)
        {
            int take = (int)Math.Min(length - offset, _options.RowGroupSize - _rowsInGroup);
            var writers = OpenRowGroup();
            if (take >= ParallelColumnRows && columns.Count > 1 && Parallelism > 1 && NeedsNoScratch(columns))
            {
                WriteColumnsInParallel(writers, columns, offset, take, cancellationToken);
            }
            else
            {
                for (int c = 0; c < columns.Count; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Guard(() => WriteSlice(writers[c], columns[c], _columns[c].IsOptional, offset, take));
                }
            }

            offset += take;
            _rowsInGroup += take;
            RowCount += take;
            if (_rowsInGroup >= _options.RowGroupSize)
            {
                FlushRowGroup();
            }
        }
    }

    /// <summary>Ends the open row group now (a no-op when it holds no rows).</summary>
    /// <exception cref="InvalidOperationException">The table was completed or disposed.</exception>
    public void FlushRowGroup()
    {
        EnsureOpen();
        if (_rowGroup is null)
        {
            return;
        }

        var rowGroup = _rowGroup;
        var writers = _columnWriters!;
        _rowGroup = null;
        _columnWriters = null;
        _rowsInGroup = 0;
        Guard(() =>
        {
            rowGroup.Close();
            foreach (var writer in writers)
            {
                writer.Dispose();
            }

            rowGroup.Dispose();
        });
    }

    /// <summary>Writes the open row group and the footer, then (for a path) renames the temporary file over the destination.</summary>
    /// <exception cref="InvalidOperationException">The table was completed or disposed.</exception>
    /// <exception cref="IOException">Writing or renaming failed.</exception>
    public void Complete()
    {
        FlushRowGroup();
        Guard(_file.Close);
        _stream.Flush();
        if (_path is not null)
        {
            ((FileStream)_stream).Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(_temporary!, _path, overwrite: true);
        }

        // Only now: a table whose rename failed is not complete, and disposing it deletes its temporary file.
        _completed = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_columnWriters is not null)
        {
            foreach (var writer in _columnWriters)
            {
                writer.Dispose();
            }
        }

        _rowGroup?.Dispose();
        _file.Dispose();
        _properties.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }

        if (!_completed && _temporary is not null)
        {
            TryDelete(_temporary);
        }
    }

    /// <summary>
    /// Encodes the columns of one slice on up to every core: the row group is buffered, so each column chunk is
    /// encoded and compressed into its own buffers (the file is written in column order when the row group closes) and
    /// the bytes are the same as column by column. Only for columns that need no shared scratch buffer
    /// (<see cref="NeedsNoScratch"/>). The first failure (or cancellation) is rethrown as itself.
    /// </summary>
    private void WriteColumnsInParallel(ParquetSharp.ColumnWriter[] writers, IReadOnlyList<ParquetWriteColumn> columns, int offset, int take, CancellationToken cancellationToken)
    {
        ExceptionDispatchInfo? failure = null;
        Parallel.For(0, columns.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, (c, loop) =>
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                Guard(() => WriteSlice(writers[c], columns[c], optional: false, offset, take));
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(exception), null);
                loop.Stop();
            }
        });
        failure?.Throw();
    }

    /// <summary>Threads that may encode one slice's columns: <see cref="ParquetWriterOptions.MaxDegreeOfParallelism"/>, or the cores when that is −1.</summary>
    private int Parallelism => _options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : _options.MaxDegreeOfParallelism;

    /// <summary>
    /// Whether every column of the table is REQUIRED and of a fixed-width primitive type, so that writing it touches
    /// none of this writer's scratch buffers (levels, dense values, UTF-8 text) and columns may be written concurrently.
    /// </summary>
    private bool NeedsNoScratch(IReadOnlyList<ParquetWriteColumn> columns)
    {
        for (int c = 0; c < columns.Count; c++)
        {
            if (_columns[c].IsOptional || columns[c].Values is not (int[] or long[] or float[] or double[] or bool[]))
            {
                return false;
            }
        }

        return true;
    }

    private ParquetSharp.ColumnWriter[] OpenRowGroup()
    {
        if (_columnWriters is not null)
        {
            return _columnWriters;
        }

        Guard(() =>
        {
            _rowGroup = _file.AppendBufferedRowGroup();
            _columnWriters = new ParquetSharp.ColumnWriter[_columns.Length];
            for (int c = 0; c < _columns.Length; c++)
            {
                _columnWriters[c] = _rowGroup.Column(c);
            }
        });
        return _columnWriters!;
    }

    private void WriteSlice(ParquetSharp.ColumnWriter writer, ParquetWriteColumn column, bool optional, int row, int count)
    {
        int offset = column.Offset + row; // a view (ParquetWriteColumn.Rows) starts inside its arrays
        switch (column.Values)
        {
            case int[] ints: WritePrimitive(writer, ints, column.Validity, optional, offset, count); break;
            case long[] longs: WritePrimitive(writer, longs, column.Validity, optional, offset, count); break;
            case float[] floats: WritePrimitive(writer, floats, column.Validity, optional, offset, count); break;
            case double[] doubles: WritePrimitive(writer, doubles, column.Validity, optional, offset, count); break;
            case bool[] booleans: WritePrimitive(writer, booleans, column.Validity, optional, offset, count); break;
            case string?[] strings: WriteStrings(writer, strings, column.Validity, optional, offset, count); break;
            case byte[] fixedWidth: WriteFixedWidth(writer, fixedWidth, column.TypeLength, column.Validity, optional, offset, count); break;
            default: throw new ArgumentException($"Column '{column.Name}' holds {column.Values.GetType().Name}, which the writer does not know.");
        }
    }

    private void WritePrimitive<T>(ParquetSharp.ColumnWriter writer, T[] values, bool[]? validity, bool optional, int offset, int count)
        where T : unmanaged
    {
        var typed = (ParquetSharp.ColumnWriter<T>)writer;
        if (!optional)
        {
            typed.WriteBatch(values.AsSpan(offset, count));
            return;
        }

        var levels = Levels(validity, offset, count, out int present);
        if (present == count)
        {
            // No null (the usual case of results' OPTIONAL doubles): the values are already dense.
            typed.WriteBatch(count, levels, default, values.AsSpan(offset, count));
            return;
        }

        var dense = MemoryMarshal.Cast<byte, T>(Scratch(ref _denseScratch, present * Unsafe.SizeOf<T>()))[..present];
        for (int i = 0, k = 0; i < count; i++)
        {
            if (levels[i] == 1)
            {
                dense[k++] = values[offset + i];
            }
        }

        typed.WriteBatch(count, levels, default, dense);
    }

    /// <summary>
    /// Writes text as UTF-8 BYTE_ARRAY values. A value that is the same string object as the one before it (results'
    /// reason and kind columns repeat a few literals row after row) is encoded once and handed over again, pointing
    /// at the same bytes: the library copies each value into its page, so the pages are the same.
    /// </summary>
    private unsafe void WriteStrings(ParquetSharp.ColumnWriter writer, string?[] values, bool[]? validity, bool optional, int offset, int count)
    {
        var typed = (ParquetSharp.ColumnWriter<ParquetSharp.ByteArray>)writer;
        var levels = Levels(validity, offset, count, out int present);
        var lengthsAndStarts = MemoryMarshal.Cast<byte, int>(Scratch(ref _lengthScratch, 2 * present * sizeof(int)));
        var lengths = lengthsAndStarts[..present];
        var starts = lengthsAndStarts.Slice(present, present);
        int total = 0;
        string? previous = null;
        for (int i = 0, k = 0; i < count; i++)
        {
            if (levels[i] == 1)
            {
                // Measured first so the encoded bytes go into one buffer that does not move while pointers into it are handed over.
                string value = values[offset + i] ?? string.Empty;
                if (k > 0 && ReferenceEquals(value, previous))
                {
                    lengths[k] = lengths[k - 1];
                    starts[k] = starts[k - 1];
                }
                else
                {
                    lengths[k] = Encoding.UTF8.GetByteCount(value);
                    starts[k] = total;
                    total += lengths[k];
                }

                previous = value;
                k++;
            }
        }

        var utf8 = Scratch(ref _textScratch, Math.Max(total, 1));
        for (int i = 0, k = 0; i < count; i++)
        {
            if (levels[i] == 1)
            {
                // A repeat shares the bytes before it (a new value starting where the one before started has a
                // different length: the one before was empty).
                if (k == 0 || starts[k] != starts[k - 1] || lengths[k] != lengths[k - 1])
                {
                    Encoding.UTF8.GetBytes(values[offset + i] ?? string.Empty, utf8[starts[k]..]);
                }

                k++;
            }
        }

        if (_byteArrayScratch.Length < present)
        {
            _byteArrayScratch = new ParquetSharp.ByteArray[Math.Max(present, _byteArrayScratch.Length * 2)];
        }

        var arrays = _byteArrayScratch.AsSpan(0, present);
        fixed (byte* start = utf8)
        {
            for (int k = 0; k < present; k++)
            {
                arrays[k] = new ParquetSharp.ByteArray((IntPtr)(start + starts[k]), lengths[k]);
            }

            if (optional)
            {
                typed.WriteBatch(count, levels, default, arrays);
            }
            else
            {
                typed.WriteBatch(arrays);
            }
        }
    }

    private void WriteFixedWidth(ParquetSharp.ColumnWriter writer, byte[] values, int width, bool[]? validity, bool optional, int offset, int count)
    {
        var typed = (ParquetSharp.ColumnWriter<ParquetSharp.FixedLenByteArray>)writer;
        var levels = Levels(validity, offset, count, out int present);
        var handle = GCHandle.Alloc(values, GCHandleType.Pinned);
        try
        {
            IntPtr start = handle.AddrOfPinnedObject();
            var arrays = new ParquetSharp.FixedLenByteArray[present];
            for (int i = 0, k = 0; i < count; i++)
            {
                if (levels[i] == 1)
                {
                    arrays[k++] = new ParquetSharp.FixedLenByteArray(start + ((offset + i) * width));
                }
            }

            if (optional)
            {
                typed.WriteBatch(count, levels, default, arrays);
            }
            else
            {
                typed.WriteBatch(arrays);
            }
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>
    /// Definition levels of rows offset … offset + count − 1: 1 where a value is present, 0 at a null. The span is
    /// this writer's scratch buffer, valid until the next call (a results table writes a chunk of 65,536 rows per
    /// column, so reusing it saves a fresh array, and the kernel's zeroing of its pages, per column and chunk).
    /// </summary>
    private Span<short> Levels(bool[]? validity, int offset, int count, out int present)
    {
        if (_levelScratch.Length < count)
        {
            _levelScratch = new short[Math.Max(count, _levelScratch.Length * 2)];
        }

        var levels = _levelScratch.AsSpan(0, count);
        if (validity is null)
        {
            levels.Fill(1);
            present = count;
            return levels;
        }

        present = 0;
        for (int i = 0; i < count; i++)
        {
            bool has = validity[offset + i];
            levels[i] = has ? (short)1 : (short)0;
            present += has ? 1 : 0;
        }

        return levels;
    }

    /// <summary>A scratch byte buffer of at least <paramref name="length"/> bytes, grown (doubling) as needed and kept for the next call.</summary>
    private static Span<byte> Scratch(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }

    internal static ParquetSharp.WriterProperties Properties(ParquetWriterOptions options)
    {
        using var builder = new ParquetSharp.WriterPropertiesBuilder();
        builder.Compression(options.Codec switch
        {
            ParquetCompressionCodec.Uncompressed => ParquetSharp.Compression.Uncompressed,
            ParquetCompressionCodec.Snappy => ParquetSharp.Compression.Snappy,
            ParquetCompressionCodec.Gzip => ParquetSharp.Compression.Gzip,
            _ => ParquetSharp.Compression.Zstd,
        });
        if (options.Codec == ParquetCompressionCodec.Zstd)
        {
            builder.CompressionLevel(options.ZstdLevel);
        }

        builder.CreatedBy(ParquetFileWriter.CreatedBy);
        builder.MemoryPool(LibraryMemoryPool.Shared);
        if (options.ColumnsWithStatistics is { } withStatistics)
        {
            // Off by default, then on per named column (a column's own setting overrides the default).
            builder.DisableStatistics();
            foreach (string column in withStatistics)
            {
                builder.EnableStatistics(column);
            }
        }
        else
        {
            builder.EnableStatistics();
        }

        builder.EnableWritePageIndex();
        builder.EnablePageChecksum();
        builder.DataPagesize(options.DataPageSize);
        if (options.WriteBatchSize is { } batch)
        {
            builder.WriteBatchSize(batch);
        }

        if (!options.WriteSizeStatistics)
        {
            builder.SetSizeStatisticsLevel(ParquetSharp.SizeStatisticsLevel.None);
        }

        builder.DictionaryPagesizeLimit(options.DictionaryPageSizeLimit);
        builder.MaxRowGroupLength(options.RowGroupSize);
        if (options.UseDictionary)
        {
            builder.EnableDictionary();
        }
        else
        {
            builder.DisableDictionary();
        }

        foreach (string column in options.ColumnsWithoutDictionary ?? [])
        {
            builder.DisableDictionary(column);
        }

        // One setting per column path, so the order of these calls does not matter.
        foreach (var (column, encoding) in options.ColumnEncodings ?? new Dictionary<string, ParquetEncoding>())
        {
            builder.Encoding(column, encoding switch
            {
                ParquetEncoding.DeltaBinaryPacked => ParquetSharp.Encoding.DeltaBinaryPacked,
                ParquetEncoding.ByteStreamSplit => ParquetSharp.Encoding.ByteStreamSplit,
                _ => ParquetSharp.Encoding.Plain,
            });
        }

        return builder.Build();
    }

    private static ParquetSharp.Schema.GroupNode Schema(ParquetColumnDefinition[] columns)
    {
        var nodes = new ParquetSharp.Schema.Node[columns.Length];
        try
        {
            for (int c = 0; c < columns.Length; c++)
            {
                nodes[c] = Node(columns[c]);
            }

            return new ParquetSharp.Schema.GroupNode("schema", ParquetSharp.Repetition.Required, nodes);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node?.Dispose();
            }
        }
    }

    private static ParquetSharp.Schema.PrimitiveNode Node(ParquetColumnDefinition column)
    {
        var repetition = column.IsOptional ? ParquetSharp.Repetition.Optional : ParquetSharp.Repetition.Required;
        (ParquetSharp.PhysicalType physical, int length) = column.Type switch
        {
            ParquetWriteType.Int32 or ParquetWriteType.Date => (ParquetSharp.PhysicalType.Int32, -1),
            ParquetWriteType.Int64 or ParquetWriteType.Timestamp => (ParquetSharp.PhysicalType.Int64, -1),
            ParquetWriteType.Float => (ParquetSharp.PhysicalType.Float, -1),
            ParquetWriteType.Double => (ParquetSharp.PhysicalType.Double, -1),
            ParquetWriteType.Boolean => (ParquetSharp.PhysicalType.Boolean, -1),
            ParquetWriteType.String => (ParquetSharp.PhysicalType.ByteArray, -1),
            _ when column.Precision <= 9 => (ParquetSharp.PhysicalType.Int32, -1),
            _ when column.Precision <= 18 => (ParquetSharp.PhysicalType.Int64, -1),
            _ => (ParquetSharp.PhysicalType.FixedLenByteArray, ParquetWriteColumn.DecimalByteWidth(column.Precision)),
        };
        using var logical = column.Type switch
        {
            ParquetWriteType.String => ParquetSharp.LogicalType.String(),
            ParquetWriteType.Date => ParquetSharp.LogicalType.Date(),
            ParquetWriteType.Timestamp => ParquetSharp.LogicalType.Timestamp(true, column.TimeUnit switch
            {
                ParquetTimeUnit.Micros => ParquetSharp.TimeUnit.Micros,
                ParquetTimeUnit.Nanos => ParquetSharp.TimeUnit.Nanos,
                _ => ParquetSharp.TimeUnit.Millis,
            }),
            ParquetWriteType.Decimal => ParquetSharp.LogicalType.Decimal(column.Precision, column.Scale),
            _ => ParquetSharp.LogicalType.None(),
        };
        return new ParquetSharp.Schema.PrimitiveNode(column.Name, repetition, logical, physical, length);
    }

    private static IReadOnlyDictionary<string, string> Metadata(ParquetWriterOptions options)
        => new SortedDictionary<string, string>(
            (options.KeyValueMetadata ?? new Dictionary<string, string>()).ToDictionary(pair => pair.Key, pair => pair.Value),
            StringComparer.Ordinal);

    private static void Validate(IReadOnlyList<ParquetColumnDefinition> columns, ParquetWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A Parquet file needs at least one column.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count; c++)
        {
            var column = columns[c] ?? throw new ArgumentException($"Column {c} is null.", nameof(columns));
            if (string.IsNullOrWhiteSpace(column.Name))
            {
                throw new ArgumentException("A Parquet column name must be non-empty and not only white space.", nameof(columns));
            }

            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears more than once; column names must be unique.", nameof(columns));
            }

            if (options.ColumnEncodings is { } encodings && encodings.TryGetValue(column.Name, out var encoding) && !EncodingFits(column, encoding))
            {
                throw new ArgumentException($"Column '{column.Name}' is {column.Type}: encoding {encoding} applies to {(encoding == ParquetEncoding.DeltaBinaryPacked ? "INT32, INT64, TIMESTAMP and DATE" : "FLOAT and DOUBLE")} columns only.", nameof(options));
            }

            if (column.Type == ParquetWriteType.Decimal && (column.Precision is < 1 or > 38 || column.Scale < 0 || column.Scale > column.Precision))
            {
                throw new ArgumentException($"Column '{column.Name}': DECIMAL({column.Precision},{column.Scale}) is outside precision 1..38, scale 0..precision.", nameof(columns));
            }
        }

        options.Validate();
    }

    private static bool EncodingFits(ParquetColumnDefinition column, ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.DeltaBinaryPacked => column.Type is ParquetWriteType.Int32 or ParquetWriteType.Int64 or ParquetWriteType.Timestamp or ParquetWriteType.Date,
        ParquetEncoding.ByteStreamSplit => column.Type is ParquetWriteType.Float or ParquetWriteType.Double,
        _ => true,
    };

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"{_name}: the table is already complete.");
        }
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (ParquetSharp.ParquetException exception)
        {
            throw new IOException($"{_name}: writing Parquet failed: {LibraryErrors.CleanMessage(exception)}", exception);
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
}
