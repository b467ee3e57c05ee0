namespace LevBacktest.Core.Regression;

/// <summary>
/// Compares current results with a baseline: input files by role and content, runs by their swept values,
/// and every metric of every run under a <see cref="RegressionTolerance"/>.
/// </summary>
public static class RegressionComparer
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The committed baseline.</param>
    /// <param name="current">The results now.</param>
    /// <param name="tolerance">When two metric values count as equal.</param>
    /// <returns>
    /// The report: data files whose content differs; then, per baseline run in order, the run missing or
    /// each metric that moved or is missing or added; then runs only present now, in their order.
    /// </returns>
    /// <remarks>
    /// Runs are matched by <see cref="SnapshotRun.MatchKey"/> (their swept values). Should two runs share
    /// swept values (an axis listing a value twice), the k-th such run on one side matches the k-th on the other.
    /// </remarks>
    public static RegressionReport Compare(RegressionSnapshot baseline, RegressionSnapshot current, RegressionTolerance tolerance)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var dataChanges = CompareData(baseline.DataFiles, current.DataFiles);

        var currentByKey = new Dictionary<string, Queue<SnapshotRun>>(StringComparer.Ordinal);
        foreach (var run in current.Runs)
        {
            if (!currentByKey.TryGetValue(run.MatchKey, out var queue))
            {
                currentByKey[run.MatchKey] = queue = new Queue<SnapshotRun>();
            }

            queue.Enqueue(run);
        }

        var differences = new List<RegressionDifference>();
        var matched = new HashSet<SnapshotRun>(ReferenceEqualityComparer.Instance);
        int comparedRuns = 0, comparedMetrics = 0;
        foreach (var baselineRun in baseline.Runs)
        {
            if (!currentByKey.TryGetValue(baselineRun.MatchKey, out var candidates) || !candidates.TryDequeue(out var currentRun))
            {
                differences.Add(new RegressionDifference(RegressionDifferenceKind.MissingRun, baselineRun.Label, null, null, null));
                continue;
            }

            matched.Add(currentRun);
            comparedRuns++;
            foreach (var (name, baselineValue) in baselineRun.Metrics)
            {
                if (!currentRun.MetricsByName.TryGetValue(name, out double currentValue))
                {
                    differences.Add(new RegressionDifference(RegressionDifferenceKind.MissingMetric, baselineRun.Label, name, baselineValue, null));
                    continue;
                }

                comparedMetrics++;
                if (!tolerance.Holds(name, baselineValue, currentValue))
                {
                    differences.Add(new RegressionDifference(RegressionDifferenceKind.Moved, baselineRun.Label, name, baselineValue, currentValue));
                }
            }

            foreach (var (name, currentValue) in currentRun.Metrics)
            {
                if (!baselineRun.MetricsByName.ContainsKey(name))
                {
                    differences.Add(new RegressionDifference(RegressionDifferenceKind.AddedMetric, baselineRun.Label, name, null, currentValue));
                }
            }
        }

        foreach (var run in current.Runs)
        {
            if (!matched.Contains(run))
            {
                differences.Add(new RegressionDifference(RegressionDifferenceKind.AddedRun, run.Label, null, null, null));
            }
        }

        return new RegressionReport(baseline, current, tolerance, dataChanges, differences, comparedRuns, comparedMetrics)
        {
            PluginChanges = ComparePlugins(baseline.Plugins, current.Plugins),
        };
    }

    private static List<PluginChange> ComparePlugins(IReadOnlyList<SnapshotPlugin> baseline, IReadOnlyList<SnapshotPlugin> current)
    {
        var changes = new List<PluginChange>();
        var currentByName = current.ToDictionary(p => p.FileName, StringComparer.Ordinal);
        foreach (var plugin in baseline)
        {
            if (!currentByName.Remove(plugin.FileName, out var now))
            {
                changes.Add(new PluginChange(plugin.FileName, plugin, null));
            }
            else if (!string.Equals(plugin.Sha256, now.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(new PluginChange(plugin.FileName, plugin, now));
            }
        }

        foreach (var plugin in current)
        {
            if (currentByName.ContainsKey(plugin.FileName))
            {
                changes.Add(new PluginChange(plugin.FileName, null, plugin));
            }
        }

        return changes;
    }

    private static List<DataFileChange> CompareData(IReadOnlyList<SnapshotDataFile> baseline, IReadOnlyList<SnapshotDataFile> current)
    {
        var changes = new List<DataFileChange>();
        var currentByRole = current.ToDictionary(f => f.Role, StringComparer.Ordinal);
        foreach (var file in baseline)
        {
            if (!currentByRole.Remove(file.Role, out var now))
            {
                changes.Add(new DataFileChange(file.Role, file, null));
            }
            else if (!file.SameContentAs(now))
            {
                changes.Add(new DataFileChange(file.Role, file, now));
            }
        }

        foreach (var file in current)
        {
            if (currentByRole.ContainsKey(file.Role))
            {
                changes.Add(new DataFileChange(file.Role, null, file));
            }
        }

        return changes;
    }
}
