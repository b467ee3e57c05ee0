using System.Globalization;

using FsCheck;
using FsCheck.Fluent;

using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>Kinds of column the round-trip and interop tests generate.</summary>
public enum RoundTripKind
{
    Int32,
    Int64,
    Float,
    Double,
    Boolean,
    String,
    Timestamp,
    Date,
    Decimal,
}

/// <summary>
/// One generated column: the values as the test knows them (null = a null row), independent of the writer's
/// internal representation, and the writer column built from them.
/// </summary>
public sealed record RoundTripColumn(
    string Name,
    RoundTripKind Kind,
    bool Optional,
    object?[] Values,
    ParquetTimeUnit Unit = ParquetTimeUnit.Millis,
    int Precision = 0,
    int Scale = 0)
{
    public ParquetWriteColumn ToWriteColumn()
    {
        bool[]? validity = Optional ? Values.Select(v => v is not null).ToArray() : null;
        T[] Typed<T>(T fallback) => Values.Select(v => v is null ? fallback : (T)v).ToArray();
        return Kind switch
        {
            RoundTripKind.Int32 => ParquetWriteColumn.Int32(Name, Typed(0), validity),
            RoundTripKind.Int64 => ParquetWriteColumn.Int64(Name, Typed(0L), validity),
            RoundTripKind.Float => ParquetWriteColumn.Float(Name, Typed(0f), validity),
            RoundTripKind.Double => ParquetWriteColumn.Double(Name, Typed(0d), validity),
            RoundTripKind.Boolean => ParquetWriteColumn.Boolean(Name, Typed(false), validity),
            RoundTripKind.String => ParquetWriteColumn.String(Name, Values.Select(v => (string?)v).ToArray(), Optional),
            RoundTripKind.Timestamp => ParquetWriteColumn.Timestamp(Name, Typed(0L), Unit, validity),
            RoundTripKind.Date => ParquetWriteColumn.Date(Name, Typed(0), validity),
            RoundTripKind.Decimal => ParquetWriteColumn.Decimal(Name, Typed(0m), Precision, Scale, validity),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
        };
    }

    public override string ToString() =>
        $"{Name}: {Kind}{(Kind == RoundTripKind.Timestamp ? $"({Unit})" : "")}{(Kind == RoundTripKind.Decimal ? $"({Precision},{Scale})" : "")}"
        + $"{(Optional ? " optional" : "")} [{string.Join(", ", Values.Take(12).Select(Show))}{(Values.Length > 12 ? ", …" : "")}]";

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}

/// <summary>A generated table and the writer options to write it with.</summary>
public sealed record RoundTripTable(IReadOnlyList<RoundTripColumn> Columns, int RowCount, ParquetWriterOptions Options)
{
    public ParquetWriteColumn[] ToWriteColumns() => Columns.Select(c => c.ToWriteColumn()).ToArray();

    public override string ToString() =>
        $"{RowCount} rows, codec {Options.Codec}, row groups of {Options.RowGroupSize}, pages of {Options.DataPageSize} B, "
        + $"dictionary {Options.UseDictionary}{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Columns)}";
}

/// <summary>
/// FsCheck generators of random flat tables: every column kind, required and optional, with the awkward values
/// (NaN, ±0, ±∞, extremes, empty and non-ASCII strings), all-null columns, 0 rows, repeated values that make
/// dictionary pages, and row group / page sizes small enough to split the data many ways.
/// </summary>
public static class RoundTripTableGenerator
{
    private static readonly ParquetCompressionCodec[] Codecs =
    [
        ParquetCompressionCodec.Uncompressed, ParquetCompressionCodec.Snappy, ParquetCompressionCodec.Gzip, ParquetCompressionCodec.Zstd,
    ];

    private static readonly double[] SpecialDoubles =
    [
        double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue,
        double.Epsilon, -double.Epsilon, 1.0, -1.5, 0.1, 65_000.25,
    ];

    private static readonly float[] SpecialFloats =
    [
        float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, float.Epsilon, 1f, 0.1f,
    ];

    private static readonly string[] SpecialStrings = ["", "a", "A", "BTCUSDT", "é", "日本", "a\u0000b", "😀", " ", "ETHUSDT"];

