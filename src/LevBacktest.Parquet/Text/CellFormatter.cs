using System.Buffers.Binary;
using System.Numerics;
using System.Text;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Text;

/// <summary>
/// Formats one cell of a flat column as canonical text: the type is decided by the effective logical type when it
/// fits the physical type, else by the physical type (parquet-testing README, "Canonical JSONL").
/// </summary>
internal static class CellFormatter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How a cell's text is to be embedded.</summary>
    public enum CellKind
    {
        /// <summary>JSON literal (number, true/false, null): written bare.</summary>
        Literal,

        /// <summary>Text: quoted in JSON.</summary>
        Text,

        /// <summary>Base64 of raw bytes: <c>{"$base64":"…"}</c> in JSON.</summary>
        Base64,
    }

    /// <summary>Appends the cell's text (unquoted) to <paramref name="output"/> and says how to embed it; null cells return null.</summary>
    /// <exception cref="FormatException">A STRING value is not valid UTF-8.</exception>
    public static CellKind? Append(StringBuilder output, ParquetColumnData data, int row)
    {
        var column = data.Column;
        if (data.IsNull(row) || column.LogicalType.Kind == ParquetLogicalTypeKind.Null)
        {
            return null;
        }

        var logical = column.LogicalType;
        switch (column.PhysicalType)
        {
            case ParquetPhysicalType.Boolean:
                output.Append(data.Booleans![row] ? "true" : "false");
                return CellKind.Literal;
            case ParquetPhysicalType.Int32:
                return AppendInt32(output, data.Int32s![row], logical);
            case ParquetPhysicalType.Int64:
                return AppendInt64(output, data.Int64s![row], logical);
            case ParquetPhysicalType.Int96:
                {
                    var value = data.Int96s![row];
                    CalendarFormatter.AppendTimestamp(output, value.ToUnixNanosecondsExact(), 1_000_000_000, 9, utc: true);
                    return CellKind.Text;
                }

            case ParquetPhysicalType.Float:
                return AppendFloating(output, data.Floats![row]);
            case ParquetPhysicalType.Double:
                return AppendFloating(output, data.Doubles![row]);
            default:
                return AppendBinary(output, data.Binaries![row], column);
        }
    }

    private static CellKind AppendInt32(StringBuilder output, int value, ParquetLogicalType logical)
    {
        switch (logical.Kind)
        {
            case ParquetLogicalTypeKind.Integer:
                output.Append(logical.BitWidth switch
                {
                    8 => logical.IsSigned ? ((sbyte)value).ToString(Invariant) : ((byte)value).ToString(Invariant),
                    16 => logical.IsSigned ? ((short)value).ToString(Invariant) : ((ushort)value).ToString(Invariant),
                    _ => logical.IsSigned ? value.ToString(Invariant) : ((uint)value).ToString(Invariant),
                });
                return CellKind.Literal;
            case ParquetLogicalTypeKind.Decimal:
                DecimalFormatter.Append(output, value, logical.Scale);
                return CellKind.Text;
            case ParquetLogicalTypeKind.Date:
                CalendarFormatter.AppendDate(output, value);
                return CellKind.Text;
            case ParquetLogicalTypeKind.Time when logical.TimeUnit == ParquetTimeUnit.Millis:
                CalendarFormatter.AppendTimeOfDay(output, value, 1000, 3);
                return CellKind.Text;
            default:
                output.Append(value.ToString(Invariant));
                return CellKind.Literal;
        }
    }

    private static CellKind AppendInt64(StringBuilder output, long value, ParquetLogicalType logical)
    {
        switch (logical.Kind)
        {
            case ParquetLogicalTypeKind.Integer:
                output.Append(logical.IsSigned ? value.ToString(Invariant) : ((ulong)value).ToString(Invariant));
                return CellKind.Literal;
            case ParquetLogicalTypeKind.Decimal:
                DecimalFormatter.Append(output, value, logical.Scale);
                return CellKind.Text;
            case ParquetLogicalTypeKind.Time when logical.TimeUnit != ParquetTimeUnit.Millis:
                {
                    (long perSecond, int digits) = UnitScale(logical.TimeUnit);
                    CalendarFormatter.AppendTimeOfDay(output, value, perSecond, digits);
                    return CellKind.Text;
                }

            case ParquetLogicalTypeKind.Timestamp:
                {
                    (long perSecond, int digits) = UnitScale(logical.TimeUnit);
                    CalendarFormatter.AppendTimestamp(output, value, perSecond, digits, logical.IsAdjustedToUtc);
                    return CellKind.Text;
                }

            default:
                output.Append(value.ToString(Invariant));
                return CellKind.Literal;
        }
    }

    private static CellKind AppendFloating(StringBuilder output, double value)
    {
        if (double.IsNaN(value))
        {
            output.Append("NaN");
            return CellKind.Text;
        }

        if (double.IsInfinity(value))
        {
            output.Append(value > 0 ? "Infinity" : "-Infinity");
            return CellKind.Text;
        }

        ShortestFloatFormatter.AppendDouble(output, value);
        return CellKind.Literal;
    }

    private static CellKind AppendFloating(StringBuilder output, float value)
    {
        if (float.IsNaN(value))
        {
            output.Append("NaN");
            return CellKind.Text;
        }

        if (float.IsInfinity(value))
        {
            output.Append(value > 0 ? "Infinity" : "-Infinity");
            return CellKind.Text;
        }

        ShortestFloatFormatter.AppendSingle(output, value);
        return CellKind.Literal;
    }

    private static CellKind AppendBinary(StringBuilder output, byte[] value, ParquetColumnDescriptor column)
    {
        var logical = column.LogicalType;
        bool fixedLength = column.PhysicalType == ParquetPhysicalType.FixedLenByteArray;
        switch (logical.Kind)
        {
            case ParquetLogicalTypeKind.String:
            case ParquetLogicalTypeKind.Enum:
            case ParquetLogicalTypeKind.Json:
                try
                {
                    output.Append(StrictUtf8.GetString(value));
                }
                catch (DecoderFallbackException exception)
                {
                    throw new FormatException($"column '{column.Name}' holds a value that is not valid UTF-8", exception);
                }

                return CellKind.Text;
            case ParquetLogicalTypeKind.Decimal:
                DecimalFormatter.Append(output, value.Length == 0 ? BigInteger.Zero : new BigInteger(value, isUnsigned: false, isBigEndian: true), logical.Scale);
                return CellKind.Text;
            case ParquetLogicalTypeKind.Uuid when fixedLength && value.Length == 16:
                output.Append(Convert.ToHexStringLower(value, 0, 4)).Append('-')
                    .Append(Convert.ToHexStringLower(value, 4, 2)).Append('-')
                    .Append(Convert.ToHexStringLower(value, 6, 2)).Append('-')
                    .Append(Convert.ToHexStringLower(value, 8, 2)).Append('-')
                    .Append(Convert.ToHexStringLower(value, 10, 6));
                return CellKind.Text;
            case ParquetLogicalTypeKind.Float16 when fixedLength && value.Length == 2:
                {
                    var half = BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(value));
                    if (Half.IsNaN(half))
                    {
                        output.Append("NaN");
                        return CellKind.Text;
                    }

                    if (Half.IsInfinity(half))
                    {
                        output.Append(Half.IsNegative(half) ? "-Infinity" : "Infinity");
                        return CellKind.Text;
                    }

                    ShortestFloatFormatter.AppendHalf(output, half);
                    return CellKind.Literal;
                }

            default:
                output.Append(Convert.ToBase64String(value));
                return CellKind.Base64;
        }
    }

    private static (long PerSecond, int Digits) UnitScale(ParquetTimeUnit unit) => unit switch
    {
        ParquetTimeUnit.Millis => (1000, 3),
        ParquetTimeUnit.Micros => (1_000_000, 6),
        _ => (1_000_000_000, 9),
    };

    private static System.Globalization.CultureInfo Invariant => System.Globalization.CultureInfo.InvariantCulture;
}
