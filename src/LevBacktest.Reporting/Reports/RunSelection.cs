using System.Globalization;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Which runs a line chart draws. A sweep of 21 leverages or 200 runs drawn as 200 lines is unreadable, so
/// beyond <c>max</c> runs a subset is kept: the two ends of the grid (lowest and highest leverage), the
/// first run liquidated (the leverage where liquidation starts), the best and worst final equity, then runs
/// spread evenly over the grid until <c>max</c>. Deterministic: the same folder gives the same subset.
/// </summary>
internal static class RunSelection
{
    public static IReadOnlyList<ResultsRun> ForLines(ResultsFolder folder, int max, out string description, out IReadOnlySet<string> fixedAxes)
    {
        var ordered = Ordered(folder.Runs);
        fixedAxes = new HashSet<string>(StringComparer.Ordinal);
        string slice = string.Empty;
        var others = folder.Axes.Where(a => !a.IsLeverage && a.Count > 1).ToList();
        if (ordered.Count > max && folder.LeverageAxis is { Count: > 1 } && others.Count > 0)
        {
            // Many axes: follow leverage through the best run's values of the other axes, so the lines differ in
            // one thing only and the legend can say just the leverage.
            var bestRun = ordered.MaxBy(r => double.IsFinite(r.Metric("finalEquity")) ? r.Metric("finalEquity") : double.MinValue)!;
            ordered = ordered.Where(r => others.All(a => r.Parameters.GetValueOrDefault(a.Name) == bestRun.Parameters.GetValueOrDefault(a.Name))).ToList();
            fixedAxes = others.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            slice = " at " + string.Join(", ", others.Select(a => $"{ResultsFolder.ShortAxisName(a.Name)} = {bestRun.Parameters.GetValueOrDefault(a.Name)}")) + " (the best run's)";
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
        for (int i = 0; i < ordered.Count; i++)
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

        if (chosen.Count < max)
        {
            chosen.Add(best);
        }

        if (chosen.Count < max)
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
        string names = string.Join(", ", result.Select(r => string.Join(" · ", folder.Axes
            .Where(a => a.Count > 1 && !skip.Contains(a.Name))
            .Select(a => a.IsLeverage ? r.Parameters.GetValueOrDefault(a.Name) + "×" : $"{ResultsFolder.ShortAxisName(a.Name)} {r.Parameters.GetValueOrDefault(a.Name)}"))));
        description = $"{result.Count} of {ordered.Count} runs{slice} ({names}): grid ends, liquidation threshold, best and worst kept";
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
    public static ResultsRun Focus(ResultsFolder folder, int? requested)
    {
        if (requested is int index)
        {
            return folder.Run(index);
        }

        var ordered = Ordered(folder.Runs);
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
