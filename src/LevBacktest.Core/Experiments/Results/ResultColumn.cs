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
    /// A DOUBLE column whose non-finite entries (NaN: the value does not apply; ±∞) are written as null, so
    /// Parquet agrees with summary.json, which has no NaN. REQUIRED when every entry is finite.
    /// </summary>
    public static ParquetWriteColumn NullableDouble(string name, double[] values)
    {
        bool[]? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                validity ??= CreateAllTrue(values.Length);
                validity[i] = false;
            }
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
