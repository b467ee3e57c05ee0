using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Regression;

/// <summary>
/// Maps a finished sweep (<see cref="ExperimentOutcome"/>) to a <see cref="RegressionSnapshot"/> directly,
/// the way <see cref="ResultsSummaryReader"/> maps the <c>summary.json</c> that <c>levbt run</c> writes
/// for the same sweep: swept values by axis name, metrics under the names of
/// <see cref="Metrics.RunMetrics.Names"/>, data files by role.
/// </summary>
public static class OutcomeSnapshot
{
    /// <summary>Creates the snapshot of <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The runs (a whole sweep or one shard).</param>
    /// <param name="files">
    /// Fingerprints of the loaded files in the loader's order: prices, then mark and funding when the spec
    /// names them (<see cref="LoadedMarketData.Files"/>).
    /// </param>
    /// <param name="toolVersion">The tool version to record, e.g. <c>levbt 0.1.0</c>.</param>
    /// <param name="plugins">The strategy plugins the catalog was built with; null or empty when none.</param>
    /// <exception cref="ArgumentException"><paramref name="files"/> has more entries than the spec names files.</exception>
    public static RegressionSnapshot Create(ExperimentOutcome outcome, IReadOnlyList<DataFileFingerprint> files, string toolVersion, IReadOnlyList<Strategies.Plugins.StrategyPlugin>? plugins = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(toolVersion);
        var plan = outcome.Plan;
        var data = plan.Spec.Data;
        var roles = new List<string> { "prices" };
        if (data.MarkPath is not null)
        {
            roles.Add("mark");
        }

        if (data.FundingPath is not null)
        {
            roles.Add("funding");
        }

        if (files.Count > roles.Count)
        {
            throw new ArgumentException($"{files.Count} data file fingerprints for a spec naming {roles.Count} files ({string.Join(", ", roles)}).", nameof(files));
        }

        var dataFiles = new SnapshotDataFile[files.Count];
        for (int k = 0; k < files.Count; k++)
        {
            var file = files[k];
            dataFiles[k] = new SnapshotDataFile(roles[k], file.Path, file.Sha256, file.RowCount, file.FirstTimeMs, file.LastTimeMs);
        }

        return Snapshot(outcome, dataFiles, toolVersion, plugins);
    }

    /// <summary>
    /// The snapshot of a portfolio's <paramref name="outcome"/>: the account's metrics per run, and every instrument's
    /// files under roles prefixed by its symbol (<c>ETHUSDT prices</c>), as its summary.json lists them.
    /// </summary>
    /// <param name="outcome">The runs of a portfolio spec.</param>
    /// <param name="instruments">The loaded instruments, in spec order.</param>
    /// <param name="toolVersion">The tool version to record.</param>
    /// <param name="plugins">The strategy plugins; null or empty when none.</param>
    public static RegressionSnapshot CreatePortfolio(ExperimentOutcome outcome, IReadOnlyList<PortfolioInstrumentData> instruments, string toolVersion, IReadOnlyList<Strategies.Plugins.StrategyPlugin>? plugins = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(toolVersion);
        var dataFiles = new List<SnapshotDataFile>();
        foreach (var instrument in instruments)
        {
            foreach (var file in instrument.Loaded.Files)
            {
                dataFiles.Add(new SnapshotDataFile(Experiments.Results.PortfolioSummary.FileRole(instrument, file.Path), file.Path, file.Sha256, file.RowCount, file.FirstTimeMs, file.LastTimeMs));
            }
        }

        return Snapshot(outcome, [.. dataFiles], toolVersion, plugins);
    }

    private static RegressionSnapshot Snapshot(ExperimentOutcome outcome, SnapshotDataFile[] dataFiles, string toolVersion, IReadOnlyList<Strategies.Plugins.StrategyPlugin>? plugins)
    {
        var plan = outcome.Plan;
        var axes = plan.Grid.Axes;
        var runs = new SnapshotRun[outcome.Runs.Count];
        for (int r = 0; r < runs.Length; r++)
        {
            var run = outcome.Runs[r];
            int index = run.Point.RunIndex;
            var parameters = new SnapshotParameter[axes.Count];
            for (int k = 0; k < axes.Count; k++)
            {
                parameters[k] = new SnapshotParameter(axes[k].Name, plan.Grid.Value(index, k));
            }

            runs[r] = new SnapshotRun(index, parameters, run.Result.Metrics.ToNamedValues());
        }

        var pluginSnapshots = (plugins ?? []).Select(p => new SnapshotPlugin(p.Path, p.Sha256)).ToArray();
        return new RegressionSnapshot(plan.Spec.Name, toolVersion, dataFiles, runs, pluginSnapshots);
    }
}
