using System.Numerics;
using System.Text;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;

namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// A Parquet file read through LevBacktest.Parquet's reader, its columns mapped to source columns:
/// INT32/INT64 (and unsigned INTEGER) → integers; TIMESTAMP(ms/us/ns) → integers with that unit
/// (UTC-adjusted or not: a naive timestamp, as pandas writes for tz-naive data, is taken as UTC);
/// DATE → days; INT96 (Spark, older Hive/Impala) → epoch milliseconds; FLOAT/DOUBLE → doubles;
/// DECIMAL on INT32/INT64/BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY → doubles (unscaled / 10^scale, correctly
/// rounded for up to 15 significant digits); STRING/ENUM/JSON and un-annotated BYTE_ARRAY → text.
/// Other types (TIME, UUID, FLOAT16, the NULL type) are listed but cannot be used.
/// </summary>
internal sealed class ParquetSourceTable : SourceTable, IDisposable
{
    private readonly ParquetFileReader _reader;

    private ParquetSourceTable(string path, ParquetFileReader reader, IReadOnlyList<SourceColumnInfo> columns)
        : base(path, columns, checked((int)reader.RowCount))
    {
        _reader = reader;
    }

    /// <summary>Opens a Parquet file and maps its schema.</summary>
    /// <exception cref="MarketDataException">The file is not a readable flat Parquet file.</exception>
    public static ParquetSourceTable Open(string path) => Open(path, () => ParquetFileReader.Open(path));

    /// <summary>Opens Parquet data from a stream (the reader does not dispose it), named <paramref name="name"/> in messages.</summary>
    /// <exception cref="MarketDataException">The data is not a readable flat Parquet file.</exception>
    public static ParquetSourceTable Open(Stream stream, string name) => Open(name, () => ParquetFileReader.Open(stream, name));

