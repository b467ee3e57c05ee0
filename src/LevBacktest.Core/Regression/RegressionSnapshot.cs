namespace LevBacktest.Core.Regression;

/// <summary>
/// What a regression check compares: the results of one experiment reduced to the spec's name, the tool
/// version, the input files' fingerprints and, per run, the swept values and the metrics. A baseline file
/// holds one (<see cref="BaselineFile"/>); the current results are mapped to one from a results folder's
/// <c>summary.json</c> (<see cref="ResultsSummaryReader"/>).
/// </summary>
public sealed class RegressionSnapshot
{
    /// <summary>Creates the snapshot.</summary>
    /// <param name="specName">The experiment's name from its spec.</param>
    /// <param name="toolVersion">Version of LevBacktest that produced the results (informational).</param>
    /// <param name="dataFiles">Fingerprints of the input files, one per role.</param>
    /// <param name="runs">The runs, ascending run index.</param>
    /// <exception cref="ArgumentException">Two data files share a role, or two runs share an index.</exception>
    public RegressionSnapshot(string specName, string toolVersion, IReadOnlyList<SnapshotDataFile> dataFiles, IReadOnlyList<SnapshotRun> runs)
        : this(specName, toolVersion, dataFiles, runs, [])
    {
    }

    /// <summary>Creates the snapshot of an experiment whose strategies come (partly) from plugins.</summary>
    /// <param name="specName">The experiment's name from its spec.</param>
    /// <param name="toolVersion">Version of LevBacktest that produced the results (informational).</param>
    /// <param name="dataFiles">Fingerprints of the input files, one per role.</param>
    /// <param name="runs">The runs, ascending run index.</param>
    /// <param name="plugins">The strategy plugin assemblies, one per file name; empty when none.</param>
    /// <exception cref="ArgumentException">Two data files share a role, two runs share an index, or two plugins a file name.</exception>
    public RegressionSnapshot(string specName, string toolVersion, IReadOnlyList<SnapshotDataFile> dataFiles, IReadOnlyList<SnapshotRun> runs, IReadOnlyList<SnapshotPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var pluginNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            if (!pluginNames.Add(plugin.FileName))
            {
                throw new ArgumentException($"Plugin file name '{plugin.FileName}' appears twice.", nameof(plugins));
            }
        }

        ArgumentNullException.ThrowIfNull(specName);
        ArgumentNullException.ThrowIfNull(toolVersion);
        ArgumentNullException.ThrowIfNull(dataFiles);
        ArgumentNullException.ThrowIfNull(runs);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in dataFiles)
        {
            if (!roles.Add(file.Role))
            {
                throw new ArgumentException($"Data file role '{file.Role}' appears twice.", nameof(dataFiles));
            }
        }

        var indices = new HashSet<int>();
        foreach (var run in runs)
        {
            if (!indices.Add(run.RunIndex))
            {
                throw new ArgumentException($"Run index {run.RunIndex} appears twice.", nameof(runs));
            }
        }

        SpecName = specName;
        ToolVersion = toolVersion;
        DataFiles = dataFiles;
        Runs = runs;
        Plugins = plugins;
    }

    /// <summary>The experiment's name from its spec.</summary>
    public string SpecName { get; }

    /// <summary>Version of LevBacktest that produced the results.</summary>
    public string ToolVersion { get; }

    /// <summary>Fingerprints of the input files, one per role.</summary>
    public IReadOnlyList<SnapshotDataFile> DataFiles { get; }

    /// <summary>The strategy plugin assemblies, one per file name; empty when the experiment uses none.</summary>
    public IReadOnlyList<SnapshotPlugin> Plugins { get; }

    /// <summary>The runs, ascending run index.</summary>
    public IReadOnlyList<SnapshotRun> Runs { get; }
}
