using System.Numerics;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// One column to write: its name, its Parquet type and its values for all rows. Create columns with the static
/// factories (<see cref="Int64(string, long[], bool[])"/>, <see cref="Double(string, double[], bool[])"/>,
/// <see cref="String(string, string[], bool)"/>, <see cref="Timestamp(string, long[], ParquetTimeUnit, bool[])"/>, …).
/// </summary>
/// <remarks>
/// Nullability: a column created without a validity array is REQUIRED. With a validity array (same length as the
/// values; <c>true</c> where the row has a value, <c>false</c> where it is null) it is OPTIONAL, and the values at
/// null rows are ignored. The arrays are referenced, not copied: do not modify them until the write returns.
/// </remarks>
public sealed class ParquetWriteColumn
{
    private ParquetWriteColumn(
        string name,
        ParquetPhysicalType physicalType,
        ParquetRepetition repetition,
        int length,
        Array values,
        bool[]? validity)
    {
        Name = name;
        PhysicalType = physicalType;
        Repetition = repetition;
        Length = length;
        Values = values;
        Validity = validity;
    }

    /// <summary>Column name (non-empty; unique within a file).</summary>
    public string Name { get; }

    /// <summary>Physical storage type.</summary>
    public ParquetPhysicalType PhysicalType { get; }

    /// <summary>REQUIRED (no nulls) or OPTIONAL (nullable).</summary>
    public ParquetRepetition Repetition { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>What the column holds (physical type with its logical annotation).</summary>
    public ParquetWriteType Type { get; private init; }

    /// <summary>Name, type and nullability as a <see cref="ParquetTableWriter"/> schema entry (OPTIONAL when a validity array was given).</summary>
    public ParquetColumnDefinition Definition => new(Name, Type, Validity is not null, TimeUnit, DecimalPrecision, DecimalScale);

    /// <summary>Unit of a TIMESTAMP column.</summary>
    internal ParquetTimeUnit TimeUnit { get; private init; }

    /// <summary>Total number of decimal digits of a DECIMAL column.</summary>
    internal int DecimalPrecision { get; private init; }

    /// <summary>Digits after the decimal point of a DECIMAL column.</summary>
    internal int DecimalScale { get; private init; }

    /// <summary>Byte width of a FIXED_LEN_BYTE_ARRAY column.</summary>
    internal int TypeLength { get; private init; }

    /// <summary>
    /// The stored values: bool[], int[], long[], float[], double[], string?[], or for FIXED_LEN_BYTE_ARRAY one
    /// byte[] of <see cref="Length"/> × <see cref="TypeLength"/> big-endian values.
    /// </summary>
    internal Array Values { get; }

    /// <summary>Null for REQUIRED columns; else true where the row has a value (indexed like <see cref="Values"/>).</summary>
    internal bool[]? Validity { get; }

    /// <summary>Index in <see cref="Values"/> (and <see cref="Validity"/>) of row 0: non-zero for a view made by <see cref="Rows"/>.</summary>
    internal int Offset { get; private init; }

    /// <summary>Whether row <paramref name="row"/> holds a value (always true for REQUIRED columns).</summary>
    internal bool HasValue(int row) => Validity is null || Validity[Offset + row];

    /// <summary>
    /// Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="length"/> − 1 of this column as a column
    /// of their own, without copying: the view references the same arrays (so the same rule applies: do not modify them
    /// until the write returns).
    /// </summary>
    /// <param name="start">First row, 0 ≤ start ≤ <see cref="Length"/>.</param>
    /// <param name="length">Rows, 0 ≤ length ≤ <see cref="Length"/> − start.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not within the column.</exception>
    public ParquetWriteColumn Rows(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length - start);
        return new ParquetWriteColumn(Name, PhysicalType, Repetition, length, Values, Validity)
        {
            Type = Type,
            TimeUnit = TimeUnit,
            DecimalPrecision = DecimalPrecision,
            DecimalScale = DecimalScale,
            TypeLength = TypeLength,
            Offset = Offset + start,
        };
    }

    /// <summary>An INT32 column.</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One value per row.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Int32(string name, int[] values, bool[]? validity = null) =>
        Create(name, ParquetPhysicalType.Int32, ParquetWriteType.Int32, values, validity);

    /// <summary>An INT64 column (for example epoch milliseconds without a TIMESTAMP annotation).</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One value per row.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Int64(string name, long[] values, bool[]? validity = null) =>
        Create(name, ParquetPhysicalType.Int64, ParquetWriteType.Int64, values, validity);

    /// <summary>A FLOAT (IEEE 754 binary32) column; NaN, ±0 and ±∞ are stored bit for bit.</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One value per row.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Float(string name, float[] values, bool[]? validity = null) =>
        Create(name, ParquetPhysicalType.Float, ParquetWriteType.Float, values, validity);

