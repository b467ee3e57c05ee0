using LevBacktest.Core.Experiments;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// <c>liquidation-prices.parquet</c>, written with the charts: the liquidation price of the open position of
/// every run as a step function — one row where it changes (runIndex INT32, time TIMESTAMP(MILLIS, UTC) = open
/// time of the bar from whose close on it holds, liquidationPrice DOUBLE in USDT, null when flat). equity.parquet
/// leaves the per-bar column out to keep sweeps fast; the change points are exact and far fewer (a fixed
/// position's liquidation price moves only at funding settlements and trades).
/// </summary>
public static class LiquidationPriceTable
{
    /// <summary>The file name inside a results folder.</summary>
    public const string FileName = "liquidation-prices.parquet";

    /// <summary>Writes the table for every run of <paramref name="outcome"/> into <paramref name="directory"/>.</summary>
    /// <param name="directory">The (temporary) results folder.</param>
    /// <param name="outcome">The runs in memory.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string directory, ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(outcome);
        var runs = new List<int>();
        var times = new List<long>();
        var prices = new List<double>();
        foreach (var run in outcome.Runs)
        {
            var curve = run.Result.EquityCurve;
            var open = curve.OpenTimeMs.Span;
            var price = curve.LiquidationPrice;
            for (int i = 0; i < price.Length; i++)
            {
                // Bitwise comparison: NaN (flat) equals NaN, any change of value is a new row.
                if (i == 0 || BitConverter.DoubleToInt64Bits(price[i]) != BitConverter.DoubleToInt64Bits(price[i - 1]))
                {
                    runs.Add(run.Point.RunIndex);
                    times.Add(open[i]);
                    prices.Add(price[i]);
                }
            }
        }

        var values = prices.ToArray();
        var valid = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            valid[i] = double.IsFinite(values[i]);
        }

        ParquetFileWriter.Write(Path.Combine(directory, FileName),
        [
            ParquetWriteColumn.Int32("runIndex", runs.ToArray()),
            ParquetWriteColumn.Timestamp("time", times.ToArray(), ParquetTimeUnit.Millis),
            ParquetWriteColumn.Double("liquidationPrice", values, valid),
        ]);
    }
}
