using System.Globalization;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Which runs a line chart draws. A sweep of 21 leverages or 200 runs drawn as 200 lines is unreadable, so
/// beyond <c>max</c> runs a subset is kept: the two ends of the grid (lowest and highest leverage), the
/// first run liquidated (the leverage where liquidation starts), the best and worst final equity, then runs
/// spread evenly over the grid until <c>max</c>. Deterministic: the same folder gives the same subset.
/// A folder whose equity curves are downsampled draws the <em>planned</em> subset instead, which depends on the sweep
/// grid alone (no result): the grid ends and evenly spread runs, at the middle values of the other axes. It is known
/// before the sweep runs, so <c>levbt run</c> keeps exactly those curves in full (<see cref="ChartRunPlan"/>).
/// </summary>
internal static class RunSelection
{
    public static IReadOnlyList<ResultsRun> ForLines(ResultsFolder folder, int max, out string description, out IReadOnlySet<string> fixedAxes, out IReadOnlyList<(int Group, int Rank)>? groups)
        => ForLines(folder.Axes, folder.Runs, max, planned: false, out description, out fixedAxes, out groups);

    /// <summary>
    /// The lines of <paramref name="runs"/>: with <paramref name="planned"/> only from the grid (axes and each run's
    /// parameters and leverage), never from results, so the same runs come out before and after the sweep.
    /// </summary>
    public static IReadOnlyList<ResultsRun> ForLines(IReadOnlyList<ResultsAxis> axes, IReadOnlyList<ResultsRun> runs, int max, bool planned, out string description, out IReadOnlySet<string> fixedAxes, out IReadOnlyList<(int Group, int Rank)>? groups)
    {
        var ordered = Ordered(runs);
        fixedAxes = new HashSet<string>(StringComparer.Ordinal);
        groups = null;
        string slice = string.Empty;
        var others = axes.Where(a => !a.IsLeverage && a.Count > 1).ToList();
        var leverageAxisOfGrid = axes.FirstOrDefault(a => a.IsLeverage);
        int combinations = others.Aggregate(1, (product, a) => product * a.Count);
        if (ordered.Count > max && leverageAxisOfGrid is { Count: > 1 } leverageAxis && others.Count > 0 && combinations <= 4 && max / combinations >= 2)
        {
            // Few combinations of the other axes (fixed vs vol-target sizing): keep every combination and thin the
            // leverages instead — the lowest, the highest, the liquidation threshold — so the comparison survives.
            var levels = ordered.Select(r => r.Leverage).Distinct().Order().ToList();
            int perGroup = Math.Min(max / combinations, levels.Count);
            var keep = new SortedSet<double> { levels[0], levels[^1] };
            var thresholdLeverage = ordered.Where(r => r.LiquidationCount > 0).Select(r => r.Leverage).DefaultIfEmpty(double.NaN).Min();
            if (keep.Count < perGroup && double.IsFinite(thresholdLeverage) && !planned)
            {
                keep.Add(thresholdLeverage);
            }

            for (int slots = perGroup; keep.Count < perGroup; slots++)
            {
                for (int k = 0; k < slots && keep.Count < perGroup; k++)
                {
                    keep.Add(levels[(int)Math.Round(k * (levels.Count - 1) / (double)(slots - 1))]);
                }
            }

            var keys = new List<string>();
            var grouped = new List<ResultsRun>();
            var styles = new List<(int, int)>();
            foreach (var run in runs.OrderBy(r => string.Join("\u0001", others.Select(a => a.Labels.ToList().IndexOf(r.Parameters.GetValueOrDefault(a.Name) ?? string.Empty).ToString("D4", CultureInfo.InvariantCulture)))).ThenBy(r => r.Leverage).ThenBy(r => r.RunIndex))
            {
                if (!keep.Contains(run.Leverage))
                {
                    continue;
                }

                string key = string.Join("\u0001", others.Select(a => run.Parameters.GetValueOrDefault(a.Name)));
                int group = keys.IndexOf(key);
                if (group < 0)
                {
                    keys.Add(key);
                    group = keys.Count - 1;
                }

                styles.Add((group, styles.Count(s => s.Item1 == group)));
                grouped.Add(run);
            }

            groups = styles;
            description = $"{grouped.Count} of {ordered.Count} runs: every {string.Join(" × ", others.Select(a => ResultsFolder.ShortAxisName(a.Name)))} at {string.Join(", ", keep.Select(l => l.ToString("0.##", CultureInfo.InvariantCulture) + "×"))} (colour = {string.Join(" × ", others.Select(a => ResultsFolder.ShortAxisName(a.Name)))}, dash = leverage)";
            _ = leverageAxis;
            return grouped;
        }

        if (ordered.Count > max && leverageAxisOfGrid is { Count: > 1 } && others.Count > 0)
        {
            // Many axes: follow leverage through the best run's values of the other axes (planned: their middle
            // values), so the lines differ in one thing only and the legend can say just the leverage.
            var bestRun = planned
                ? ordered.FirstOrDefault(r => others.All(a => r.Parameters.GetValueOrDefault(a.Name) == a.Labels[a.Count / 2])) ?? ordered[ordered.Count / 2]
                : ordered.MaxBy(r => double.IsFinite(r.Metric("finalEquity")) ? r.Metric("finalEquity") : double.MinValue)!;
            ordered = ordered.Where(r => others.All(a => r.Parameters.GetValueOrDefault(a.Name) == bestRun.Parameters.GetValueOrDefault(a.Name))).ToList();
            fixedAxes = others.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            slice = " at " + string.Join(", ", others.Select(a => $"{ResultsFolder.ShortAxisName(a.Name)} = {bestRun.Parameters.GetValueOrDefault(a.Name)}")) + (planned ? " (the middle of the grid)" : " (the best run's)");
        }

        if (ordered.Count <= max)
        {
            description = ordered.Count == 1 ? "one run" : $"{(slice.Length > 0 ? string.Empty : "all ")}{ordered.Count} runs{slice}";
            return ordered;
        }

        var chosen = new SortedSet<int>();
        chosen.Add(0);
        chosen.Add(ordered.Count - 1);
        int firstLiquidated = -1;
        for (int i = 0; i < ordered.Count && !planned; i++)
        {
            if (ordered[i].LiquidationCount > 0)
            {
                firstLiquidated = i;
                break;
            }
        }

        if (firstLiquidated >= 0)
        {
            chosen.Add(firstLiquidated);
            if (firstLiquidated > 0)
            {
                // The highest leverage that survived: together with the first liquidated one it brackets the threshold.
                chosen.Add(firstLiquidated - 1);
            }
        }

        int best = 0, worst = 0;
        for (int i = 1; i < ordered.Count; i++)
        {
            double value = ordered[i].Metric("finalEquity");
            if (value > ordered[best].Metric("finalEquity"))
            {
                best = i;
            }

            if (value < ordered[worst].Metric("finalEquity"))
            {
                worst = i;
            }
        }

        if (chosen.Count < max && !planned)
        {
            chosen.Add(best);
        }

        if (chosen.Count < max && !planned)
        {
            chosen.Add(worst);
        }

        // Fill with evenly spread grid positions, nearest free position to each target.
        for (int slots = max; chosen.Count < max && slots <= ordered.Count * 2; slots++)
        {
            for (int k = 0; k < slots && chosen.Count < max; k++)
            {
                int target = (int)Math.Round(k * (ordered.Count - 1) / (double)(slots - 1));
                chosen.Add(target);
            }
        }

        var result = chosen.Select(i => ordered[i]).ToList();
        var skip = fixedAxes;
        string names = string.Join(", ", result.Select(r => string.Join(" · ", axes
            .Where(a => a.Count > 1 && !skip.Contains(a.Name))
            .Select(a => a.IsLeverage ? r.Parameters.GetValueOrDefault(a.Name) + "×" : $"{ResultsFolder.ShortAxisName(a.Name)} {r.Parameters.GetValueOrDefault(a.Name)}"))));
        description = planned
            ? $"{result.Count} of {ordered.Count} runs{slice} ({names}): grid ends and evenly spread, chosen before the sweep so their curves are kept in full"
            : $"{result.Count} of {ordered.Count} runs{slice} ({names}): grid ends, liquidation threshold, best and worst kept";
        return result;
    }

