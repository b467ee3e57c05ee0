namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Writes the data files of a results folder while a sweep runs: each finished run's rows (its kept equity curve,
/// trades, liquidations, funding payments and stop fills) go to equity.parquet, trades.parquet, liquidations.parquet,
/// funding.parquet and stops.parquet as soon as the run is handed over, and the run is then kept with its metrics
/// only; <see cref="Complete"/> adds summary.json and runs.parquet. Memory is one chunk per table
/// (<see cref="ResultTableAppender.ChunkRows"/> rows) plus the runs in flight, whatever the number of runs.
/// </summary>
/// <remarks>
/// Hand runs over in ascending run index (<see cref="ExperimentRunner.Stream"/> does): the files then hold the same
/// bytes whatever the thread count, and the same bytes as <see cref="ExperimentResultsWriter.Write(string, ExperimentOutcome, ResultsProvenance, CancellationToken)"/>
/// and <see cref="ResultsMerger"/> write for the same runs. Write into an <see cref="AtomicOutputFolder"/>'s working
/// path: each file is written to a temporary name and renamed by <see cref="Complete"/>; disposing without completing
/// deletes them. Not thread-safe: call <see cref="Append(RunOutcome)"/> from the stream's consumer.
/// </remarks>
/// <example>
/// <code>
/// using var writer = ResultsStreamWriter.Create(folder.WorkingPath, cancellationToken);
/// var kept = new List&lt;RunOutcome&gt;();
/// ExperimentRunner.Stream(plan, data, brackets, options, run => kept.Add(writer.Append(run, storage)), cancellationToken);
/// writer.Complete(new ExperimentOutcome(plan, data, options.Shard, kept, storage), provenance);
/// </code>
/// </example>
public sealed class ResultsStreamWriter : IDisposable
{
    private readonly string _directory;
    private readonly CancellationToken _cancellationToken;
    private readonly ResultTableAppender _equity;
    private readonly ResultTableAppender _trades;
    private readonly ResultTableAppender _liquidations;
    private readonly ResultTableAppender _funding;
    private readonly ResultTableAppender _stops;
    private readonly ResultTableAppender? _exposure;
    private bool _completed;

    private ResultsStreamWriter(string directory, CancellationToken cancellationToken, ResultTableAppender[] tables)
    {
        _directory = directory;
        _cancellationToken = cancellationToken;
        (_equity, _trades, _liquidations, _funding, _stops) = (tables[0], tables[1], tables[2], tables[3], tables[4]);
        _exposure = tables.Length > 5 ? tables[5] : null;
    }

    private IEnumerable<ResultTableAppender> Tables => _exposure is null ? [_equity, _trades, _liquidations, _funding, _stops] : [_equity, _trades, _liquidations, _funding, _stops, _exposure];

