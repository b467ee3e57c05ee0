namespace LevBacktest.Parquet;

/// <summary>
/// The values of one flat column (all requested row groups concatenated), typed by physical type. Exactly one
/// of the value arrays is non-null: <see cref="Booleans"/>, <see cref="Int32s"/>, <see cref="Int64s"/>,
/// <see cref="Floats"/>, <see cref="Doubles"/>, <see cref="Int96s"/> or <see cref="Binaries"/> (BYTE_ARRAY and
/// FIXED_LEN_BYTE_ARRAY). Every array has exactly <see cref="Length"/> elements; a null row holds the default
/// value (null for <see cref="Binaries"/>). Values are raw physical values: logical annotations (decimal scale,
/// time units, unsigned) are interpreted by the caller from <see cref="Column"/>.
/// </summary>
public sealed class ParquetColumnData
{
    private readonly byte[]? _validity;

    internal ParquetColumnData(ParquetColumnDescriptor column, int length, Array values, byte[]? validity, bool hasNulls)
    {
        Column = column;
        Length = length;
        HasNulls = hasNulls;
        _validity = hasNulls ? validity : null;
        switch (values)
        {
            case bool[] booleans: Booleans = booleans; break;
            case int[] ints: Int32s = ints; break;
            case long[] longs: Int64s = longs; break;
            case float[] floats: Floats = floats; break;
            case double[] doubles: Doubles = doubles; break;
            case ParquetInt96[] int96s: Int96s = int96s; break;
            case byte[][] binaries: Binaries = binaries; break;
            default: throw new ArgumentException($"unsupported value array {values.GetType()}", nameof(values));
        }
    }

    /// <summary>The column these values belong to.</summary>
    public ParquetColumnDescriptor Column { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>True when at least one row is null.</summary>
    public bool HasNulls { get; }

    /// <summary>
    /// Validity bitmap, bit (row &amp; 7) of byte (row &gt;&gt; 3) set when the row holds a value; null when no row is
    /// null. Length ⌈Length / 8⌉ or more.
    /// </summary>
    public ReadOnlySpan<byte> ValidityBitmap => _validity;

    /// <summary>BOOLEAN values, else null.</summary>
    public bool[]? Booleans { get; }

    /// <summary>INT32 values (also DATE, TIME_MILLIS, INT_8/16/32, UINT_8/16/32 as stored bits, DECIMAL on INT32), else null.</summary>
    public int[]? Int32s { get; }

    /// <summary>INT64 values (also TIMESTAMP, TIME micros/nanos, UINT_64 as stored bits, DECIMAL on INT64), else null.</summary>
    public long[]? Int64s { get; }

    /// <summary>FLOAT values, else null.</summary>
    public float[]? Floats { get; }

    /// <summary>DOUBLE values, else null.</summary>
    public double[]? Doubles { get; }

    /// <summary>INT96 values, else null.</summary>
    public ParquetInt96[]? Int96s { get; }

    /// <summary>BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY values (null for null rows; arrays may be shared between rows of a dictionary), else null.</summary>
    public byte[][]? Binaries { get; }

    /// <summary>Whether row <paramref name="row"/> is null.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside 0 … Length − 1.</exception>
    public bool IsNull(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Length);
        return _validity is not null && (_validity[row >> 3] & (1 << (row & 7))) == 0;
    }

    /// <summary>The index of the first null row, or −1 when none.</summary>
    public int FirstNullRow()
    {
        if (_validity is null)
        {
            return -1;
        }

        for (int row = 0; row < Length; row++)
        {
            if ((_validity[row >> 3] & (1 << (row & 7))) == 0)
            {
                return row;
            }
        }

        return -1;
    }

    /// <summary>The raw physical value of a row, boxed, or null (for tools; not for hot loops).</summary>
    public object? GetValue(int row)
    {
        if (IsNull(row))
        {
            return null;
        }

        return (object?)Booleans?[row] ?? (object?)Int32s?[row] ?? (object?)Int64s?[row] ?? (object?)Floats?[row]
            ?? (object?)Doubles?[row] ?? (object?)Int96s?[row] ?? Binaries![row];
    }
}
