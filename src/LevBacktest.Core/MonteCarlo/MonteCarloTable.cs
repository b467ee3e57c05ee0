using LevBacktest.Core.Experiments.Results;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// <c>montecarlo.parquet</c>: one row per (path, run), path-major — <c>path</c> INT32, <c>runIndex</c> INT32,
/// <c>leverage</c> DOUBLE (the run's leverage under test), <c>liquidated</c> BOOLEAN, <c>timeToFirstLiquidationDays</c>
/// DOUBLE (null when not liquidated), <c>finalEquity</c> (USDT), <c>totalReturn</c> (fraction), <c>maxDrawdown</c>
/// (fraction), <c>fundingPaid</c> (net USDT, negative = received) DOUBLE. Written and read here, so a merge of shards
/// writes the very bytes of the unsharded run.
/// </summary>
public static class MonteCarloTable
{
    /// <summary>The file name inside a Monte Carlo results folder.</summary>
    public const string FileName = "montecarlo.parquet";

    /// <summary>Writes the rows of paths [firstPath, firstPath + rows / runCount) to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="firstPath">Index of the first path.</param>
    /// <param name="leverages">Leverage under test of each run, length runCount.</param>
    /// <param name="rows">Path-major rows, a multiple of runCount.</param>
    public static void Write(string path, int firstPath, IReadOnlyList<double> leverages, ReadOnlySpan<PathRunResult> rows)
    {
        ArgumentNullException.ThrowIfNull(leverages);
        int runCount = leverages.Count;
        int n = rows.Length;
        var pathColumn = new int[n];
        var runColumn = new int[n];
        var leverage = new double[n];
        var liquidated = new bool[n];
        var time = new double[n];
        var equity = new double[n];
        var totalReturn = new double[n];
        var drawdown = new double[n];
        var funding = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            pathColumn[i] = firstPath + (i / runCount);
            runColumn[i] = i % runCount;
            leverage[i] = leverages[i % runCount];
            liquidated[i] = row.Liquidated;
            time[i] = row.TimeToFirstLiquidationDays;
            equity[i] = row.FinalEquity;
            totalReturn[i] = row.TotalReturn;
            drawdown[i] = row.MaxDrawdown;
            funding[i] = row.FundingPaid;
        }

        ParquetFileWriter.Write(path,
        [
            ParquetWriteColumn.Int32("path", pathColumn),
            ParquetWriteColumn.Int32("runIndex", runColumn),
            ParquetWriteColumn.Double("leverage", leverage),
            ParquetWriteColumn.Boolean("liquidated", liquidated),
            ResultColumn.OptionalDouble("timeToFirstLiquidationDays", time),
            ResultColumn.OptionalDouble("finalEquity", equity),
            ResultColumn.OptionalDouble("totalReturn", totalReturn),
            ResultColumn.OptionalDouble("maxDrawdown", drawdown),
            ResultColumn.OptionalDouble("fundingPaid", funding),
        ]);
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="runCount">Runs per path.</param>
    /// <returns>The first path index, each run's leverage (length runCount) and the path-major rows.</returns>
    /// <exception cref="InvalidDataException">The rows are not path-major with <paramref name="runCount"/> runs per path.</exception>
    /// <exception cref="ParquetFormatException">The file is damaged or lacks a column.</exception>
    public static (int FirstPath, double[] Leverages, PathRunResult[] Rows) Read(string path, int runCount)
    {
        using var reader = ParquetFileReader.Open(path);
        int[] paths = reader.ReadInt32Column("path");
        int[] runs = reader.ReadInt32Column("runIndex");
        double[] leverage = reader.ReadDoubleColumn("leverage");
        bool[] liquidated = reader.ReadColumn("liquidated").Booleans ?? throw new InvalidDataException($"{path}: column 'liquidated' is not BOOLEAN.");
        double[] time = Nullable(reader, "timeToFirstLiquidationDays");
        double[] equity = Nullable(reader, "finalEquity");
        double[] totalReturn = Nullable(reader, "totalReturn");
        double[] drawdown = Nullable(reader, "maxDrawdown");
        double[] funding = Nullable(reader, "fundingPaid");
        int n = paths.Length;
        if (n % runCount != 0)
        {
            throw new InvalidDataException($"{path}: {n} rows is not a whole number of paths of {runCount} runs.");
        }

        int firstPath = n == 0 ? 0 : paths[0];
        var rows = new PathRunResult[n];
        var leverages = new double[runCount];
        for (int i = 0; i < n; i++)
        {
            if (paths[i] != firstPath + (i / runCount) || runs[i] != i % runCount)
            {
                throw new InvalidDataException($"{path}: row {i} holds path {paths[i]}, run {runs[i]}; expected path {firstPath + (i / runCount)}, run {i % runCount}.");
            }

            leverages[i % runCount] = leverage[i];
            rows[i] = new PathRunResult(liquidated[i], time[i], equity[i], totalReturn[i], drawdown[i], funding[i]);
        }

        return (firstPath, leverages, rows);
    }

    private static double[] Nullable(ParquetFileReader reader, string name)
    {
        var column = reader.ReadColumn(name);
        var values = (double[])(column.Doubles ?? throw new InvalidDataException($"column '{name}' is not DOUBLE.")).Clone();
        if (column.HasNulls)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (column.IsNull(i))
                {
                    values[i] = double.NaN;
                }
            }
        }

        return values;
    }
}
