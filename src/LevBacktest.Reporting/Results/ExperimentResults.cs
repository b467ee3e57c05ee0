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
/// results are opened; <see cref="Equity"/> builds each run's frame on demand. Render any of them readably with
/// <see cref="DataFrameText.ToText"/> or <see cref="DataFrameText.ToHtml"/>.
/// </remarks>
public sealed class ExperimentResults
{
    private readonly ResultsFolder _folder;
    private bool KeepFolder { get; init; } = true;

    private ExperimentResults(ResultsFolder folder, DataFrame runs, DataFrame trades, DataFrame liquidations, DataFrame funding, DataFrame stops)
    {
        _folder = folder;
        Runs = runs;
        Trades = trades;
        Liquidations = liquidations;
        FundingPayments = funding;
        Stops = stops;
    }

    /// <summary>The experiment's name from its spec.</summary>
    public string Experiment => _folder.Experiment;

    /// <summary>The results folder read, full path; null for the results of <c>Experiment.Run</c> without an output folder.</summary>
    public string? Folder => KeepFolder ? _folder.Directory : null;

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
    public IReadOnlyList<int> RunIndices => _folder.Runs.Select(r => r.RunIndex).ToArray();

    /// <summary>Reads a results folder written by <c>levbt run</c> (or <c>Experiment.Run(…, outputFolder)</c>).</summary>
    /// <param name="folder">The results folder.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ResultsFolderException">The folder is missing, incomplete or not a levbt results folder (the message names the file).</exception>
    public static ExperimentResults Open(string folder) => Open(folder, keepFolder: true);

    /// <summary>Reads a results folder; everything is in memory afterwards, so a temporary folder may be deleted.</summary>
    internal static ExperimentResults Open(string folder, bool keepFolder)
    {
        var results = ResultsFolder.Read(folder);
        if (!keepFolder)
        {
            // The folder is about to be deleted: read every run's rows now.
            results.LoadAll();
        }

        string directory = results.Directory;
        return new ExperimentResults(
            results,
            ResultsTableReader.Read(Path.Combine(directory, "runs.parquet")),
            ResultsTableReader.Read(Path.Combine(directory, "trades.parquet")),
            ResultsTableReader.Read(Path.Combine(directory, "liquidations.parquet")),
            ResultsTableReader.Read(Path.Combine(directory, "funding.parquet")),
            ResultsTableReader.Read(Path.Combine(directory, "stops.parquet")))
        {
            KeepFolder = keepFolder,
        };
    }

    /// <summary>
    /// The equity curve of one run, one row per bar: <c>time</c> (bar open, UTC; values at its close), <c>equity</c>,
    /// <c>positionNotional</c> (USDT), <c>effectiveLeverage</c>, <c>marginRatio</c> (1 = liquidation),
    /// <c>liquidationPrice</c> (USDT; null when flat).
    /// </summary>
    /// <param name="runIndex">A run index of <see cref="Runs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">No run has that index.</exception>
    public DataFrame Equity(int runIndex)
    {
        if (!RunIndices.Contains(runIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(runIndex), runIndex, $"No run {runIndex} in {Experiment}; the runs are {RunIndices.FirstOrDefault()}..{RunIndices.LastOrDefault()}.");
        }

        var curve = _folder.EquityOf(runIndex);
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
