using System.Numerics;
using System.Runtime.InteropServices;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Min, max and null count of a column chunk, with min/max in the PLAIN encoding of the physical type (byte
/// arrays without their length prefix), for the Statistics.min_value / max_value fields of parquet.thrift.
/// </summary>
/// <param name="NullCount">Number of null rows.</param>
/// <param name="MinValue">Smallest value in the column's sort order, or null when there is none (all null, all NaN, or too long).</param>
/// <param name="MaxValue">Largest value in the column's sort order, or null when there is none.</param>
internal readonly record struct ChunkStatistics(long NullCount, byte[]? MinValue, byte[]? MaxValue)
{
    /// <summary>Byte arrays longer than this are left out of the statistics rather than stored in every footer.</summary>
    private const int MaxStatisticsValueLength = 4096;

    /// <summary>
    /// Computes the statistics of the loaded values. Sort orders follow parquet-format LogicalTypes.md and the
    /// ColumnOrder notes of parquet.thrift: signed for INT32/INT64 (DATE, TIMESTAMP, DECIMAL), signed big-endian
    /// for FIXED_LEN_BYTE_ARRAY decimals, unsigned byte-wise for strings, false &lt; true for BOOLEAN, and for
    /// FLOAT/DOUBLE numeric order with NaN left out, a zero minimum written as −0 and a zero maximum as +0.
    /// </summary>
    public static ChunkStatistics Compute(ChunkValues values, long nullCount)
    {
        if (values.Count == 0)
        {
            return new ChunkStatistics(nullCount, null, null);
        }

        switch (values.PhysicalType)
        {
            case ParquetPhysicalType.Boolean:
                {
                    bool anyTrue = values.Booleans.Contains(true);
                    bool anyFalse = values.Booleans.Contains(false);
                    return new ChunkStatistics(nullCount, [anyFalse ? (byte)0 : (byte)1], [anyTrue ? (byte)1 : (byte)0]);
                }

            case ParquetPhysicalType.Int32:
                return MinMaxNumbers<int>(values, nullCount);

            case ParquetPhysicalType.Int64:
                return MinMaxNumbers<long>(values, nullCount);

            case ParquetPhysicalType.Float:
                return MinMaxNumbers<float>(values, nullCount);

            case ParquetPhysicalType.Double:
                return MinMaxNumbers<double>(values, nullCount);

            case ParquetPhysicalType.FixedLenByteArray:
                return MinMaxBytes(values, nullCount, CompareSignedBigEndian);

            case ParquetPhysicalType.ByteArray:
                return MinMaxBytes(values, nullCount, static (a, b) => a.SequenceCompareTo(b));

            default:
                throw new InvalidOperationException($"No statistics for physical type {values.PhysicalType}.");
        }
    }

    /// <summary>
    /// Min and max of INT32/INT64 values (signed order) or FLOAT/DOUBLE values (numeric order, NaN left out: when
    /// every value is NaN there is neither). A zero minimum is written as −0 and a zero maximum as +0, whichever
    /// zeros were stored, so that readers pruning on either zero keep the chunk; for integers this changes nothing.
    /// </summary>
    private static ChunkStatistics MinMaxNumbers<T>(ChunkValues values, long nullCount)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> numbers = MemoryMarshal.Cast<byte, T>(values.Data);
        int first = 0;
        while (first < numbers.Length && T.IsNaN(numbers[first]))
        {
            first++;
        }

        if (first == numbers.Length)
        {
            return new ChunkStatistics(nullCount, null, null);
        }

        T min = numbers[first], max = min;
        foreach (T value in numbers[(first + 1)..])
        {
            // A NaN compares false both ways, so it never replaces the non-NaN start.
            min = value < min ? value : min;
            max = value > max ? value : max;
        }

        min = T.IsZero(min) ? -T.Zero : min;
        max = T.IsZero(max) ? T.Zero : max;
        return new ChunkStatistics(nullCount, PlainBytes(min), PlainBytes(max));
    }

    /// <summary>
    /// The PLAIN encoding of a number: its bytes in machine order, as <see cref="ChunkValues"/> holds the page data
    /// (the writer, like PLAIN itself, assumes a little-endian machine).
    /// </summary>
    private static byte[] PlainBytes<T>(T value)
        where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();

    private delegate int ByteComparison(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);

    private static ChunkStatistics MinMaxBytes(ChunkValues values, long nullCount, ByteComparison compare)
    {
        int minIndex = 0, maxIndex = 0;
        for (int i = 1; i < values.Count; i++)
        {
            ReadOnlySpan<byte> v = values.ValueBytes(i);
            if (compare(v, values.ValueBytes(minIndex)) < 0)
            {
                minIndex = i;
            }

            if (compare(v, values.ValueBytes(maxIndex)) > 0)
            {
                maxIndex = i;
            }
        }

        ReadOnlySpan<byte> min = values.ValueBytes(minIndex), max = values.ValueBytes(maxIndex);
        if (min.Length > MaxStatisticsValueLength || max.Length > MaxStatisticsValueLength)
        {
            return new ChunkStatistics(nullCount, null, null);
        }

        return new ChunkStatistics(nullCount, min.ToArray(), max.ToArray());
    }

    /// <summary>Orders equal-length big-endian two's-complement integers: the first byte is signed, the rest unsigned.</summary>
    private static int CompareSignedBigEndian(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int first = ((sbyte)left[0]).CompareTo((sbyte)right[0]);
        return first != 0 ? first : left[1..].SequenceCompareTo(right[1..]);
    }
}
