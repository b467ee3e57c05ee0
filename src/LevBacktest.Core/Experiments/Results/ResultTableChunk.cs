namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// The column buffers of a <see cref="ResultTableAppender"/>'s current chunk, one array of
/// <see cref="ResultTableAppender.ChunkRows"/> values per column in table order: INT32 → <c>int[]</c>, INT64 and
/// TIMESTAMP (UTC milliseconds) → <c>long[]</c>, DOUBLE → <c>double[]</c> (NaN for a null in an OPTIONAL column),
/// BOOLEAN → <c>bool[]</c>, STRING → <c>string?[]</c>.
/// </summary>
internal readonly struct ResultTableChunk
{
    private readonly Array[] _buffers;

    internal ResultTableChunk(Array[] buffers) => _buffers = buffers;

    /// <summary>The buffer of column <paramref name="column"/> (an index into the table's columns).</summary>
    public Array this[int column] => _buffers[column];

    /// <summary>Column <paramref name="column"/>'s INT32 buffer.</summary>
    public int[] Int32s(int column) => (int[])_buffers[column];

    /// <summary>Column <paramref name="column"/>'s INT64 or TIMESTAMP buffer.</summary>
    public long[] Int64s(int column) => (long[])_buffers[column];

    /// <summary>Column <paramref name="column"/>'s DOUBLE buffer.</summary>
    public double[] Doubles(int column) => (double[])_buffers[column];
}
