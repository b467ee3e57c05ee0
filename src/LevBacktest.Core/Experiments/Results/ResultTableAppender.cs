using System.Numerics;
using System.Runtime.InteropServices;

using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Writes one Parquet table of a results folder row by row as runs finish: rows go into column buffers of
/// <see cref="ChunkRows"/> rows, and every full buffer is handed to <see cref="ParquetTableWriter.Append"/> as one
/// batch. The writer's page and dictionary decisions depend on the batches it is given, so fixing the batches at
/// exactly <see cref="ChunkRows"/> rows makes the file's bytes depend only on the sequence of rows: <c>levbt run</c>
/// (rows arrive run by run), <see cref="ExperimentResultsWriter"/> (a whole outcome) and <see cref="ResultsMerger"/>
/// (shard files, row group by row group) write the same bytes for the same rows. Memory: one chunk of values plus
/// the writer's open row group of encoded pages. Not thread-safe.
/// </summary>
/// <remarks>
/// The schema is fixed when the table is created, before any row is seen: a column is OPTIONAL because its
/// definition says so, never because a value happened to be missing. OPTIONAL columns must be DOUBLE; a row is null
/// there exactly when its value is not finite (NaN: the value does not apply; ±∞), so Parquet agrees with
/// summary.json, which has no NaN. REQUIRED DOUBLE columns store NaN as NaN.
/// </remarks>
internal sealed class ResultTableAppender : IDisposable
{
    /// <summary>Rows per batch handed to the Parquet writer (the last batch holds the rest).</summary>
    public const int ChunkRows = 1 << 16;

    private readonly ParquetTableWriter _table;
    private readonly ParquetColumnDefinition[] _columns;
    private readonly Array[] _buffers;
    private readonly bool[]?[] _validity;
    private readonly int _chunkRows;
    private readonly CancellationToken _cancellationToken;
    private int _filled;

    private ResultTableAppender(ParquetTableWriter table, ParquetColumnDefinition[] columns, int chunkRows, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _table = table;
        _columns = columns;
        _chunkRows = chunkRows;
        _buffers = new Array[columns.Length];
        _validity = new bool[]?[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            _buffers[c] = NewBuffer(columns[c], chunkRows);

            // Kept for every chunk: a fresh flag array per column and chunk only cost allocation and page faults.
            _validity[c] = columns[c].IsOptional ? new bool[chunkRows] : null;
        }
    }

    /// <summary>The table's columns, in file order.</summary>
    public IReadOnlyList<ParquetColumnDefinition> Columns => _columns;

    /// <summary>Opens <paramref name="path"/> (written atomically by <see cref="Complete"/>).</summary>
    /// <param name="path">The table's file in a results folder being written.</param>
    /// <param name="columns">The table's schema (<see cref="ResultTables"/>).</param>
    /// <param name="options">Writer options (<see cref="ExperimentResultsWriter.WriterOptionsOf"/>).</param>
    /// <param name="cancellationToken">Checked before each chunk is encoded (and, by the Parquet writer, before each column chunk).</param>
    /// <exception cref="ArgumentException">An OPTIONAL column that is not DOUBLE, or a type results tables do not use.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static ResultTableAppender Create(string path, IReadOnlyList<ParquetColumnDefinition> columns, ParquetWriterOptions options, CancellationToken cancellationToken = default)
        => Create(path, columns, options, ChunkRows, cancellationToken);

    /// <summary>As <see cref="Create(string, IReadOnlyList{ParquetColumnDefinition}, ParquetWriterOptions, CancellationToken)"/> with another chunk size (tests: chunks that runs cross).</summary>
    internal static ResultTableAppender Create(string path, IReadOnlyList<ParquetColumnDefinition> columns, ParquetWriterOptions options, int chunkRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        foreach (var column in columns)
        {
            if (column.IsOptional && column.Type != ParquetWriteType.Double)
            {
                throw new ArgumentException($"Column '{column.Name}': only DOUBLE columns of a results table may be OPTIONAL (null = not finite).", nameof(columns));
            }

            _ = NewBuffer(column, 0);
        }

        return new ResultTableAppender(ParquetTableWriter.Create(path, columns, options), [.. columns], chunkRows, cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="rowCount"/> rows. <paramref name="fill"/> is called once per stretch of rows that fits
    /// the current chunk, with the chunk's column buffers (see <see cref="ResultTableChunk"/>), the first buffer row to
    /// fill, the first of the <paramref name="rowCount"/> rows it stands for, and how many rows to fill.
    /// </summary>
    /// <param name="rowCount">Rows to append, ≥ 0.</param>
    /// <param name="fill">Writes rows [source, source + count) into buffer rows [at, at + count) of every column.</param>
    /// <exception cref="IOException">Writing a full chunk failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void Append(int rowCount, ResultTableFill fill) => Append(rowCount, fill, null);

    /// <summary>
    /// As <see cref="Append(int, ResultTableFill)"/>, but every whole chunk of the rows (a stretch of
    /// <see cref="ChunkRows"/> rows starting on an empty chunk) is handed to the Parquet writer as the columns
    /// <paramref name="wholeChunk"/> returns — views of arrays the rows already live in — instead of being copied into the
    /// chunk buffers first. The batches, and so the bytes, are the same as with the copy.
    /// </summary>
    /// <param name="rowCount">Rows to append, ≥ 0.</param>
    /// <param name="fill">Copies the rows that do not make a whole chunk.</param>
    /// <param name="wholeChunk">
    /// Given the chunk's (free) buffers, the first source row and the chunk's row count, the table's columns for those rows
    /// (a constant column may be written into the chunk's buffer and returned from there); null to copy them with
    /// <paramref name="fill"/> after all.
    /// </param>
    /// <exception cref="IOException">Writing a full chunk failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void Append(int rowCount, ResultTableFill fill, ResultTableColumns? wholeChunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(fill);
        var chunk = new ResultTableChunk(_buffers);
        for (int source = 0; source < rowCount;)
        {
            if (wholeChunk is not null && _filled == 0 && rowCount - source >= _chunkRows && wholeChunk(chunk, source, _chunkRows) is { } columns)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _table.Append(columns, _cancellationToken);
                source += _chunkRows;
                continue;
            }

            int count = Math.Min(rowCount - source, _chunkRows - _filled);
            fill(chunk, _filled, source, count);
            _filled += count;
            source += count;
            if (_filled == _chunkRows)
            {
                Flush();
            }
        }
    }

