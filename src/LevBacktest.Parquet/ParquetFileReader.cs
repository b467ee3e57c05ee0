using LevBacktest.Parquet.Library;

namespace LevBacktest.Parquet;

/// <summary>
/// Reads flat Parquet files through ParquetSharp (Apache Arrow's C++ Parquet implementation): every primitive
/// column directly below the schema root, REQUIRED or OPTIONAL, as raw physical values (logical types are
/// described by <see cref="ParquetColumnDescriptor.LogicalType"/> and interpreted by the caller). Page CRC-32s
/// are verified unless <see cref="ParquetReaderOptions.VerifyPageChecksums"/> is false. Nested columns and
/// encrypted files are refused with <see cref="NotSupportedException"/>; damaged files raise
/// <see cref="ParquetFormatException"/> naming the file and, where known, the row group and column. Not
/// thread-safe: use one reader per thread.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private readonly ParquetSharp.ParquetFileReader _library;
    private readonly ParquetSharp.ReaderProperties _properties;
    private readonly Stream? _ownedStream;
    private readonly string? _rowCountProblem;
    private bool _disposed;

    /// <summary>The allocator behind the library's buffers for this file ("system": see <see cref="LibraryMemoryPool"/>).</summary>
    internal string MemoryPoolBackendName => _properties.MemoryPool.BackendName;

    private ParquetFileReader(Func<ParquetSharp.ReaderProperties, ParquetSharp.ParquetFileReader> open, Stream envelope, Stream? ownedStream, string fileName, ParquetReaderOptions options)
    {
        FileName = fileName;
        _ownedStream = ownedStream;
        _properties = ParquetSharp.ReaderProperties.WithMemoryPool(LibraryMemoryPool.Shared);
        try
        {
            long fileLength = CheckEnvelope(envelope, fileName);

            if (options.VerifyPageChecksums)
            {
                _properties.EnablePageChecksumVerification();
            }

            try
            {
                _library = open(_properties);
                using var footer = _library.FileMetaData;
                var schema = footer.Schema;
                Schema = LibrarySchema.Build(schema);
                Metadata = LibraryMetadata.Build(_library, footer, fileLength);
            }
            catch (Exception exception) when (exception is ParquetFormatException || LibraryErrors.IsLibraryFailure(exception))
            {
                _library?.Dispose();
                throw exception is ParquetFormatException ? new ParquetFormatException($"{fileName}: {exception.Message}", exception) : LibraryErrors.Translate(fileName, exception);
            }

            long total = Metadata.RowGroups.Sum(group => group.RowCount);
            if (total != Metadata.RowCount)
            {
                // Reported when data is read, so that a file that is refused anyway (e.g. nested) says why.
                _rowCountProblem = $"{fileName}: the row groups hold {total} rows but the footer says num_rows {Metadata.RowCount}";
            }
        }
        catch
        {
            _properties.Dispose();
            ownedStream?.Dispose();
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
        using var envelope = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        return new ParquetFileReader(properties => new ParquetSharp.ParquetFileReader(path, properties), envelope, null, path, options ?? ParquetReaderOptions.Default);
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
        Stream? owned = null;
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = owned = copy;
        }

        var source = stream;
        return new ParquetFileReader(properties => new ParquetSharp.ParquetFileReader(source, properties, leaveOpen: true), source, owned, fileName, options ?? ParquetReaderOptions.Default);
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
        EnsureRowCountsAgree();
        return ReadRowsIterator(selected);
    }

    /// <summary>
    /// Checks that the footer's num_rows equals the sum of the row groups' row counts. Every read of data checks it
    /// (<see cref="ReadColumn(string)"/> and its overloads, <see cref="ReadRows"/>); call it before a loop over
    /// <see cref="ParquetFileMetadata.RowGroups"/> that may skip row groups, or a file whose row groups hold no rows
    /// while its footer promises some would read as empty instead of failing.
    /// </summary>
    /// <exception cref="ParquetFormatException">The counts differ (the message names the file and both counts).</exception>
    public void EnsureRowCountsAgree()
    {
        if (_rowCountProblem is not null)
        {
            throw new ParquetFormatException(_rowCountProblem);
        }
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
            _library.Dispose();
            _properties.Dispose();
            _ownedStream?.Dispose();
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
        EnsureRowCountsAgree();

        for (int g = firstGroup; g < endGroup; g++)
        {
            var chunk = Metadata.RowGroups[g].Columns[column.Index];
            if (chunk.IsEncrypted)
            {
                throw new NotSupportedException($"{FileName}: row group {g}, column '{column.Name}': the file is encrypted (Parquet Modular Encryption); encrypted columns are not supported");
            }

            if (chunk.Codec == Format.ParquetCompressionCodec.Lz4)
            {
                throw new NotSupportedException($"{FileName}: row group {g}, column '{column.Name}': compression codec LZ4 (the deprecated codec 5, whose framing differs between writers) is not supported; rewrite the file with LZ4_RAW, ZSTD or SNAPPY");
            }
        }

        return LibraryColumnReader.Read(_library, FileName, Metadata, column, firstGroup, endGroup);
    }

    /// <summary>
    /// Checks the magic bytes and the footer length before the library sees the file, so that the commonest
    /// damage (not Parquet at all, truncated, encrypted footer) gets a plain message. Leaves the stream where it was.
    /// </summary>
    /// <returns>The file's length in bytes.</returns>
    private static long CheckEnvelope(Stream stream, string fileName)
    {
        long start = stream.Position;
        long length = stream.Length - start;
        if (length < 12)
        {
            throw new ParquetFormatException($"{fileName}: not a Parquet file (only {length} bytes; a Parquet file has at least 12)");
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        stream.ReadExactly(head);
        stream.Position = start + length - 8;
        stream.ReadExactly(tail);
        stream.Position = start;
        if (head.SequenceEqual("PARE"u8) || tail[4..].SequenceEqual("PARE"u8))
        {
            throw new NotSupportedException($"{fileName}: the file is encrypted (Parquet Modular Encryption, encrypted footer); encrypted files are not supported");
        }

        if (!head.SequenceEqual("PAR1"u8))
        {
            throw new ParquetFormatException($"{fileName}: not a Parquet file (it does not start with the magic bytes PAR1)");
        }

        if (!tail[4..].SequenceEqual("PAR1"u8))
        {
            throw new ParquetFormatException($"{fileName}: not a Parquet file, or truncated: it does not end with the magic bytes PAR1");
        }

        int footerLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new ParquetFormatException($"{fileName}: footer length {footerLength} at byte offset {length - 8} reaches before the start of the file (file has {length} bytes); the file is truncated or corrupt");
        }

        return length;
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