    /// <summary>Opens the streamed tables in <paramref name="directory"/>.</summary>
    /// <param name="directory">An existing folder (the working path of an <see cref="AtomicOutputFolder"/>).</param>
    /// <param name="cancellationToken">Checked at every <see cref="Append(RunOutcome)"/> and before <see cref="Complete"/> writes.</param>
    /// <exception cref="IOException">A file cannot be created.</exception>
    /// <param name="portfolio">A portfolio's folder: the event tables get an <c>instrument</c> column and exposure.parquet is written too.</param>
    public static ResultsStreamWriter Create(string directory, CancellationToken cancellationToken = default, bool portfolio = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var opened = new List<ResultTableAppender>(6);
        try
        {
            opened.Add(Open(directory, "equity.parquet", ResultTables.EquityColumns, cancellationToken));
            opened.Add(Open(directory, "trades.parquet", ResultTables.TradesOf(portfolio).Columns, cancellationToken));
            opened.Add(Open(directory, "liquidations.parquet", ResultTables.LiquidationsOf(portfolio).Columns, cancellationToken));
            opened.Add(Open(directory, "funding.parquet", ResultTables.FundingOf(portfolio).Columns, cancellationToken));
            opened.Add(Open(directory, "stops.parquet", ResultTables.StopsOf(portfolio).Columns, cancellationToken));
            if (portfolio)
            {
                opened.Add(Open(directory, ExperimentResultsWriter.PortfolioExposureFileName, ResultTables.ExposureColumns, cancellationToken));
            }

            return new ResultsStreamWriter(directory, cancellationToken, [.. opened]);
        }
        catch
        {
            foreach (var table in opened)
            {
                table.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="run"/>'s rows: its equity curve as it carries it (cut by <see cref="EquityStorage.Keep"/>
    /// beforehand when the folder keeps less than every bar) and its events.
    /// </summary>
    /// <param name="run">The next run in ascending run index.</param>
    /// <returns>The run with its metrics and counts only, to keep for summary.json and runs.parquet.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="InvalidOperationException">The writer was completed.</exception>
    public RunOutcome Append(RunOutcome run) => Append(run, null);

    /// <summary>
    /// Writes <paramref name="run"/>'s rows keeping what <paramref name="storage"/> keeps of its full curve: the same
    /// bytes as <c>Append(storage.Keep(run))</c>, without building the kept curve (the kept rows are read from the full
    /// curve by bar index). Nothing of the run is referenced once this returns, so the run's buffers may be reused.
    /// </summary>
    /// <param name="run">The next run in ascending run index, with its full curve.</param>
    /// <param name="storage">What the folder keeps of each curve.</param>
    /// <returns>The run with its metrics and counts only, to keep for summary.json and runs.parquet.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="InvalidOperationException">The writer was completed.</exception>
    public RunOutcome Append(RunOutcome run, EquityStorage storage) => Append(run, (EquityStorage?)storage);

    private RunOutcome Append(RunOutcome run, EquityStorage? storage)
    {
        ArgumentNullException.ThrowIfNull(run);
        ObjectDisposedException.ThrowIf(_completed, this);
        _cancellationToken.ThrowIfCancellationRequested();
        bool portfolio = _exposure is not null;
        if (storage?.KeptBarsOf(run) is { } bars)
        {
            ResultTables.AppendEquity(_equity, run, bars);
        }
        else
        {
            ResultTables.AppendEquity(_equity, run);
        }

        ResultTables.TradesOf(portfolio).Append(_trades, run);
        ResultTables.LiquidationsOf(portfolio).Append(_liquidations, run);
        ResultTables.FundingOf(portfolio).Append(_funding, run);
        ResultTables.StopsOf(portfolio).Append(_stops, run);
        if (_exposure is not null)
        {
            ResultTables.AppendExposure(_exposure, run);
        }

        // A portfolio run keeps its contributions for summary.json, not its per-bar exposure or events.
        return run with { Result = run.Result.WithoutRows(), Portfolio = run.Portfolio?.WithoutRows() };
    }

    /// <summary>
    /// Completes the streamed tables and writes summary.json and runs.parquet from <paramref name="outcome"/>, whose
    /// runs are those returned by <see cref="Append(RunOutcome)"/> (their metrics are all these files need).
    /// equity.parquet is finished on a thread-pool thread meanwhile; this returns (or throws) only once that is done.
    /// </summary>
    /// <param name="outcome">Every appended run, ascending run index, with the plan, data, shard and equity storage.</param>
    /// <param name="provenance">Tool version, data fingerprints, overrides.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    public void Complete(ExperimentOutcome outcome, ResultsProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(provenance);
        ObjectDisposedException.ThrowIf(_completed, this);
        _cancellationToken.ThrowIfCancellationRequested();

        // equity.parquet, the largest file, is finished (last chunk, footer, flushed to disk, renamed) on another core while
        // this thread finishes the other tables and writes runs.parquet and summary.json; its bytes do not depend on it.
        var equity = Task.Run(_equity.Complete);
        _completed = true;
        try
        {
            foreach (var table in Tables)
            {
                if (table != _equity)
                {
                    table.Complete();
                }
            }

            _cancellationToken.ThrowIfCancellationRequested();
            using (var runs = Open(_directory, "runs.parquet", ResultTables.RunsColumns(outcome.Plan.Grid), _cancellationToken))
            {
                ResultTables.AppendRuns(runs, outcome.Plan.Grid, outcome.Runs);
                runs.Complete();
            }

            SummaryJsonWriter.Write(Path.Combine(_directory, "summary.json"), outcome, provenance);
        }
        finally
        {
            // Never leave equity.parquet's writer running: Dispose would race it. An error of this thread wins over its own.
            try
            {
                equity.Wait();
            }
            catch (AggregateException)
            {
            }
        }

        equity.GetAwaiter().GetResult();
    }

    /// <summary>Deletes the tables' unfinished files unless <see cref="Complete"/> was called.</summary>
    public void Dispose()
    {
        foreach (var table in Tables)
        {
            table.Dispose();
        }
    }

    private static ResultTableAppender Open(string directory, string fileName, IReadOnlyList<Parquet.Writer.ParquetColumnDefinition> columns, CancellationToken cancellationToken)
        => ResultTableAppender.Create(Path.Combine(directory, fileName), columns, ExperimentResultsWriter.WriterOptionsOf(fileName), cancellationToken);
}