    /// <summary>Writes the buffered rows, the footer, and moves the file into place.</summary>
    /// <exception cref="IOException">Writing or renaming failed.</exception>
    public void Complete()
    {
        if (_filled > 0)
        {
            Flush();
        }

        _table.Complete();
    }

    /// <summary>Deletes the unfinished file unless <see cref="Complete"/> was called.</summary>
    public void Dispose() => _table.Dispose();

    private void Flush()
    {
        var batch = new ParquetWriteColumn[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            batch[c] = Column(_columns[c], _buffers[c], _validity[c], _filled);
        }

        _cancellationToken.ThrowIfCancellationRequested();
        _table.Append(batch, _cancellationToken);
        _filled = 0;
    }

    private static ParquetWriteColumn Column(ParquetColumnDefinition definition, Array buffer, bool[]? validity, int count)
    {
        string name = definition.Name;
        return definition.Type switch
        {
            ParquetWriteType.Int32 => ParquetWriteColumn.Int32(name, Prefix((int[])buffer, count)),
            ParquetWriteType.Int64 => ParquetWriteColumn.Int64(name, Prefix((long[])buffer, count)),
            ParquetWriteType.Timestamp => ParquetWriteColumn.Timestamp(name, Prefix((long[])buffer, count), definition.TimeUnit),
            ParquetWriteType.Boolean => ParquetWriteColumn.Boolean(name, Prefix((bool[])buffer, count)),
            ParquetWriteType.String => ParquetWriteColumn.String(name, Prefix((string?[])buffer, count)),
            ParquetWriteType.Double => definition.IsOptional
                ? ParquetWriteColumn.Double(name, Prefix((double[])buffer, count), Finite((double[])buffer, validity!, count))
                : ParquetWriteColumn.Double(name, Prefix((double[])buffer, count)),
            _ => throw new ArgumentException($"Column '{name}' is {definition.Type}, a type results tables do not use."),
        };
    }

    internal static Array NewBuffer(ParquetColumnDefinition column, int length) => column.Type switch
    {
        ParquetWriteType.Int32 => new int[length],
        ParquetWriteType.Int64 or ParquetWriteType.Timestamp => new long[length],
        ParquetWriteType.Double => new double[length],
        ParquetWriteType.Boolean => new bool[length],
        ParquetWriteType.String => new string?[length],
        _ => throw new ArgumentException($"Column '{column.Name}' is {column.Type}, a type results tables do not use.", nameof(column)),
    };

    /// <summary>The buffer itself when full (the writer copies what it encodes), else its first <paramref name="count"/> values.</summary>
    private static T[] Prefix<T>(T[] buffer, int count) => count == buffer.Length ? buffer : buffer[..count];

    /// <summary>
    /// Flags of the first <paramref name="count"/> values, true where finite, in <paramref name="buffer"/> when it has
    /// exactly that length (a full chunk), else in a new array; null when every value is finite (the usual case: the
    /// writer then writes every row present, the same levels and bytes, without a flag per row to fill and read back).
    /// </summary>
    private static bool[]? Finite(double[] values, bool[] buffer, int count)
    {
        if (AllFinite(values.AsSpan(0, count)))
        {
            return null;
        }

        var validity = buffer.Length == count ? buffer : new bool[count];
        for (int i = 0; i < count; i++)
        {
            validity[i] = double.IsFinite(values[i]);
        }

        return validity;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        // x − x is 0 for every finite x and NaN for ±∞ and NaN, and a NaN stays in a sum: one check per chunk and
        // column instead of a branch per value (S1 checks 15 M values).
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var sum = Vector<double>.Zero;
            foreach (var vector in MemoryMarshal.Cast<double, Vector<double>>(values))
            {
                sum += vector - vector;
            }

            if (!Vector.EqualsAll(sum, Vector<double>.Zero))
            {
                return false;
            }

            i = values.Length - (values.Length % Vector<double>.Count);
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return false;
            }
        }

        return true;
    }
}
