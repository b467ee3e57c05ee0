using System.CommandLine;
using System.Globalization;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.MonteCarlo;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt merge SHARD_DIR... --out DIR</c>: checks that the results folders of <c>levbt run --shard i/n</c> are
/// shards of one experiment on the same data that hold every run once, writes the whole sweep's results folder
/// atomically (<see cref="ResultsMerger"/>) and draws its charts and report as <c>levbt run</c> does.
/// </summary>
internal static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folders = new Argument<string[]>("SHARD_DIR") { Description = "Results folders of the shards (levbt run SPEC --shard i/n), in any order.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The merged results folder (replaced atomically).", Required = true };
        var noCharts = new Option<bool>("--no-charts") { Description = "Write only the data files, no charts or report." };
        var command = new Command("merge", "Merge the results folders of a sharded sweep into the results folder of the whole sweep.");
        command.Arguments.Add(folders);
        command.Options.Add(output);
        command.Options.Add(noCharts);
        command.SetAction(parse =>
        {
            // The first SIGINT/SIGTERM keeps the process alive so the temporary folder is removed and an existing folder stays as it was.
            using var signals = InterruptSignals.Listen();
            try
            {
                return Execute(
                    parse.GetValue(folders)!,
                    parse.GetValue(output)!,
                    parse.GetValue(noCharts),
                    parse.InvocationConfiguration.Output,
                    parse.InvocationConfiguration.Error,
                    signals.Token);
            }
            catch (OperationCanceledException stopped)
            {
                throw signals.Explain(stopped);
            }
        });
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="folders">The shard folders.</param>
    /// <param name="outputPath">The merged folder.</param>
    /// <param name="noCharts">Skip the charts and report.</param>
    /// <param name="output">The merged folder's path.</param>
    /// <param name="error">What was merged, and the report's notes.</param>
    /// <param name="cancellationToken">Ctrl-C or SIGTERM: nothing is published.</param>
    /// <returns>The exit code.</returns>
    internal static int Execute(IReadOnlyList<string> folders, string outputPath, bool noCharts, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        Action<string, CancellationToken>? charts = noCharts
            ? null
            : (directory, token) =>
            {
                ReportResult? drawn = null;
                AbandonOnCancel.Run(step => drawn = ReportWriter.Write(directory, options: null, step), token);
                var report = drawn!;
                foreach (var note in report.Notes)
                {
                    error.WriteLine($"levbt: report: {note}");
                }
            };
        using var folderLock = OutputFolderGuard.Acquire(outputPath, error);
        if (folders.Count > 0 && MonteCarloMerger.IsMonteCarloFolder(folders[0]))
        {
            return ExecuteMonteCarlo(folders, outputPath, noCharts, output, error, cancellationToken);
        }

        MergedResults merged;
        try
        {
            merged = ResultsMerger.Merge(folders, outputPath, charts, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"interrupted; nothing was written ({outputPath} is unchanged).");
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"levbt: {merged.Experiment}: merged {merged.RunCount:N0} runs from {merged.Shards.Count} folder{(merged.Shards.Count == 1 ? string.Empty : "s")} ({string.Join(", ", merged.Shards.Select(s => $"shard {s.Shard}"))})"));
        output.WriteLine($"Results: {merged.FolderPath}");
        return CommandLineApplication.ExitSuccess;
    }

    /// <summary>Merges the folders of <c>levbt montecarlo --shard i/n</c> (<see cref="MonteCarloMerger"/>).</summary>
    private static int ExecuteMonteCarlo(IReadOnlyList<string> folders, string outputPath, bool noCharts, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (string Folder, int Paths) merged;
        try
        {
            merged = MonteCarloMerger.Merge(folders, outputPath, noCharts ? null : MonteCarloCommand.WriteCharts, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"interrupted; nothing was written ({outputPath} is unchanged).");
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"levbt: merged {merged.Paths:N0} Monte Carlo paths from {folders.Count} folder{(folders.Count == 1 ? string.Empty : "s")}"));
        output.WriteLine($"Results: {merged.Folder}");
        return CommandLineApplication.ExitSuccess;
    }
}
