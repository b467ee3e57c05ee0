using System.Buffers;
using System.Buffers.Binary;

using LevBacktest.Parquet.Compression;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Reading;
using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet;

/// <summary>
/// Reads flat Parquet files (apache/parquet-format): every primitive column directly below the schema root,
/// REQUIRED or OPTIONAL, all physical types, PLAIN / dictionary / RLE / delta / BYTE_STREAM_SPLIT encodings,
/// data pages v1 and v2, and the codecs UNCOMPRESSED, SNAPPY, GZIP, ZSTD, BROTLI and LZ4_RAW. Nested columns
/// and encrypted files are refused with <see cref="NotSupportedException"/>; malformed files with
/// <see cref="ParquetFormatException"/> naming the file and, where known, row group, column and byte offset.
/// Not thread-safe: use one reader per thread.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private static readonly uint MagicPlain = BinaryPrimitives.ReadUInt32LittleEndian("PAR1"u8);
    private static readonly uint MagicEncrypted = BinaryPrimitives.ReadUInt32LittleEndian("PARE"u8);

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ParquetReaderOptions _options;
    private readonly long _dataEnd;
    private string? _rowCountProblem;
    private bool _disposed;

    private ParquetFileReader(Stream stream, bool ownsStream, string fileName, ParquetReaderOptions options)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _options = options;
        FileName = fileName;
        try
        {
            long length = stream.Length;
            (var footer, int footerLength) = ReadFooter(length);
            Schema = SchemaBuilder.Build(fileName, footer.Schema, out int leafCount);
            Metadata = new ParquetFileMetadata
            {
                Version = footer.Version,
                RowCount = footer.RowCount,
                RowGroups = footer.RowGroups,
                KeyValueMetadata = footer.KeyValueMetadata,
                CreatedBy = footer.CreatedBy,
                FooterLength = footerLength,
                FileLength = length,
            };
            _dataEnd = length - 8 - footerLength;
            ValidateRowGroups(leafCount);
        }
        catch
        {
            if (ownsStream)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    /// <summary>Name of the file used in error messages (the path given, or the name given with a stream).</summary>
    public string FileName { get; }

    /// <summary>The readable flat columns in schema order (nested ones are listed in <see cref="ParquetSchema.NestedColumnPaths"/>).</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Total number of rows.</summary>
    public long RowCount => Metadata.RowCount;

    /// <summary>The decoded footer: row groups, column chunks (codec, encodings, sizes, statistics), key-value metadata, created_by.</summary>
    public ParquetFileMetadata Metadata { get; }

    /// <summary>Opens a Parquet file and decodes its footer.</summary>
    /// <param name="path">Path of the file.</param>
    /// <param name="options">Reader options; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ParquetFormatException">The file is not Parquet, truncated, or its footer is corrupt.</exception>
    /// <exception cref="NotSupportedException">The file is encrypted (Parquet Modular Encryption).</exception>
    public static ParquetFileReader Open(string path, ParquetReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        return new ParquetFileReader(stream, ownsStream: true, path, options ?? ParquetReaderOptions.Default);
    }

    /// <summary>Opens Parquet data from a stream (copied into memory first when it cannot seek). The reader does not dispose the stream.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="options">Reader options; null for the defaults.</param>
    /// <exception cref="ParquetFormatException">The data is not Parquet, truncated, or its footer is corrupt.</exception>
    /// <exception cref="NotSupportedException">The file is encrypted.</exception>
    public static ParquetFileReader Open(Stream stream, string fileName, ParquetReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new ParquetFileReader(copy, ownsStream: true, fileName, options ?? ParquetReaderOptions.Default);
        }

        return new ParquetFileReader(stream, ownsStream: false, fileName, options ?? ParquetReaderOptions.Default);
    }

    /// <summary>Reads a DOUBLE column (FLOAT widened) of a column without nulls.</summary>
    /// <param name="name">Column name (exact, else case-insensitive).</param>
    /// <returns>One value per row, length <see cref="RowCount"/>.</returns>
    /// <exception cref="ParquetFormatException">Missing column, another physical type, a null value (row named), or corrupt data.</exception>
    public double[] ReadDoubleColumn(string name)
    {
        var data = ReadColumn(name);
        RequireNoNulls(data);
        if (data.Doubles is double[] doubles)
        {
            return doubles;
        }

        if (data.Floats is float[] floats)
        {
            var widened = new double[floats.Length];
            for (int i = 0; i < floats.Length; i++)
            {
                widened[i] = floats[i];
            }

            return widened;
        }

        throw WrongType(data.Column, "DOUBLE or FLOAT");
    }

    /// <summary>Reads an INT64 column (INT32 widened) of a column without nulls.</summary>
    /// <param name="name">Column name (exact, else case-insensitive).</param>
    /// <returns>One raw stored value per row (e.g. epoch units of a TIMESTAMP), length <see cref="RowCount"/>.</returns>
    /// <exception cref="ParquetFormatException">Missing column, another physical type, a null value (row named), or corrupt data.</exception>
    public long[] ReadInt64Column(string name)
    {
        var data = ReadColumn(name);
        RequireNoNulls(data);
        if (data.Int64s is long[] longs)
        {
            return longs;
        }

        if (data.Int32s is int[] ints)
        {
            bool unsigned = data.Column.LogicalType is { Kind: ParquetLogicalTypeKind.Integer, IsSigned: false };
            var widened = new long[ints.Length];
            for (int i = 0; i < ints.Length; i++)
            {
                widened[i] = unsigned ? (uint)ints[i] : ints[i];
            }

            return widened;
        }

        throw WrongType(data.Column, "INT64 or INT32");
    }

    /// <summary>Reads an INT32 column without nulls.</summary>
    /// <param name="name">Column name (exact, else case-insensitive).</param>
    /// <returns>One raw stored value per row, length <see cref="RowCount"/>.</returns>
    /// <exception cref="ParquetFormatException">Missing column, another physical type, a null value (row named), or corrupt data.</exception>
    public int[] ReadInt32Column(string name)
    {
        var data = ReadColumn(name);
        RequireNoNulls(data);
        return data.Int32s ?? throw WrongType(data.Column, "INT32");
    }

    /// <summary>Reads any flat column of every row group: typed values plus validity.</summary>
    /// <param name="name">Column name (exact, else case-insensitive).</param>
    /// <exception cref="ParquetFormatException">Missing column or corrupt data.</exception>
    /// <exception cref="NotSupportedException">The column is nested, encrypted, or uses an unsupported codec.</exception>
    public ParquetColumnData ReadColumn(string name) => ReadColumn(Resolve(name), 0, Metadata.RowGroups.Count);

    /// <summary>Reads one row group of a flat column.</summary>
    /// <param name="name">Column name (exact, else case-insensitive).</param>
    /// <param name="rowGroupIndex">Row group, 0 … RowGroups.Count − 1.</param>
    /// <exception cref="ParquetFormatException">Missing column or corrupt data.</exception>
    /// <exception cref="NotSupportedException">The column is nested, encrypted, or uses an unsupported codec.</exception>
    public ParquetColumnData ReadColumn(string name, int rowGroupIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroupIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroupIndex, Metadata.RowGroups.Count);
        return ReadColumn(Resolve(name), rowGroupIndex, rowGroupIndex + 1);
    }

    /// <summary>Reads one row group of a column given by its descriptor.</summary>
    /// <exception cref="ParquetFormatException">Corrupt data.</exception>
    /// <exception cref="NotSupportedException">The column is encrypted or uses an unsupported codec.</exception>
    public ParquetColumnData ReadColumn(ParquetColumnDescriptor column, int rowGroupIndex)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroupIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroupIndex, Metadata.RowGroups.Count);
        return ReadColumn(column, rowGroupIndex, rowGroupIndex + 1);
    }

    /// <summary>
    /// Row-wise view for tools: one array per row holding each selected column's raw physical value (bool, int,
    /// long, float, double, <see cref="ParquetInt96"/> or byte[]) or null. Reads one row group at a time.
    /// </summary>
    /// <param name="columns">Column names to include in this order; null for every column.</param>
    /// <exception cref="ParquetFormatException">Missing column or corrupt data.</exception>
    /// <exception cref="NotSupportedException">A selected (or, with null, any) column is nested.</exception>
    public IEnumerable<object?[]> ReadRows(IReadOnlyList<string>? columns = null)
    {
        var selected = SelectColumns(columns);
        return ReadRowsIterator(selected);
    }

    /// <summary>
    /// Resolves column names to descriptors in the given order; null selects every column and then fails if
    /// the file has nested columns (which a flat reader cannot print).
    /// </summary>
    /// <exception cref="ParquetFormatException">A name matches no column.</exception>
    /// <exception cref="NotSupportedException">A name, or with null any column, is nested.</exception>
    public IReadOnlyList<ParquetColumnDescriptor> SelectColumns(IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            if (Schema.NestedColumnPaths.Count > 0)
            {
                throw NestedNotSupported(Schema.NestedColumnPaths[0]);
            }

            return Schema.Columns;
        }

        var result = new List<ParquetColumnDescriptor>(columns.Count);
        foreach (string name in columns)
        {
            result.Add(Resolve(name));
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_ownsStream)
            {
                _stream.Dispose();
            }
        }
    }

    private IEnumerable<object?[]> ReadRowsIterator(IReadOnlyList<ParquetColumnDescriptor> selected)
    {
        for (int group = 0; group < Metadata.RowGroups.Count; group++)
        {
            var data = new ParquetColumnData[selected.Count];
            for (int c = 0; c < selected.Count; c++)
            {
                data[c] = ReadColumn(selected[c], group, group + 1);
            }

            int rows = (int)Metadata.RowGroups[group].RowCount;
            for (int row = 0; row < rows; row++)
            {
                var values = new object?[selected.Count];
                for (int c = 0; c < selected.Count; c++)
                {
                    values[c] = data[c].GetValue(row);
                }

                yield return values;
            }
        }
    }

    private ParquetColumnDescriptor Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var column = Schema.FindColumn(name);
        if (column is not null)
        {
            return column;
        }

        foreach (string path in Schema.NestedColumnPaths)
        {
            if (string.Equals(path, name, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase))
            {
                throw NestedNotSupported(path);
            }
        }

        var names = string.Join(", ", Schema.Columns.Select(c => c.Name));
        throw new ParquetFormatException($"{FileName}: no column named '{name}'; the file has: {names}");
    }

    private NotSupportedException NestedNotSupported(string path)
        => new($"{FileName}: column '{path}' is nested (inside a group or REPEATED); this reader reads flat columns only");

    private ParquetColumnData ReadColumn(ParquetColumnDescriptor column, int firstGroup, int endGroup)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rowCountProblem is not null)
        {
            throw new ParquetFormatException(_rowCountProblem);
        }

        long rows = 0;
        long storedBytes = 0;
        for (int g = firstGroup; g < endGroup; g++)
        {
            rows += Metadata.RowGroups[g].RowCount;
            storedBytes += Metadata.RowGroups[g].Columns[column.Index].TotalCompressedSize;
        }

        if (rows > Array.MaxLength)
        {
            throw new ParquetFormatException($"{FileName}: column '{column.Name}' has {rows} rows, more than one array can hold");
        }

        // Every row costs at least a few bits of stored data unless run-length encoded; start with what the
        // stored bytes make plausible and let real pages grow the arrays.
        var output = new ColumnAccumulator(column, rows, Math.Min(rows, (storedBytes * 64) + 1024));
        for (int g = firstGroup; g < endGroup; g++)
        {
            ReadChunk(column, g, output);
        }

        if (output.Count != rows)
        {
            throw new ParquetFormatException($"{FileName}: column '{column.Name}' yields {output.Count} values for {rows} rows");
        }

        return output.ToColumnData();
    }

    private void ReadChunk(ParquetColumnDescriptor column, int group, ColumnAccumulator output)
    {
        var rowGroup = Metadata.RowGroups[group];
        var chunk = rowGroup.Columns[column.Index];
        string where = $"{FileName}: row group {group}, column '{column.Name}'";
        if (rowGroup.RowCount == 0)
        {
            return;
        }

        if (chunk.IsEncrypted)
        {
            throw new NotSupportedException($"{where}: the file is encrypted (Parquet Modular Encryption); encrypted columns are not supported");
        }

        if (chunk.ExternalFilePath is not null)
        {
            throw new NotSupportedException($"{where}: the column chunk lives in another file ('{chunk.ExternalFilePath}'), which is not supported");
        }

        if (chunk.PhysicalType != column.PhysicalType)
        {
            throw new ParquetFormatException($"{where}: the column chunk says physical type {(int)chunk.PhysicalType} but the schema says {column.PhysicalTypeName}");
        }

        if (chunk.ValueCount != rowGroup.RowCount)
        {
            throw new ParquetFormatException($"{where}: the column chunk holds {chunk.ValueCount} values but the row group has {rowGroup.RowCount} rows");
        }

        if (chunk.Codec == ParquetCompressionCodec.Lz4)
        {
            throw new NotSupportedException($"{where}: compression codec LZ4 (the deprecated codec 5, whose framing differs between writers) is not supported; rewrite the file with LZ4_RAW, ZSTD or SNAPPY");
        }

        if (chunk.Codec == ParquetCompressionCodec.Lzo)
        {
            throw new NotSupportedException($"{where}: compression codec LZO is not supported");
        }

        if (!PageDecompressor.IsSupported(chunk.Codec))
        {
            throw new ParquetFormatException($"{where}: unknown compression codec {(int)chunk.Codec}");
        }

        long start = chunk.StartOffset;
        long length = chunk.TotalCompressedSize;
        if (start < 4 || length <= 0 || start > _dataEnd || length > _dataEnd - start)
        {
            throw new ParquetFormatException($"{where}: the column chunk at byte offset {start} with {length} bytes lies outside the file's data region (bytes 4 to {_dataEnd})");
        }

        if (length > Array.MaxLength)
        {
            throw new ParquetFormatException($"{where}: the column chunk of {length} bytes is larger than this reader supports");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var span = buffer.AsSpan(0, (int)length);
            ReadAt(start, span, where);
            var reader = new ColumnChunkReader(FileName, group, column, chunk, _options);
            reader.Read(span, start, (int)rowGroup.RowCount, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ReadAt(long offset, Span<byte> destination, string where)
    {
        try
        {
            _stream.Position = offset;
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException exception)
        {
            throw new ParquetFormatException($"{where}: the file ends before byte {offset + destination.Length} (truncated)", exception);
        }
    }

    private (DecodedFooter Footer, int FooterLength) ReadFooter(long length)
    {
        if (length < 12)
        {
            throw new ParquetFormatException($"{FileName}: not a Parquet file (only {length} bytes; a Parquet file has at least 12)");
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        ReadAt(0, head, FileName);
        ReadAt(length - 8, tail, FileName);
        uint headMagic = BinaryPrimitives.ReadUInt32LittleEndian(head);
        uint tailMagic = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (headMagic == MagicEncrypted || tailMagic == MagicEncrypted)
        {
            throw new NotSupportedException($"{FileName}: the file is encrypted (Parquet Modular Encryption, encrypted footer); encrypted files are not supported");
        }

        if (headMagic != MagicPlain)
        {
            throw new ParquetFormatException($"{FileName}: not a Parquet file (it does not start with the magic bytes PAR1)");
        }

        if (tailMagic != MagicPlain)
        {
            throw new ParquetFormatException($"{FileName}: not a Parquet file, or truncated: it does not end with the magic bytes PAR1");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new ParquetFormatException($"{FileName}: footer length {footerLength} at byte offset {length - 8} reaches before the start of the file (file has {length} bytes); the file is truncated or corrupt");
        }

        long footerStart = length - 8 - footerLength;
        byte[] footerBytes = new byte[footerLength];
        ReadAt(footerStart, footerBytes, FileName);
        var reader = new ThriftCompactReader(footerBytes, footerStart, $"{FileName}: footer");
        var footer = FileMetadataDecoder.Decode(ref reader);
        if (footer.HasEncryptionAlgorithm)
        {
            throw new NotSupportedException($"{FileName}: the file is encrypted (Parquet Modular Encryption, plaintext footer); encrypted files are not supported");
        }

        return (footer, footerLength);
    }

    private void ValidateRowGroups(int leafCount)
    {
        long total = 0;
        foreach (var group in Metadata.RowGroups)
        {
            if (group.Columns.Count != leafCount)
            {
                throw new ParquetFormatException($"{FileName}: row group {group.Index} has {group.Columns.Count} column chunks but the schema has {leafCount} columns");
            }

            total += group.RowCount;
            if (total < 0)
            {
                throw new ParquetFormatException($"{FileName}: row counts overflow");
            }
        }

        if (total != Metadata.RowCount)
        {
            // Reported when data is read, so that a file that is refused anyway (e.g. nested) says why.
            _rowCountProblem = $"{FileName}: the row groups hold {total} rows but the footer says num_rows {Metadata.RowCount}";
        }
    }

    private void RequireNoNulls(ParquetColumnData data)
    {
        int row = data.FirstNullRow();
        if (row >= 0)
        {
            throw new ParquetFormatException($"{FileName}: column '{data.Column.Name}' is null at row {row}; a value is required");
        }
    }

    private ParquetFormatException WrongType(ParquetColumnDescriptor column, string expected)
        => new($"{FileName}: column '{column.Name}' has physical type {column.PhysicalTypeName}, expected {expected}");
}