    private static ParquetSourceTable Open(string path, Func<ParquetFileReader> open)
    {
        ParquetFileReader reader;
        try
        {
            reader = open();
        }
        catch (Exception exception) when (exception is ParquetFormatException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            throw new MarketDataException($"{path}: cannot read it as Parquet: {exception.Message}", exception);
        }

        try
        {
            if (reader.RowCount > int.MaxValue)
            {
                throw new MarketDataException(path, null, null, $"{reader.RowCount} rows is more than one table can hold ({int.MaxValue}).");
            }

            var columns = reader.Schema.Columns.Select(Describe).ToArray();
            return new ParquetSourceTable(path, reader, columns);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public override SourceColumn Read(SourceColumnInfo column)
    {
        if (column.Kind == SourceValueKind.Text && ConstantText(column.Name) is { } constant)
        {
            return SourceColumn.Constant(column, RowCount, constant);
        }

        ParquetColumnData data;
        try
        {
            data = _reader.ReadColumn(column.Name);
        }
        catch (Exception exception) when (exception is ParquetFormatException or NotSupportedException or IOException)
        {
            throw new MarketDataException($"{Path}, column '{column.Name}': cannot read the values: {exception.Message}", exception);
        }

        bool[]? nulls = null;
        if (data.HasNulls)
        {
            nulls = new bool[data.Length];
            for (int row = 0; row < data.Length; row++)
            {
                nulls[row] = data.IsNull(row);
            }
        }

        var logical = data.Column.LogicalType;
        switch (column.Kind)
        {
            case SourceValueKind.Boolean:
                return SourceColumn.FromBooleans(column, data.Booleans!, nulls);
            case SourceValueKind.Text:
                return SourceColumn.FromTexts(column, Texts(data.Binaries!));
            case SourceValueKind.Real when logical.Kind == ParquetLogicalTypeKind.Decimal:
                return SourceColumn.FromReals(column, Decimals(data, logical.Scale), nulls);
            case SourceValueKind.Real:
                return SourceColumn.FromReals(column, data.Doubles ?? Widen(data.Floats!), nulls);
            case SourceValueKind.Integer when data.Int96s is { } int96s:
                var millis = new long[int96s.Length];
                for (int row = 0; row < millis.Length; row++)
                {
                    var value = int96s[row];
                    long days = value.JulianDay - ParquetInt96.UnixEpochJulianDay;
                    millis[row] = (days * 86_400_000) + Math.DivRem(value.NanosecondsOfDay, 1_000_000).Quotient;
                }

                return SourceColumn.FromIntegers(column, millis, nulls);
            case SourceValueKind.Integer when data.Int64s is { } longs:
                return SourceColumn.FromIntegers(column, longs, nulls);
            case SourceValueKind.Integer when data.Int32s is { } ints:
                bool unsigned = logical is { Kind: ParquetLogicalTypeKind.Integer, IsSigned: false };
                var widened = new long[ints.Length];
                for (int row = 0; row < ints.Length; row++)
                {
                    widened[row] = unsigned ? (uint)ints[row] : ints[row];
                }

                return SourceColumn.FromIntegers(column, widened, nulls);
            default:
                throw new MarketDataException(Path, null, column.Name, $"a {column.TypeDescription} column cannot be used here.");
        }
    }

    public void Dispose() => _reader.Dispose();

    private static SourceColumnInfo Describe(ParquetColumnDescriptor column)
    {
        var logical = column.LogicalType;
        string type = logical.Kind == ParquetLogicalTypeKind.None ? column.PhysicalTypeName : $"{column.PhysicalTypeName} {logical}";
        var (kind, time) = (column.PhysicalType, logical.Kind) switch
        {
            (_, ParquetLogicalTypeKind.Null) => (SourceValueKind.Unsupported, SourceTimeKind.None),
            (ParquetPhysicalType.Boolean, _) => (SourceValueKind.Boolean, SourceTimeKind.None),
            (_, ParquetLogicalTypeKind.Decimal) => (SourceValueKind.Real, SourceTimeKind.None),
            (ParquetPhysicalType.Int32, ParquetLogicalTypeKind.Date) => (SourceValueKind.Integer, SourceTimeKind.DateDays),
            (ParquetPhysicalType.Int64, ParquetLogicalTypeKind.Timestamp) => (SourceValueKind.Integer, logical.TimeUnit switch
            {
                ParquetTimeUnit.Millis => SourceTimeKind.TimestampMillis,
                ParquetTimeUnit.Micros => SourceTimeKind.TimestampMicros,
                _ => SourceTimeKind.TimestampNanos,
            }),
            (ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64, ParquetLogicalTypeKind.None or ParquetLogicalTypeKind.Integer) => (SourceValueKind.Integer, SourceTimeKind.None),
            (ParquetPhysicalType.Int96, _) => (SourceValueKind.Integer, SourceTimeKind.TimestampMillis),
            (ParquetPhysicalType.Float or ParquetPhysicalType.Double, _) => (SourceValueKind.Real, SourceTimeKind.None),
            (ParquetPhysicalType.ByteArray, ParquetLogicalTypeKind.None or ParquetLogicalTypeKind.String or ParquetLogicalTypeKind.Enum or ParquetLogicalTypeKind.Json) => (SourceValueKind.Text, SourceTimeKind.None),
            _ => (SourceValueKind.Unsupported, SourceTimeKind.None),
        };
        return new SourceColumnInfo(column.Name, kind, time, type);
    }

    /// <summary>
    /// UTF-8 decoded values; rows sharing one array (the reader shares repeats, e.g. a symbol on every row) share
    /// one string, so a year of one-minute bars decodes its symbol once, not 525,600 times.
    /// </summary>
    /// <summary>
    /// The one value of a required text column whose every row group's statistics have minimum = maximum, else null.
    /// Minimum and maximum bound the values whatever the writer (a writer that shortens a long bound widens it, never
    /// narrows it), so equal bounds mean every row holds that value: the symbol column of a single-symbol file is known
    /// from the footer instead of decoding a value per bar (a minute year: 525,600 values, the largest single step of
    /// loading W1's prices before this). Its pages are then not decoded, so a damaged page of such a column goes unnoticed.
    /// </summary>
    internal string? ConstantText(string name)
    {
        var descriptor = _reader.Schema.FindColumn(name);
        if (descriptor is null || descriptor.IsOptional || descriptor.PhysicalType != ParquetPhysicalType.ByteArray)
        {
            return null;
        }

        byte[]? value = null;
        foreach (var group in _reader.Metadata.RowGroups)
        {
            var chunk = group.Columns[descriptor.Index];
            if (chunk.IsEncrypted || chunk.ExternalFilePath is not null || chunk.ValueCount != group.RowCount
                || chunk.Statistics is not { Min: { } min, Max: { } max } || !min.AsSpan().SequenceEqual(max)
                || (value is not null && !value.AsSpan().SequenceEqual(min)))
            {
                return null;
            }

            value = min;
        }

        if (value is null)
        {
            return null;
        }

        try
        {
            // What a read of the column would have checked first.
            _reader.EnsureRowCountsAgree();
        }
        catch (ParquetFormatException exception)
        {
            throw new MarketDataException($"{Path}, column '{name}': cannot read the values: {exception.Message}", exception);
        }

        return Encoding.UTF8.GetString(value);
    }

    private static string?[] Texts(byte[]?[] binaries)
    {
        var texts = new string?[binaries.Length];
        byte[]? previousBytes = null;
        string? previousText = null;
        for (int row = 0; row < binaries.Length; row++)
        {
            var bytes = binaries[row];
            if (bytes is null)
            {
                continue;
            }

            if (!ReferenceEquals(bytes, previousBytes))
            {
                previousBytes = bytes;
                previousText = Encoding.UTF8.GetString(bytes);
            }

            texts[row] = previousText;
        }

        return texts;
    }

    private static double[] Widen(float[] values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    /// <summary>DECIMAL values as doubles: unscaled / 10^scale, one correctly rounded division when both are exact doubles.</summary>
    private static double[] Decimals(ParquetColumnData data, int scale)
    {
        double divisor = Math.Pow(10, scale);
        var result = new double[data.Length];
        for (int row = 0; row < result.Length; row++)
        {
            double unscaled;
            if (data.Int32s is { } ints)
            {
                unscaled = ints[row];
            }
            else if (data.Int64s is { } longs)
            {
                unscaled = longs[row];
            }
            else
            {
                var bytes = data.Binaries![row];
                unscaled = bytes is null || bytes.Length == 0 ? 0 : (double)new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
            }

            result[row] = unscaled / divisor;
        }

        return result;
    }
}
