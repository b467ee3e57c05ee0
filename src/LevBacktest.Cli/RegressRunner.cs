using LevBacktest.Core.Experiments;
using LevBacktest.Core.Regression;
using LevBacktest.Core.Strategies.Plugins;
using LevBacktest.Strategies;

namespace LevBacktest.Cli;

/// <summary>
/// Runs a spec for <c>levbt regress</c> the way <c>levbt run</c> does (same reader, catalog, data loader and
/// runner), but keeps the results in memory: no results folder, charts or report, which keeps CI fast.
/// </summary>
internal static class RegressRunner
{
    /// <summary>Runs every run of the spec's sweep and returns its snapshot.</summary>
    /// <param name="specPath">The spec file.</param>
    /// <param name="threads">Runs executed at once, or null for one per core.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <exception cref="ExperimentSpecException">The spec is invalid (the message names the field).</exception>
    public static RegressionSnapshot Run(string specPath, int? threads, CancellationToken cancellationToken)
    {
        var spec = ExperimentSpecReader.ReadFile(specPath);
        var plugins = StrategyPlugins.LoadAll(spec.Plugins);
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog(plugins));
        if (spec.Portfolio is { } portfolio)
        {
            var instruments = PortfolioInstrumentData.LoadAll(portfolio);
            var runs = PortfolioExperimentRunner.Run(plan, instruments, new ExperimentRunOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount }, cancellationToken);
            return OutcomeSnapshot.CreatePortfolio(runs, instruments, RunCommand.ToolVersion, plugins);
        }

        var brackets = SimulationSettingsFactory.LoadBrackets(spec.Instrument);
        var loaded = ExperimentDataLoader.Load(spec.Data);
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        var outcome = ExperimentRunner.Run(plan, loaded.Data, brackets, options, cancellationToken);
        return OutcomeSnapshot.Create(outcome, loaded.Files, RunCommand.ToolVersion, plugins);
    }
}
