using System.Buffers.Binary;

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

        ReadOnlySpan<byte> data = values.Data;
        switch (values.PhysicalType)
        {
            case ParquetPhysicalType.Boolean:
                {
                    bool anyTrue = values.Booleans.Contains(true);
                    bool anyFalse = values.Booleans.Contains(false);
                    return new ChunkStatistics(nullCount, [anyFalse ? (byte)0 : (byte)1], [anyTrue ? (byte)1 : (byte)0]);
                }

            case ParquetPhysicalType.Int32:
                {
                    int min = int.MaxValue, max = int.MinValue;
                    for (int i = 0; i < values.Count; i++)
                    {
                        int v = BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]);
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }

                    return new ChunkStatistics(nullCount, Int32Bytes(min), Int32Bytes(max));
                }

            case ParquetPhysicalType.Int64:
                {
                    long min = long.MaxValue, max = long.MinValue;
                    for (int i = 0; i < values.Count; i++)
                    {
                        long v = BinaryPrimitives.ReadInt64LittleEndian(data[(i * 8)..]);
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }

                    return new ChunkStatistics(nullCount, Int64Bytes(min), Int64Bytes(max));
                }

            case ParquetPhysicalType.Float:
                {
                    float min = float.PositiveInfinity, max = float.NegativeInfinity;
                    bool any = false;
                    for (int i = 0; i < values.Count; i++)
                    {
                        float v = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
                        if (float.IsNaN(v))
                        {
                            continue;
                        }

                        any = true;
                        min = v < min ? v : min;
                        max = v > max ? v : max;
                    }

                    if (!any)
                    {
                        return new ChunkStatistics(nullCount, null, null);
                    }

                    min = min == 0f ? -0f : min;
                    max = max == 0f ? 0f : max;
                    byte[] minBytes = new byte[4], maxBytes = new byte[4];
                    BinaryPrimitives.WriteSingleLittleEndian(minBytes, min);
                    BinaryPrimitives.WriteSingleLittleEndian(maxBytes, max);
                    return new ChunkStatistics(nullCount, minBytes, maxBytes);
                }

            case ParquetPhysicalType.Double:
                {
                    double min = double.PositiveInfinity, max = double.NegativeInfinity;
                    bool any = false;
                    for (int i = 0; i < values.Count; i++)
                    {
                        double v = BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]);
                        if (double.IsNaN(v))
                        {
                            continue;
                        }

                        any = true;
                        min = v < min ? v : min;
                        max = v > max ? v : max;
                    }

                    if (!any)
                    {
                        return new ChunkStatistics(nullCount, null, null);
                    }

                    min = min == 0d ? -0d : min;
                    max = max == 0d ? 0d : max;
                    byte[] minBytes = new byte[8], maxBytes = new byte[8];
                    BinaryPrimitives.WriteDoubleLittleEndian(minBytes, min);
                    BinaryPrimitives.WriteDoubleLittleEndian(maxBytes, max);
                    return new ChunkStatistics(nullCount, minBytes, maxBytes);
                }

            case ParquetPhysicalType.FixedLenByteArray:
                return MinMaxBytes(values, nullCount, CompareSignedBigEndian);

            case ParquetPhysicalType.ByteArray:
                return MinMaxBytes(values, nullCount, static (a, b) => a.SequenceCompareTo(b));

            default:
                throw new InvalidOperationException($"No statistics for physical type {values.PhysicalType}.");
        }
    }

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

    private static byte[] Int32Bytes(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int64Bytes(long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }
}
