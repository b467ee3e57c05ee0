using System.Text;

using LevBacktest.Core.Metrics;
using LevBacktest.Parquet;
using LevBacktest.Reporting.Reports;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// Reads one table of a results folder (<c>runs.parquet</c>, <c>trades.parquet</c>, …) into a DataFrame
/// column by column from the reader's typed arrays (never through Arrow record batches, whose string and
/// boolean columns are broken in Microsoft.Data.Analysis 0.24). Types: TIMESTAMP → UTC <see cref="DateTime"/>;
/// INT32 → <see cref="int"/>; DOUBLE → <see cref="double"/>, except the runs table's counts (integers) and
/// <c>firstLiquidationTime</c> (UTC time); BOOLEAN → <see cref="bool"/>; STRING → string. Nulls stay null.
/// </summary>
internal static class ResultsTableReader
{
    /// <summary>The runs-table metrics that count events or bars: integer columns in the DataFrame.</summary>
    internal static readonly HashSet<string> CountMetrics = new(StringComparer.Ordinal)
    {
        "liquidationCount", "tradeCount", "stopCount", "takeProfitCount", "rejectedOrders", "reducedOrders", "barCount",
    };

    /// <summary>The runs-table metrics that are times (UTC epoch milliseconds in the file).</summary>
    internal static readonly HashSet<string> TimeMetrics = new(StringComparer.Ordinal) { "firstLiquidationTime" };

    /// <summary>Reads the whole table.</summary>
    /// <param name="path">The Parquet file of a results folder.</param>
    /// <exception cref="ResultsFolderException">The file is missing or not a table levbt wrote.</exception>
    public static DataFrame Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultsFolderException($"{Path.GetDirectoryName(path)} is incomplete: {Path.GetFileName(path)} is missing (rerun 'levbt run').");
        }

        try
        {
            using var reader = ParquetFileReader.Open(path);
            var columns = new List<DataFrameColumn>(reader.Schema.Columns.Count);
            foreach (var descriptor in reader.Schema.Columns)
            {
                columns.Add(Convert(reader.ReadColumn(descriptor.Name), path));
            }

            return new DataFrame(columns);
        }
        catch (ParquetFormatException exception)
        {
            throw new ResultsFolderException($"{path}: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or InvalidDataException)
        {
            throw new ResultsFolderException($"{path}: {exception.Message}", exception);
        }
    }

    private static DataFrameColumn Convert(ParquetColumnData data, string path)
    {
        var column = data.Column;
        string name = column.Name;
        int n = data.Length;
        if (column.LogicalType.Kind == ParquetLogicalTypeKind.Timestamp && data.Int64s is { } ticks)
        {
            long perMillisecond = column.LogicalType.TimeUnit switch
            {
                ParquetTimeUnit.Micros => 1_000,
                ParquetTimeUnit.Nanos => 1_000_000,
                _ => 1,
            };
            var times = new DateTimeDataFrameColumn(name, n);
            for (int i = 0; i < n; i++)
            {
                times[i] = data.IsNull(i) ? null : DateTime.UnixEpoch.AddMilliseconds((double)(ticks[i] / perMillisecond));
            }

            return times;
        }

        if (data.Doubles is { } doubles)
        {
            if (CountMetrics.Contains(name))
            {
                var counts = new Int32DataFrameColumn(name, n);
                for (int i = 0; i < n; i++)
                {
                    counts[i] = data.IsNull(i) || !double.IsFinite(doubles[i]) ? null : (int)doubles[i];
                }

                return counts;
            }

            if (TimeMetrics.Contains(name))
            {
                var times = new DateTimeDataFrameColumn(name, n);
                for (int i = 0; i < n; i++)
                {
                    times[i] = data.IsNull(i) || !double.IsFinite(doubles[i]) ? null : DateTime.UnixEpoch.AddMilliseconds(doubles[i]);
                }

                return times;
            }

            return data.HasNulls ? WithNulls(new DoubleDataFrameColumn(name, n), doubles, data) : new DoubleDataFrameColumn(name, doubles);
        }

        if (data.Int32s is { } ints)
        {
            return data.HasNulls ? WithNulls(new Int32DataFrameColumn(name, n), ints, data) : new Int32DataFrameColumn(name, ints);
        }

        if (data.Int64s is { } longs)
        {
            return data.HasNulls ? WithNulls(new Int64DataFrameColumn(name, n), longs, data) : new Int64DataFrameColumn(name, longs);
        }

        if (data.Booleans is { } booleans)
        {
            return data.HasNulls ? WithNulls(new BooleanDataFrameColumn(name, n), booleans, data) : new BooleanDataFrameColumn(name, booleans);
        }

        if (data.Binaries is { } binaries)
        {
            var text = new StringDataFrameColumn(name, n);
            for (int i = 0; i < n; i++)
            {
                text[i] = data.IsNull(i) ? null : Encoding.UTF8.GetString(binaries[i]);
            }

            return text;
        }

        throw new ResultsFolderException($"{path}: column '{name}' has a type levbt does not write ({column.PhysicalTypeName}).");
    }

    private static PrimitiveDataFrameColumn<T> WithNulls<T>(PrimitiveDataFrameColumn<T> column, T[] values, ParquetColumnData data)
        where T : unmanaged
    {
        for (int i = 0; i < values.Length; i++)
        {
            column[i] = data.IsNull(i) ? null : values[i];
        }

        return column;
    }

    /// <summary>Sanity reference so the count list stays in step with the metric names.</summary>
    internal static bool IsKnownMetric(string name) => RunMetrics.Names.Contains(name);
}
