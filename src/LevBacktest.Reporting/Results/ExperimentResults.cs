using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Reporting.Reports;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// The results of an experiment as <see cref="DataFrame"/>s (Microsoft.Data.Analysis), for notebooks and your own
/// analysis: one row per run, per position, per liquidation, per funding payment, per stop fill, and the equity
/// curve of any run. Open a results folder with <see cref="Open(string)"/>, or get one from <c>Experiment.Run</c>.
/// </summary>
/// <remarks>
/// Column types: times are UTC <see cref="DateTime"/> (<see cref="DateTimeKind.Utc"/>), money and prices
/// <see cref="double"/> (USDT), quantities <see cref="double"/> (base units), rates and returns <see cref="double"/>
/// fractions, bar indices, sides (+1/−1) and counts <see cref="int"/>, reasons and kinds strings. A value that does
/// not apply (a metric of a run without trades) is null. Columns and their meanings are those of the results
/// folder's Parquet files (README "Experiments: specs, sweeps and results"). The tables are read once, when the
/// results are opened (or, for <c>Experiment.Run</c>, built from the runs in memory); <see cref="Equity"/> builds
/// each run's frame on demand. Render any of them readably with
/// <see cref="DataFrameText.ToText"/> or <see cref="DataFrameText.ToHtml"/>.
/// </remarks>
public sealed class ExperimentResults
{
    private readonly int[] _runIndices;
    private readonly Func<int, RunEquityCurve> _equityOf;

    private ExperimentResults(
        string experiment,
        string? folder,
        int[] runIndices,
        Func<int, RunEquityCurve> equityOf,
        IReadOnlyList<DataFrame> tables)
    {
        Experiment = experiment;
        Folder = folder;
        _runIndices = runIndices;
        _equityOf = equityOf;
        (Runs, Trades, Liquidations, FundingPayments, Stops) = (tables[0], tables[1], tables[2], tables[3], tables[4]);
    }

    /// <summary>The experiment's name from its spec.</summary>
    public string Experiment { get; }

    /// <summary>
    /// The results folder, full path: the one read by <see cref="Open(string)"/> or written by <c>Experiment.Run</c>
    /// with an output folder; null for the results of <c>Experiment.Run</c> without one (nothing was written).
    /// </summary>
    public string? Folder { get; }

    /// <summary>
    /// One row per run, ascending run index: <c>runIndex</c>, one column per sweep axis (<c>leverage</c>,
    /// <c>stop.distance</c>, …; numbers as double, else string or bool), then every metric (README's runs.parquet
    /// list): counts (<c>liquidationCount</c>, <c>tradeCount</c>, <c>barCount</c>, …) as int,
    /// <c>firstLiquidationTime</c> as UTC DateTime, the rest as double.
    /// </summary>
    public DataFrame Runs { get; }

    /// <summary>
    /// One row per position: <c>runIndex</c>, <c>entryTime</c>, <c>entryBar</c>, <c>entryPrice</c>, <c>exitTime</c>,
    /// <c>exitBar</c>, <c>exitPrice</c>, <c>side</c>, <c>entryQuantity</c>, <c>exitQuantity</c>, <c>fees</c>,
    /// <c>fundingPaid</c>, <c>realizedPnl</c>, <c>marginLost</c>, <c>netPnl</c>, <c>exitReason</c>.
    /// </summary>
    public DataFrame Trades { get; }

    /// <summary>
    /// One row per liquidation: <c>runIndex</c>, <c>time</c>, <c>bar</c>, <c>markPrice</c>, <c>liquidationPrice</c>,
    /// <c>bankruptcyPrice</c>, <c>side</c>, <c>quantity</c>, <c>marginLost</c>, <c>clearanceFee</c>.
    /// </summary>
    public DataFrame Liquidations { get; }

    /// <summary>
    /// One row per funding settlement on an open position: <c>runIndex</c>, <c>time</c>, <c>bar</c>, <c>rate</c>,
    /// <c>markPrice</c>, <c>side</c>, <c>quantity</c>, <c>payment</c> (USDT, positive = paid).
    /// </summary>
    public DataFrame FundingPayments { get; }

    /// <summary>
    /// One row per stop-loss or take-profit fill: <c>runIndex</c>, <c>time</c>, <c>bar</c>, <c>kind</c>,
    /// <c>triggerPrice</c>, <c>fillPrice</c>, <c>gap</c> (true when the bar opened beyond the trigger).
    /// </summary>
    public DataFrame Stops { get; }

    /// <summary>The run indices, ascending.</summary>
    public IReadOnlyList<int> RunIndices => _runIndices;

