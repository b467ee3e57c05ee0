using System.Text;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;
using LevBacktest.Reporting.Reports;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// Turns one column of a results table into a DataFrame column, by one rule whether the column was read from the
/// folder's Parquet file (<see cref="FromFile"/>) or taken from the in-memory table the writer would have written
/// (<see cref="FromMemory"/>, <see cref="InMemoryResultTable"/>): TIMESTAMP → UTC <see cref="DateTime"/>; INT32 → <see cref="int"/>;
/// DOUBLE → <see cref="double"/>, except the runs table's counts (integers) and <c>firstLiquidationTime</c> (UTC time);
/// BOOLEAN → <see cref="bool"/>; STRING → string. Nulls stay null. Built element by element from typed arrays, never
/// through Arrow record batches (whose string and boolean columns are broken in Microsoft.Data.Analysis 0.24).
/// </summary>
internal static class ResultsFrameColumns
{
    /// <summary>The runs-table metrics that count events or bars: integer columns in the DataFrame.</summary>
    internal static readonly HashSet<string> CountMetrics = new(StringComparer.Ordinal)
    {
        "liquidationCount", "tradeCount", "stopCount", "takeProfitCount", "rejectedOrders", "reducedOrders", "barCount",
    };

    /// <summary>The runs-table metrics that are times (UTC epoch milliseconds in the file).</summary>
    internal static readonly HashSet<string> TimeMetrics = new(StringComparer.Ordinal) { "firstLiquidationTime" };

    /// <summary>A column as read from a results folder's Parquet file.</summary>
    /// <param name="data">The column read whole.</param>
    /// <param name="path">The file, for the message.</param>
    /// <exception cref="ResultsFolderException">The column has a type levbt does not write.</exception>
    public static DataFrameColumn FromFile(ParquetColumnData data, string path)
    {
        var column = data.Column;
        string name = column.Name;
        int n = data.Length;
        if (column.LogicalType.Kind == ParquetLogicalTypeKind.Timestamp && data.Int64s is { } ticks)
        {
            return Times(name, ticks, PerMillisecond(column.LogicalType.TimeUnit), data.IsNull);
        }

        if (data.Doubles is { } doubles)
        {
            return Doubles(name, doubles, data.HasNulls, data.IsNull);
        }

        if (data.Int32s is { } ints)
        {
            return data.HasNulls ? WithNulls(new Int32DataFrameColumn(name, n), ints, data.IsNull) : new Int32DataFrameColumn(name, ints);
        }

        if (data.Int64s is { } longs)
        {
            return data.HasNulls ? WithNulls(new Int64DataFrameColumn(name, n), longs, data.IsNull) : new Int64DataFrameColumn(name, longs);
        }

        if (data.Booleans is { } booleans)
        {
            return data.HasNulls ? WithNulls(new BooleanDataFrameColumn(name, n), booleans, data.IsNull) : new BooleanDataFrameColumn(name, booleans);
        }

        if (data.Binaries is { } binaries)
        {
            return Strings(name, n, i => data.IsNull(i) ? null : Encoding.UTF8.GetString(binaries[i]));
        }

        throw new ResultsFolderException($"{path}: column '{name}' has a type levbt does not write ({column.PhysicalTypeName}).");
    }

    /// <summary>A column of a results table held in memory (<see cref="InMemoryResultTable"/>), as the file would hold it.</summary>
    /// <param name="column">The column's definition.</param>
    /// <param name="values">Its values (<see cref="InMemoryResultTable.Values"/>); in an OPTIONAL DOUBLE column a value that is not finite is null.</param>
    /// <exception cref="NotSupportedException">A column type the results tables do not use.</exception>
    public static DataFrameColumn FromMemory(ParquetColumnDefinition column, Array values)
    {
        string name = column.Name;
        int n = values.Length;
        Func<int, bool> required = _ => false;
        return (column.Type, values) switch
        {
            (ParquetWriteType.Timestamp, long[] ticks) => Times(name, ticks, PerMillisecond(column.TimeUnit), required),
            (ParquetWriteType.Double, double[] doubles) when column.IsOptional =>
                Doubles(name, doubles, Array.Exists(doubles, v => !double.IsFinite(v)), i => !double.IsFinite(doubles[i])),
            (ParquetWriteType.Double, double[] doubles) => Doubles(name, doubles, hasNulls: false, required),
            (ParquetWriteType.Int32, int[] ints) => new Int32DataFrameColumn(name, ints),
            (ParquetWriteType.Int64, long[] longs) => new Int64DataFrameColumn(name, longs),
            (ParquetWriteType.Boolean, bool[] booleans) => new BooleanDataFrameColumn(name, booleans),
            (ParquetWriteType.String, string?[] text) => Strings(name, n, i => text[i]),
            _ => throw new NotSupportedException($"Column '{name}': {column.Type} is not a type of the results tables."),
        };
    }

    private static long PerMillisecond(ParquetTimeUnit unit) => unit switch
    {
        ParquetTimeUnit.Micros => 1_000,
        ParquetTimeUnit.Nanos => 1_000_000,
        _ => 1,
    };

    private static DateTimeDataFrameColumn Times(string name, long[] ticks, long perMillisecond, Func<int, bool> isNull)
    {
        var times = new DateTimeDataFrameColumn(name, ticks.Length);
        for (int i = 0; i < ticks.Length; i++)
        {
            times[i] = isNull(i) ? null : DateTime.UnixEpoch.AddMilliseconds((double)(ticks[i] / perMillisecond));
        }

        return times;
    }

    private static DataFrameColumn Doubles(string name, double[] doubles, bool hasNulls, Func<int, bool> isNull)
    {
        int n = doubles.Length;
        if (CountMetrics.Contains(name))
        {
            var counts = new Int32DataFrameColumn(name, n);
            for (int i = 0; i < n; i++)
            {
                counts[i] = isNull(i) || !double.IsFinite(doubles[i]) ? null : (int)doubles[i];
            }

            return counts;
        }

        if (TimeMetrics.Contains(name))
        {
            var times = new DateTimeDataFrameColumn(name, n);
            for (int i = 0; i < n; i++)
            {
                times[i] = isNull(i) || !double.IsFinite(doubles[i]) ? null : DateTime.UnixEpoch.AddMilliseconds(doubles[i]);
            }

            return times;
        }

        return hasNulls ? WithNulls(new DoubleDataFrameColumn(name, n), doubles, isNull) : new DoubleDataFrameColumn(name, doubles);
    }

    private static StringDataFrameColumn Strings(string name, int n, Func<int, string?> value)
    {
        var text = new StringDataFrameColumn(name, n);
        for (int i = 0; i < n; i++)
        {
            text[i] = value(i);
        }

        return text;
    }

    private static PrimitiveDataFrameColumn<T> WithNulls<T>(PrimitiveDataFrameColumn<T> column, T[] values, Func<int, bool> isNull)
        where T : unmanaged
    {
        for (int i = 0; i < values.Length; i++)
        {
            column[i] = isNull(i) ? null : values[i];
        }

        return column;
    }
}
