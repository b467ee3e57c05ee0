using System.Buffers.Binary;
using System.Text;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Text;

/// <summary>Canonical text of single values outside a column read, e.g. statistics minimum and maximum.</summary>
public static class ParquetValueText
{
    /// <summary>
    /// The canonical text (as in <see cref="ParquetTextExporter"/>'s JSONL, without JSON quoting) of one
    /// PLAIN-encoded value of <paramref name="column"/>, such as a statistics bound; binary values that are not
    /// valid text print as base64. Returns null when the bytes do not hold one value of the physical type.
    /// </summary>
    /// <param name="column">The column the value belongs to.</param>
    /// <param name="plainValue">PLAIN bytes of one value (for BYTE_ARRAY without the length prefix, as statistics store it).</param>
    public static string? FormatPlainValue(ParquetColumnDescriptor column, byte[] plainValue)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(plainValue);
        Array values;
        try
        {
            switch (column.PhysicalType)
            {
                case ParquetPhysicalType.Boolean:
                    values = new[] { plainValue.Length == 1 && plainValue[0] != 0 };
                    if (plainValue.Length != 1)
                    {
                        return null;
                    }

                    break;
                case ParquetPhysicalType.Int32: values = DecodeOne<int>(plainValue, 4); break;
                case ParquetPhysicalType.Int64: values = DecodeOne<long>(plainValue, 8); break;
                case ParquetPhysicalType.Float: values = DecodeOne<float>(plainValue, 4); break;
                case ParquetPhysicalType.Double: values = DecodeOne<double>(plainValue, 8); break;
                case ParquetPhysicalType.Int96:
                    {
                        if (plainValue.Length != 12)
                        {
                            return null;
                        }

                        values = new[] { new ParquetInt96(BinaryPrimitives.ReadInt64LittleEndian(plainValue), BinaryPrimitives.ReadInt32LittleEndian(plainValue.AsSpan(8))) };
                        break;
                    }

                default:
                    values = new[] { plainValue };
                    break;
            }
        }
        catch (ArgumentException)
        {
            return null;
        }

        var data = new ParquetColumnData(column, 1, values, validity: null, hasNulls: false);
        var text = new StringBuilder();
        try
        {
            return CellFormatter.Append(text, data, 0) is null ? "null" : text.ToString();
        }
        catch (FormatException)
        {
            return Convert.ToBase64String(plainValue);
        }
    }

    private static T[] DecodeOne<T>(byte[] bytes, int width)
        where T : unmanaged
    {
        if (bytes.Length != width)
        {
            throw new ArgumentException("wrong width", nameof(bytes));
        }

        return [System.Runtime.InteropServices.MemoryMarshal.Read<T>(bytes)];
    }
}