    /// <summary>Runs ordered by leverage, then run index.</summary>
    public static List<ResultsRun> Ordered(IReadOnlyList<ResultsRun> runs)
    {
        var list = runs.ToList();
        list.Sort((a, b) =>
        {
            int byLeverage = Nan(a.Leverage).CompareTo(Nan(b.Leverage));
            return byLeverage != 0 ? byLeverage : a.RunIndex.CompareTo(b.RunIndex);
        });
        return list;
    }

    /// <summary>The run for the price panel: <paramref name="requested"/>, else the lowest-leverage liquidated run, else the highest leverage.</summary>
    /// <exception cref="ArgumentException">The requested run is not in the folder.</exception>
    public static ResultsRun Focus(ResultsFolder folder, int? requested) => Focus(folder, requested, folder.Runs);

    /// <summary>As <see cref="Focus(ResultsFolder, int?)"/>, chosen among <paramref name="candidates"/> unless a run is requested.</summary>
    /// <exception cref="ArgumentException">The requested run is not in the folder.</exception>
    public static ResultsRun Focus(ResultsFolder folder, int? requested, IReadOnlyList<ResultsRun> candidates)
    {
        if (requested is int index)
        {
            return folder.Run(index);
        }

        var ordered = Ordered(candidates);
        foreach (var run in ordered)
        {
            if (run.LiquidationCount > 0)
            {
                return run;
            }
        }

        return ordered[^1];
    }

    private static double Nan(double value) => double.IsNaN(value) ? double.MaxValue : value;

    internal static string Describe(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)));
}
