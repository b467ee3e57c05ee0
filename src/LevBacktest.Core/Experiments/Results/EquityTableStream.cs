using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Writes <c>equity.parquet</c> run by run as a sweep streams its runs (<see cref="ExperimentRunner.Stream"/>), so a
/// run's curve is on disk, and dropped, as soon as it is handed over: memory holds one row group of encoded pages
/// instead of every run's curve. Appended in run-index order, the file is byte for byte the one
/// <see cref="ExperimentResultsWriter"/> writes from a whole outcome (the equity table has no dictionary, so its bytes
/// do not depend on how the rows were batched), which keeps <c>levbt merge</c>'s output identical to an unsharded run's.
/// Not thread-safe: call <see cref="Append"/> from the stream's consumer.
/// </summary>
public sealed class EquityTableStream : IDisposable
{
    private readonly ParquetTableWriter _table;

    private EquityTableStream(ParquetTableWriter table) => _table = table;

    /// <summary>Opens <paramref name="path"/> (written atomically by <see cref="Complete"/>).</summary>
    /// <param name="path">The equity.parquet of a results folder being written.</param>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static EquityTableStream Create(string path)
    {
        var columns = ResultTables.Equity([]).Select(c => c.Definition).ToList();
        return new EquityTableStream(ParquetTableWriter.Create(path, columns, ExperimentResultsWriter.EquityOptions));
    }

    /// <summary>Appends the rows of <paramref name="run"/>'s curve (as kept by <see cref="EquityStorage.Keep"/>).</summary>
    /// <param name="run">The next run in run-index order.</param>
    /// <returns>The run without its curve, to keep for summary.json and the other tables.</returns>
    /// <exception cref="IOException">Writing failed.</exception>
    public RunOutcome Append(RunOutcome run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Result.EquityCurve.Count > 0)
        {
            _table.Append(ResultTables.Equity([run]));
        }

        return run with { Result = run.Result.WithoutEquityCurve() };
    }

    /// <summary>Writes the footer and moves the file into place.</summary>
    public void Complete() => _table.Complete();

    /// <summary>Deletes the unfinished file unless <see cref="Complete"/> was called.</summary>
    public void Dispose() => _table.Dispose();
}