    /// <summary>Generates a table whose values all come from one codec (the caller picks it).</summary>
    public static Gen<RoundTripTable> Tables(ParquetCompressionCodec? codec = null, int maxRows = 300) =>
        from rows in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 3)), (6, Gen.Choose(0, maxRows)))
        from columnCount in Gen.Choose(1, 6)
        from specs in Gen.ArrayOf(ColumnSpecs(), columnCount)
        from seed in Gen.Choose(0, int.MaxValue)
        from chosenCodec in codec is { } fixedCodec ? Gen.Constant(fixedCodec) : Gen.Elements(Codecs)
        from rowGroupSize in Gen.Elements(1, 7, 64, 1 << 20)
        from pageSize in Gen.Elements(1, 100, 4096, 1 << 20)
        from useDictionary in Gen.Elements(true, false)
        select Build(specs, rows, seed, new ParquetWriterOptions
        {
            Codec = chosenCodec,
            RowGroupSize = rowGroupSize,
            DataPageSize = pageSize,
            UseDictionary = useDictionary,
            KeyValueMetadata = new Dictionary<string, string> { ["generator"] = "RoundTripTableGenerator" },
        });

    private sealed record ColumnSpec(RoundTripKind Kind, bool Optional, int NullPercent, int DistinctValues, ParquetTimeUnit Unit, int Precision, int Scale);

    private static Gen<ColumnSpec> ColumnSpecs() =>
        from kind in Gen.Elements(Enum.GetValues<RoundTripKind>())
        from optional in Gen.Elements(true, false)
        from nullPercent in Gen.Elements(0, 10, 50, 100)
        from distinct in Gen.Elements(1, 3, 50, 0) // 0 = draw freely (mostly distinct)
        from unit in Gen.Elements(ParquetTimeUnit.Millis, ParquetTimeUnit.Micros, ParquetTimeUnit.Nanos)
        from precision in Gen.Elements(1, 5, 9, 10, 18, 19, 28, 38)
        from scaleFraction in Gen.Choose(0, 4)
        select new ColumnSpec(kind, optional, optional ? nullPercent : 0, distinct, unit, precision, Math.Min(precision, scaleFraction * precision / 4));

    private static RoundTripTable Build(ColumnSpec[] specs, int rows, int seed, ParquetWriterOptions options)
    {
        var random = new Random(seed);
        var columns = new List<RoundTripColumn>(specs.Length);
        for (int c = 0; c < specs.Length; c++)
        {
            ColumnSpec spec = specs[c];
            object?[] pool = spec.DistinctValues > 0
                ? Enumerable.Range(0, spec.DistinctValues).Select(_ => RandomValue(random, spec)).ToArray()
                : [];
            var values = new object?[rows];
            for (int r = 0; r < rows; r++)
            {
                bool isNull = spec.Optional && random.Next(100) < spec.NullPercent;
                values[r] = isNull ? null : pool.Length > 0 ? pool[random.Next(pool.Length)] : RandomValue(random, spec);
            }

            columns.Add(new RoundTripColumn($"c{c}_{spec.Kind.ToString().ToLowerInvariant()}", spec.Kind, spec.Optional, values, spec.Unit, spec.Precision, spec.Scale));
        }

        return new RoundTripTable(columns, rows, options);
    }

    private static object RandomValue(Random random, ColumnSpec spec)
    {
        bool special = random.Next(4) == 0;
        switch (spec.Kind)
        {
            case RoundTripKind.Int32:
                return special ? random.GetItems([int.MinValue, int.MaxValue, 0, -1], 1)[0] : random.Next(-1000, 1000);
            case RoundTripKind.Int64:
                return special ? random.GetItems([long.MinValue, long.MaxValue, 0L, -1L], 1)[0] : random.NextInt64(-1L << 50, 1L << 50);
            case RoundTripKind.Float:
                return special ? random.GetItems(SpecialFloats, 1)[0] : (float)((random.NextDouble() - 0.5) * 1e6);
            case RoundTripKind.Double:
                return special ? random.GetItems(SpecialDoubles, 1)[0] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 12));
            case RoundTripKind.Boolean:
                return random.Next(2) == 1;
            case RoundTripKind.String:
                if (special)
                {
                    return random.GetItems(SpecialStrings, 1)[0];
                }

                int length = random.Next(0, 20);
                return new string(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x20, 0x250)).Where(ch => !char.IsSurrogate(ch)).ToArray());
            case RoundTripKind.Timestamp:
                // Stay inside the range DuckDB and polars accept for every unit (years 1677–2262 for nanoseconds).
                long bound = spec.Unit switch { ParquetTimeUnit.Millis => 9_000_000_000_000L, ParquetTimeUnit.Micros => 9_000_000_000_000_000L, _ => 9_000_000_000_000_000_000L };
                return special ? random.GetItems([0L, -1L, 1L, bound], 1)[0] : random.NextInt64(-bound, bound);
            case RoundTripKind.Date:
                return special ? random.GetItems([0, -1, 1, 2_932_896], 1)[0] : random.Next(-700_000, 2_900_000);
            case RoundTripKind.Decimal:
                {
                    // A value with at most `Precision` digits of which `Scale` after the point, inside System.Decimal's 28 digits.
                    int digits = Math.Min(spec.Precision, 28);
                    int integerDigits = Math.Min(digits - spec.Scale, 28 - Math.Min(spec.Scale, 28));
                    decimal integerPart = RandomDigits(random, Math.Max(0, integerDigits));
                    int fractionDigits = Math.Min(spec.Scale, digits);
                    decimal fraction = RandomDigits(random, fractionDigits) / Pow10(fractionDigits);
                    decimal value = special ? 0m : integerPart + fraction;
                    return random.Next(2) == 0 ? -value : value;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(spec));
        }
    }

    private static decimal RandomDigits(Random random, int digits)
    {
        decimal value = 0;
        for (int i = 0; i < digits && i < 28; i++)
        {
            value = (value * 10) + random.Next(10);
        }

        return value;
    }

    private static decimal Pow10(int exponent)
    {
        decimal result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