    /// <summary>Reads a results folder written by <c>levbt run</c> (or <c>Experiment.Run(…, outputFolder)</c>).</summary>
    /// <param name="folder">The results folder.</param>
    /// <returns>The results: the tables in memory; <see cref="Equity"/> reads a run's curve from the folder when first asked for it
    /// (only that run's rows), so a sweep of thousands of runs opens without loading every curve.</returns>
    /// <exception cref="ResultsFolderException">The folder is missing, incomplete or not a levbt results folder (the message names the file).</exception>
    public static ExperimentResults Open(string folder)
    {
        var results = ResultsFolder.Read(folder);
        string directory = results.Directory;
        DataFrame[] tables = [.. TableFiles.Select(file => ResultsTableReader.Read(Path.Combine(directory, file)))];
        return new ExperimentResults(results.Experiment, directory, [.. results.Runs.Select(r => r.RunIndex)], results.EquityOf, tables);
    }

    /// <summary>
    /// The results of runs held in memory, with the tables a results folder of them would hold (built from the same
    /// schemas and rows, <see cref="InMemoryResultTable"/>, so they equal what <see cref="Open(string)"/> reads back), and the runs'
    /// equity curves as they are (<see cref="EquityStorage.Full"/>: every bar).
    /// </summary>
    /// <param name="outcome">The runs, ascending run index, with their equity curves.</param>
    /// <param name="folder">Where they were also written, or null.</param>
    internal static ExperimentResults FromOutcome(ExperimentOutcome outcome, string? folder)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var curves = new Dictionary<int, RunEquityCurve>(outcome.Runs.Count);
        foreach (var run in outcome.Runs)
        {
            var curve = run.Result.EquityCurve;
            curves[run.Point.RunIndex] = new RunEquityCurve(
                run.Point.RunIndex,
                curve.OpenTimeMs[..curve.Count],
                curve.Equity,
                curve.PositionNotional,
                curve.EffectiveLeverage,
                curve.MarginRatio,
                curve.LiquidationPrice);
        }

        var tables = InMemoryResultTable.Build(outcome.Plan.Grid, outcome.Runs);
        return new ExperimentResults(
            outcome.Plan.Spec.Name,
            folder,
            [.. outcome.Runs.Select(r => r.Point.RunIndex)],
            runIndex => curves[runIndex],
            [.. tables.Select(table => new DataFrame(table.Columns.Select((column, c) => ResultsFrameColumns.FromMemory(column, table.Values[c]))))]);
    }

    /// <summary>The Parquet files of <see cref="Runs"/>, <see cref="Trades"/>, <see cref="Liquidations"/>, <see cref="FundingPayments"/> and <see cref="Stops"/>.</summary>
    private static readonly string[] TableFiles = ["runs.parquet", "trades.parquet", "liquidations.parquet", "funding.parquet", "stops.parquet"];

    /// <summary>
    /// The equity curve of one run, one row per bar: <c>time</c> (bar open, UTC; values at its close), <c>equity</c>,
    /// <c>positionNotional</c> (USDT), <c>effectiveLeverage</c>, <c>marginRatio</c> (1 = liquidation),
    /// <c>liquidationPrice</c> (USDT; null when flat).
    /// </summary>
    /// <param name="runIndex">A run index of <see cref="Runs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">No run has that index.</exception>
    public DataFrame Equity(int runIndex)
    {
        if (Array.IndexOf(_runIndices, runIndex) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(runIndex), runIndex, $"No run {runIndex} in {Experiment}; the runs are {RunIndices.FirstOrDefault()}..{RunIndices.LastOrDefault()}.");
        }

        var curve = _equityOf(runIndex);
        int n = curve.Count;
        var time = new DateTimeDataFrameColumn("time", n);
        var times = curve.TimeMs.Span;
        for (int i = 0; i < n; i++)
        {
            time[i] = DateTime.UnixEpoch.AddMilliseconds(times[i]);
        }

        var liquidation = new DoubleDataFrameColumn("liquidationPrice", n);
        var prices = curve.LiquidationPrice.Span;
        for (int i = 0; i < n; i++)
        {
            liquidation[i] = double.IsNaN(prices[i]) ? null : prices[i];
        }

        return new DataFrame(
            time,
            new DoubleDataFrameColumn("equity", curve.Equity.ToArray()),
            new DoubleDataFrameColumn("positionNotional", curve.PositionNotional.ToArray()),
            new DoubleDataFrameColumn("effectiveLeverage", curve.EffectiveLeverage.ToArray()),
            new DoubleDataFrameColumn("marginRatio", curve.MarginRatio.ToArray()),
            liquidation);
    }

    /// <summary>The experiment's name and the size of each table, e.g. for a notebook cell's plain-text output.</summary>
    public override string ToString() =>
        $"{Experiment}: {Runs.Rows.Count} runs, {Trades.Rows.Count} trades, {Liquidations.Rows.Count} liquidations, {FundingPayments.Rows.Count} funding payments, {Stops.Rows.Count} stop fills{(Folder is null ? string.Empty : $" ({Folder})")}";
}
