using System.Runtime.InteropServices;
using System.Text;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// The non-null values of one column chunk in a type-neutral form, already in PLAIN byte layout: fixed-width
/// values back to back (little-endian numbers, big-endian decimals), byte arrays concatenated with an offsets
/// table, booleans as a bool array. Reused from chunk to chunk.
/// </summary>
internal sealed class ChunkValues
{
    private byte[] _data = new byte[4096];
    private int[] _offsets = new int[256];
    private bool[] _booleans = new bool[256];

    /// <summary>Number of non-null values.</summary>
    public int Count { get; private set; }

    /// <summary>Byte width of each value for fixed-width types; 0 for BYTE_ARRAY and BOOLEAN.</summary>
    public int FixedWidth { get; private set; }

    /// <summary>Physical type of the values.</summary>
    public ParquetPhysicalType PhysicalType { get; private set; }

    /// <summary>Fixed-width values back to back, or the concatenated bytes of byte-array values.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, DataLength);

    /// <summary>Number of meaningful bytes in <see cref="Data"/>.</summary>
    public int DataLength { get; private set; }

    /// <summary>For BYTE_ARRAY: Count + 1 offsets into <see cref="Data"/>; value k is [Offsets[k], Offsets[k+1]).</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);

    /// <summary>For BOOLEAN: the values.</summary>
    public ReadOnlySpan<bool> Booleans => _booleans.AsSpan(0, Count);

    /// <summary>The raw array behind <see cref="Data"/> (for comparers that outlive a span).</summary>
    public byte[] DataArray => _data;

    /// <summary>The raw array behind <see cref="Offsets"/>.</summary>
    public int[] OffsetsArray => _offsets;

    /// <summary>Bytes of value <paramref name="index"/> (fixed-width or byte-array types).</summary>
    public ReadOnlySpan<byte> ValueBytes(int index) => FixedWidth > 0
        ? _data.AsSpan(index * FixedWidth, FixedWidth)
        : _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Collects the non-null values of rows [<paramref name="firstRow"/>, +<paramref name="rowCount"/>) of <paramref name="column"/>.</summary>
    public void Load(ParquetWriteColumn column, int firstRow, int rowCount)
    {
        PhysicalType = column.PhysicalType;
        Count = 0;
        DataLength = 0;
        switch (column.Values)
        {
            case int[] ints:
                LoadFixed<int>(ints, column.Validity, firstRow, rowCount);
                break;
            case long[] longs:
                LoadFixed<long>(longs, column.Validity, firstRow, rowCount);
                break;
            case float[] floats:
                LoadFixed<float>(floats, column.Validity, firstRow, rowCount);
                break;
            case double[] doubles:
                LoadFixed<double>(doubles, column.Validity, firstRow, rowCount);
                break;
            case bool[] booleans:
                LoadBooleans(booleans, column.Validity, firstRow, rowCount);
                break;
            case string?[] strings:
                LoadStrings(strings, firstRow, rowCount);
                break;
            case byte[] fixedBytes:
                LoadFixedBytes(fixedBytes, column.TypeLength, column.Validity, firstRow, rowCount);
                break;
            default:
                throw new InvalidOperationException($"Column '{column.Name}' holds an unsupported array type {column.Values.GetType()}.");
        }
    }

    private void LoadFixed<T>(T[] values, bool[]? validity, int firstRow, int rowCount)
        where T : unmanaged
    {
        FixedWidth = Marshal.SizeOf<T>();
        EnsureData(rowCount * FixedWidth);
        Span<T> target = MemoryMarshal.Cast<byte, T>(_data.AsSpan(0, rowCount * FixedWidth));
        if (validity is null)
        {
            values.AsSpan(firstRow, rowCount).CopyTo(target);
            Count = rowCount;
        }
        else
        {
            int count = 0;
            for (int row = firstRow; row < firstRow + rowCount; row++)
            {
                if (validity[row])
                {
                    target[count++] = values[row];
                }
            }

            Count = count;
        }

        DataLength = Count * FixedWidth;
    }

    private void LoadFixedBytes(byte[] values, int width, bool[]? validity, int firstRow, int rowCount)
    {
        FixedWidth = width;
        EnsureData(rowCount * width);
        int count = 0;
        for (int row = firstRow; row < firstRow + rowCount; row++)
        {
            if (validity is null || validity[row])
            {
                values.AsSpan(row * width, width).CopyTo(_data.AsSpan(count * width));
                count++;
            }
        }

        Count = count;
        DataLength = count * width;
    }

    private void LoadBooleans(bool[] values, bool[]? validity, int firstRow, int rowCount)
    {
        FixedWidth = 0;
        if (_booleans.Length < rowCount)
        {
            _booleans = new bool[rowCount];
        }

        int count = 0;
        for (int row = firstRow; row < firstRow + rowCount; row++)
        {
            if (validity is null || validity[row])
            {
                _booleans[count++] = values[row];
            }
        }

        Count = count;
    }

    private void LoadStrings(string?[] values, int firstRow, int rowCount)
    {
        FixedWidth = 0;
        if (_offsets.Length < rowCount + 1)
        {
            _offsets = new int[rowCount + 1];
        }

        int count = 0;
        int length = 0;
        _offsets[0] = 0;
        for (int row = firstRow; row < firstRow + rowCount; row++)
        {
            string? value = values[row];
            if (value is null)
            {
                continue;
            }

            int byteCount = Encoding.UTF8.GetByteCount(value);
            EnsureData(checked(length + byteCount), preserve: true);
            length += Encoding.UTF8.GetBytes(value, _data.AsSpan(length));
            _offsets[++count] = length;
        }

        Count = count;
        DataLength = length;
    }

    private void EnsureData(int size, bool preserve = false)
    {
        if (_data.Length < size)
        {
            int newSize = (int)Math.Min(Array.MaxLength, Math.Max(size, (long)_data.Length * 2));
            if (preserve)
            {
                Array.Resize(ref _data, newSize);
            }
            else
            {
                _data = new byte[newSize];
            }
        }
    }
}
