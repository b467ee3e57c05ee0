using System.Text.Json;

using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Writes a Monte Carlo results folder atomically (<see cref="AtomicOutputFolder"/>): <c>summary.json</c>
/// (<see cref="MonteCarloSummaryWriter"/>) and <c>montecarlo.parquet</c> (<see cref="MonteCarloTable"/>), then whatever
/// the caller adds (charts) before the folder is renamed into place.
/// </summary>
public static class MonteCarloResultsWriter
{
    /// <summary>The data files of every Monte Carlo results folder.</summary>
    public static IReadOnlyList<string> DataFileNames { get; } = ["summary.json", MonteCarloTable.FileName];

    /// <summary>Writes the folder.</summary>
    /// <param name="outputPath">The folder to create or replace whole.</param>
    /// <param name="header">The summary header (<see cref="MonteCarloSummaryWriter.BuildHeader"/>).</param>
    /// <param name="outcome">The rows.</param>
    /// <param name="beforeCommit">Called with the temporary folder once the data files are in it; null for none.</param>
    /// <param name="cancellationToken">Checked before each file and before the rename.</param>
    /// <returns>The absolute path of the published folder.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was published.</exception>
    public static string Publish(string outputPath, JsonElement header, MonteCarloOutcome outcome, Action<string, CancellationToken>? beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var leverages = new double[outcome.RunCount];
        for (int r = 0; r < leverages.Length; r++)
        {
            leverages[r] = outcome.Plan.GetRun(r).Leverage;
        }

        return Publish(outputPath, header, outcome.FirstPath, leverages, outcome.Rows, beforeCommit, cancellationToken);
    }

    /// <summary>Writes the folder from rows already in table form (the merge).</summary>
    internal static string Publish(string outputPath, JsonElement header, int firstPath, double[] leverages, PathRunResult[] rows, Action<string, CancellationToken>? beforeCommit, CancellationToken cancellationToken)
    {
        using var folder = AtomicOutputFolder.Create(outputPath);
        cancellationToken.ThrowIfCancellationRequested();
        MonteCarloSummaryWriter.Write(folder.PathOf("summary.json"), header, firstPath, rows);
        cancellationToken.ThrowIfCancellationRequested();
        MonteCarloTable.Write(folder.PathOf(MonteCarloTable.FileName), firstPath, leverages, rows);
        beforeCommit?.Invoke(folder.WorkingPath, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        folder.Commit();
        return folder.FinalPath;
    }
}
