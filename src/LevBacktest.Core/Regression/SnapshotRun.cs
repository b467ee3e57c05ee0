namespace LevBacktest.Core.Regression;

/// <summary>
/// One run of an experiment as a baseline records it: its index in the sweep, its swept values, and its
/// metrics and event figures by camelCase name.
/// </summary>
public sealed class SnapshotRun
{
    /// <summary>Creates the run.</summary>
    /// <param name="runIndex">Index in the sweep's cartesian product, ≥ 0.</param>
    /// <param name="parameters">The swept values in axis order (empty for a spec without sweep axes).</param>
    /// <param name="metrics">(name, value) pairs in a stable order; NaN means "not applicable" (e.g. no liquidation).</param>
    /// <exception cref="ArgumentException">A negative index, or a parameter or metric name that is empty or repeated.</exception>
    public SnapshotRun(int runIndex, IReadOnlyList<SnapshotParameter> parameters, IReadOnlyList<KeyValuePair<string, double>> metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runIndex);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(metrics);
        var parameterNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (string.IsNullOrEmpty(parameter.Name) || !parameterNames.Add(parameter.Name))
            {
                throw new ArgumentException($"Run {runIndex}: swept parameter name '{parameter.Name}' is empty or repeated.", nameof(parameters));
            }
        }

        var byName = new Dictionary<string, double>(metrics.Count, StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            if (string.IsNullOrEmpty(name) || !byName.TryAdd(name, value))
            {
                throw new ArgumentException($"Run {runIndex}: metric name '{name}' is empty or repeated.", nameof(metrics));
            }
        }

        RunIndex = runIndex;
        Parameters = parameters;
        Metrics = metrics;
        MetricsByName = byName;
        Label = parameters.Count == 0 ? $"run {runIndex}" : string.Join(", ", parameters.Select(p => p.ToString()));
        MatchKey = string.Join("\n", parameters.Select(p => p.Name + "=" + p.CanonicalValue).Order(StringComparer.Ordinal));
    }

    /// <summary>Index in the sweep's cartesian product.</summary>
    public int RunIndex { get; }

    /// <summary>The swept values in axis order.</summary>
    public IReadOnlyList<SnapshotParameter> Parameters { get; }

    /// <summary>(name, value) pairs in their stable order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Metrics { get; }

    /// <summary>The metrics by name.</summary>
    public IReadOnlyDictionary<string, double> MetricsByName { get; }

    /// <summary>How the run is named in reports: <c>leverage = 5, signal.threshold = 0.1</c>, or <c>run 0</c> without sweep axes.</summary>
    public string Label { get; }

    /// <summary>
    /// The key runs are matched by across baseline and current results: the swept values, independent of
    /// axis order. Runs are matched by what they ran with, not by position, so that adding a value to an
    /// axis (which renumbers the runs) reports one added run instead of every run drifting.
    /// </summary>
    public string MatchKey { get; }
}