    /// <summary>A DOUBLE (IEEE 754 binary64) column; NaN, ±0 and ±∞ are stored bit for bit.</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One value per row.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Double(string name, double[] values, bool[]? validity = null) =>
        Create(name, ParquetPhysicalType.Double, ParquetWriteType.Double, values, validity);

    /// <summary>A BOOLEAN column.</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One value per row.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Boolean(string name, bool[] values, bool[]? validity = null) =>
        Create(name, ParquetPhysicalType.Boolean, ParquetWriteType.Boolean, values, validity);

    /// <summary>A STRING column: BYTE_ARRAY holding UTF-8 text, annotated STRING (legacy UTF8).</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One string per row; null entries are nulls and need <paramref name="optional"/>.</param>
    /// <param name="optional">True for an OPTIONAL (nullable) column; false (default) for REQUIRED.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or a null entry in a REQUIRED column (the row is named).</exception>
    public static ParquetWriteColumn String(string name, string?[] values, bool optional = false)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        bool[]? validity = null;
        if (optional)
        {
            validity = new bool[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                validity[i] = values[i] is not null;
            }
        }
        else
        {
            int firstNull = Array.IndexOf(values, null);
            if (firstNull >= 0)
            {
                throw new ArgumentException(
                    $"Column '{name}': row {firstNull} is null but the column is REQUIRED; pass optional: true to allow nulls.",
                    nameof(values));
            }
        }

