using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// One table of a results folder held in memory instead of written: the same schema (<see cref="ResultTables"/>) and
/// the same rows the Parquet file of the same runs would hold, one array per column. Used by LevBacktest.Reporting's
/// <c>Experiment.Run</c> to give results without writing a folder.
/// </summary>
public sealed class InMemoryResultTable
{
    private InMemoryResultTable(string fileName, IReadOnlyList<ParquetColumnDefinition> columns, IReadOnlyList<Array> values)
    {
        FileName = fileName;
        Columns = columns;
        Values = values;
        RowCount = values[0].Length;
    }

    /// <summary>The file this table would be in a results folder, e.g. <c>trades.parquet</c>.</summary>
    public string FileName { get; }

    /// <summary>The schema, <c>runIndex</c> first, as in the file.</summary>
    public IReadOnlyList<ParquetColumnDefinition> Columns { get; }

    /// <summary>
    /// One array per column of <see cref="Columns"/>, each of <see cref="RowCount"/> values: INT32 → <c>int[]</c>,
    /// TIMESTAMP → <c>long[]</c> (UTC milliseconds), DOUBLE → <c>double[]</c> (in an OPTIONAL column a value that is
    /// not finite is the file's null), BOOLEAN → <c>bool[]</c>, STRING → <c>string?[]</c>.
    /// </summary>
    public IReadOnlyList<Array> Values { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>
    /// The tables of a results folder except <c>equity.parquet</c> (whose rows are the runs' equity curves as they are),
    /// in the order runs, trades, liquidations, funding, stops.
    /// </summary>
    /// <param name="grid">The sweep the runs belong to (its axes are columns of the runs table).</param>
    /// <param name="runs">The runs in ascending run index, with their events.</param>
    /// <exception cref="OverflowException">A table would have more than <see cref="int.MaxValue"/> rows.</exception>
    public static IReadOnlyList<InMemoryResultTable> Build(SweepGrid grid, IReadOnlyList<RunOutcome> runs)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(runs);
        var runColumns = ResultTables.RunsColumns(grid);
        var runValues = new Array[runColumns.Count];
        for (int c = 0; c < runValues.Length; c++)
        {
            runValues[c] = ResultTableAppender.NewBuffer(runColumns[c], runs.Count);
        }

        ResultTables.RunsFill(grid, runs)(new ResultTableChunk(runValues), 0, 0, runs.Count);
        return
        [
            new("runs.parquet", runColumns, runValues),
            new("trades.parquet", ResultTables.Trades.Columns, ResultTables.Trades.Gather(runs)),
            new("liquidations.parquet", ResultTables.Liquidations.Columns, ResultTables.Liquidations.Gather(runs)),
            new("funding.parquet", ResultTables.Funding.Columns, ResultTables.Funding.Gather(runs)),
            new("stops.parquet", ResultTables.Stops.Columns, ResultTables.Stops.Gather(runs)),
        ];
    }
}
