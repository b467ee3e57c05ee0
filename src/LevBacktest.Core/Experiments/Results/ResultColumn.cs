using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>The column conventions shared by every table of a results folder (see <see cref="ResultTables"/>).</summary>
internal static class ResultColumn
{
    /// <summary>A TIMESTAMP(MILLIS, UTC) column of UTC milliseconds since the Unix epoch.</summary>
    public static ParquetWriteColumn Time(string name, long[] utcMilliseconds)
        => ParquetWriteColumn.Timestamp(name, utcMilliseconds, ParquetTimeUnit.Millis);

    /// <summary>
    /// An OPTIONAL DOUBLE column whatever its values (the schema says the value can be missing, so it does not
    /// depend on the data): entries that are not finite (NaN: the value does not apply; ±∞) are written as null, so
    /// Parquet agrees with summary.json, which has no NaN.
    /// </summary>
    /// <param name="name">Column name.</param>
    /// <param name="values">One value per row.</param>
    public static ParquetWriteColumn OptionalDouble(string name, double[] values)
    {
        var validity = CreateAllTrue(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            validity[i] = double.IsFinite(values[i]);
        }

        return ParquetWriteColumn.Double(name, values, validity);
    }

    private static bool[] CreateAllTrue(int length)
    {
        var flags = new bool[length];
        Array.Fill(flags, true);
        return flags;
    }
}