        return new ParquetWriteColumn(name, ParquetPhysicalType.ByteArray, RepetitionOf(validity), values.Length, values, validity)
        {
            Type = ParquetWriteType.String,
        };
    }

    /// <summary>
    /// A TIMESTAMP column: INT64 counts of <paramref name="unit"/> since 1970-01-01T00:00:00Z, annotated
    /// TIMESTAMP(isAdjustedToUTC = true, unit) and, for milliseconds and microseconds, the legacy
    /// TIMESTAMP_MILLIS / TIMESTAMP_MICROS converted type.
    /// </summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One UTC instant per row, in <paramref name="unit"/> since the Unix epoch.</param>
    /// <param name="unit">Unit of <paramref name="values"/>.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, undefined unit, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Timestamp(string name, long[] values, ParquetTimeUnit unit, bool[]? validity = null)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentException($"Column '{name}': time unit {(int)unit} is not milliseconds, microseconds or nanoseconds.", nameof(unit));
        }

        ParquetWriteColumn plain = Create(name, ParquetPhysicalType.Int64, ParquetWriteType.Int64, values, validity);
        return new ParquetWriteColumn(name, plain.PhysicalType, plain.Repetition, plain.Length, values, validity)
        {
            Type = ParquetWriteType.Timestamp,
            TimeUnit = unit,
        };
    }

    /// <summary>A DATE column: INT32 days since 1970-01-01, annotated DATE.</summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="daysSinceEpoch">One day number per row (negative before 1970).</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">Empty name, null array, or validity length differs from values length.</exception>
    public static ParquetWriteColumn Date(string name, int[] daysSinceEpoch, bool[]? validity = null)
    {
        ParquetWriteColumn plain = Create(name, ParquetPhysicalType.Int32, ParquetWriteType.Int32, daysSinceEpoch, validity);
        return new ParquetWriteColumn(name, plain.PhysicalType, plain.Repetition, plain.Length, daysSinceEpoch, validity)
        {
            Type = ParquetWriteType.Date,
        };
    }

    /// <summary>
    /// A DECIMAL(precision, scale) column storing each value exactly as the integer value × 10^scale: INT32 when
    /// precision ≤ 9, INT64 when ≤ 18, otherwise a big-endian two's-complement FIXED_LEN_BYTE_ARRAY of the fewest
    /// bytes that hold precision digits (parquet-format LogicalTypes.md, DECIMAL).
    /// </summary>
    /// <param name="name">Column name (non-empty).</param>
    /// <param name="values">One value per row.</param>
    /// <param name="precision">Total significant digits, 1–38.</param>
    /// <param name="scale">Digits after the decimal point, 0–<paramref name="precision"/>.</param>
    /// <param name="validity">Null for a REQUIRED column; else one flag per row, false marking a null.</param>
    /// <exception cref="ArgumentException">
    /// Empty name, precision or scale out of range, a value with more fractional digits than <paramref name="scale"/>,
    /// or a value needing more than <paramref name="precision"/> digits (the row and value are named).
    /// </exception>
    public static ParquetWriteColumn Decimal(string name, decimal[] values, int precision, int scale, bool[]? validity = null)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        CheckValidity(name, values.Length, validity);
        if (precision is < 1 or > 38)
        {
            throw new ArgumentException($"Column '{name}': DECIMAL precision {precision} is outside 1..38.", nameof(precision));
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentException($"Column '{name}': DECIMAL scale {scale} is outside 0..precision ({precision}).", nameof(scale));
        }

        Int128 limit = Int128Pow10(precision);
        var unscaled = new Int128[values.Length];
        for (int row = 0; row < values.Length; row++)
        {
            if (validity is not null && !validity[row])
            {
                continue;
            }

            Int128 value = Unscale(name, row, values[row], scale);
            if (value >= limit || value <= -limit)
            {
                throw new ArgumentException(
                    $"Column '{name}': row {row} value {values[row]} needs more than the {precision} digits of DECIMAL({precision},{scale}).",
                    nameof(values));
            }

            unscaled[row] = value;
        }

        if (precision <= 18)
        {
            // Every value is below 10^precision in magnitude (checked above), so it fits INT32 (precision ≤ 9) or INT64 exactly.
            bool asInt32 = precision <= 9;
            Array stored = asInt32 ? Narrow<int>(unscaled) : Narrow<long>(unscaled);
            ParquetPhysicalType type = asInt32 ? ParquetPhysicalType.Int32 : ParquetPhysicalType.Int64;
            return new ParquetWriteColumn(name, type, RepetitionOf(validity), values.Length, stored, validity)
            {
                Type = ParquetWriteType.Decimal,
                DecimalPrecision = precision,
                DecimalScale = scale,
            };
        }

        int width = DecimalByteWidth(precision);
        var bigEndian = new byte[checked(values.Length * width)];
        Span<byte> full = stackalloc byte[16];
        for (int i = 0; i < values.Length; i++)
        {
            ((IBinaryInteger<Int128>)unscaled[i]).WriteBigEndian(full);
            full[(16 - width)..].CopyTo(bigEndian.AsSpan(i * width, width));
        }

        return new ParquetWriteColumn(name, ParquetPhysicalType.FixedLenByteArray, RepetitionOf(validity), values.Length, bigEndian, validity)
        {
            Type = ParquetWriteType.Decimal,
            DecimalPrecision = precision,
            DecimalScale = scale,
            TypeLength = width,
        };
    }

    /// <summary>Fewest bytes whose signed range holds every integer of <paramref name="precision"/> decimal digits.</summary>
    internal static int DecimalByteWidth(int precision)
    {
        Int128 max = Int128Pow10(precision) - 1;
        for (int width = 1; width < 16; width++)
        {
            // Largest positive value of a width-byte two's-complement integer is 2^(8·width − 1) − 1.
            if (max <= (Int128.One << ((8 * width) - 1)) - 1)
            {
                return width;
            }
        }

        return 16;
    }

    private static Int128 Int128Pow10(int exponent)
    {
        Int128 result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static T[] Narrow<T>(Int128[] values)
        where T : IBinaryInteger<T>
    {
        var narrow = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            narrow[i] = T.CreateTruncating(values[i]);
        }

        return narrow;
    }

    private static Int128 Unscale(string name, int row, decimal value, int scale)
    {
        // decimal = mantissa (96-bit, sign separate) / 10^valueScale.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int valueScale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        Int128 mantissa = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        if (valueScale > scale)
        {
            Int128 divisor = Int128Pow10(valueScale - scale);
            (Int128 quotient, Int128 remainder) = Int128.DivRem(mantissa, divisor);
            if (remainder != 0)
            {
                throw new ArgumentException(
                    $"Column '{name}': row {row} value {value} has more than {scale} digits after the decimal point; round it first.",
                    "values");
            }

            mantissa = quotient;
        }
        else
        {
            // At most 28 + 38 digits would overflow; precision ≤ 38 is checked by the caller after this, so
            // guard the multiplication itself.
            try
            {
                mantissa = checked(mantissa * Int128Pow10(scale - valueScale));
            }
            catch (OverflowException)
            {
                throw new ArgumentException($"Column '{name}': row {row} value {value} does not fit DECIMAL with scale {scale}.", "values");
            }
        }

        return negative ? -mantissa : mantissa;
    }

    private static ParquetWriteColumn Create(string name, ParquetPhysicalType physical, ParquetWriteType type, Array values, bool[]? validity)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        CheckValidity(name, values.Length, validity);
        return new ParquetWriteColumn(name, physical, RepetitionOf(validity), values.Length, values, validity) { Type = type };
    }

    private static ParquetRepetition RepetitionOf(bool[]? validity) =>
        validity is null ? ParquetRepetition.Required : ParquetRepetition.Optional;

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A Parquet column name must be non-empty and not only white space.", nameof(name));
        }
    }

    private static void CheckValidity(string name, int length, bool[]? validity)
    {
        if (validity is not null && validity.Length != length)
        {
            throw new ArgumentException(
                $"Column '{name}': the validity array has {validity.Length} entries but there are {length} values.",
                nameof(validity));
        }
    }
}
