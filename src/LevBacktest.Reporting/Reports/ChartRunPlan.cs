using System.Globalization;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// The runs whose equity curves the report's charts draw from a downsampled results folder, known before the sweep
/// runs: the line charts' planned subset (<see cref="RunSelection"/>: grid ends and evenly spread runs at the middle
/// values of the other axes), which depends on the sweep grid alone. <c>levbt run --equity auto</c> keeps these curves
/// in full (<see cref="EquityStorage.WithFullRuns"/>) when it downsamples the rest, as long as they fit
/// <see cref="FullCurveRowBudget"/>; the report draws them, and says so when one it draws is downsampled.
/// </summary>
public static class ChartRunPlan
{
    /// <summary>
    /// Bar-rows (runs × bars) the planned full curves may take, a quarter of <see cref="EquityStorage.FullRowBudget"/>:
    /// 8 runs of 58,623 hourly bars fit, one run of a 525,600-bar minute year does not (its downsampled curve of
    /// 2,000 points already draws the same line on a 1,600-pixel chart).
    /// </summary>
    public const long FullCurveRowBudget = EquityStorage.FullRowBudget / 4;

    /// <summary>
    /// Most runs the plan looks at: beyond it (a sweep without a leverage axis, or few combinations of the other axes,
    /// over more runs than this) no run is planned and the charts draw downsampled curves, saying so. A slice of the
    /// grid at the middle values of the other axes is all that a sweep with a leverage axis needs, however large.
    /// </summary>
    public const int MaximumCandidates = 100_000;

    /// <summary>The runs the line charts draw from a downsampled folder of <paramref name="plan"/>, in drawing order (empty when too many runs would have to be looked at).</summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="maxLines">Lines per chart (<see cref="ReportOptions.MaxLines"/>).</param>
    public static IReadOnlyList<int> LineRuns(ExperimentPlan plan, int maxLines = 8)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var grid = plan.Grid;
        var axes = new List<ResultsAxis>(grid.Axes.Count);
        foreach (var axis in grid.Axes)
        {
            bool numbers = axis.Values.All(v => v.Kind == SpecValueKind.Number);
            axes.Add(new ResultsAxis(axis.Name, axis.Values.Select(Label).ToList(), numbers ? axis.Values.Select(v => v.Number).ToList() : null));
        }

        // RunSelection's planned lines of a sweep with a leverage axis and other varying axes (unless few
        // combinations of them are kept whole) lie in the slice at the other axes' middle values: look at that only.
        var others = Enumerable.Range(0, axes.Count).Where(k => !axes[k].IsLeverage && axes[k].Count > 1).ToList();
        long combinations = others.Aggregate(1L, (product, k) => Math.Min(product * axes[k].Count, long.MaxValue / 1024));
        bool leverageVaries = axes.Any(a => a.IsLeverage && a.Count > 1);
        bool grouped = combinations <= 4 && maxLines / combinations >= 2;
        bool slice = plan.RunCount > maxLines && leverageVaries && others.Count > 0 && !grouped;
        var middle = others.ToDictionary(k => k, k => grid.Axes[k].Values[axes[k].Count / 2]);
        var runs = new List<ResultsRun>();
        for (int r = 0; r < plan.RunCount; r++)
        {
            if (slice && !others.All(k => grid.Value(r, k).Equals(middle[k])))
            {
                continue;
            }

            if (runs.Count == MaximumCandidates)
            {
                return [];
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int k = 0; k < grid.Axes.Count; k++)
            {
                parameters[grid.Axes[k].Name] = Label(grid.Value(r, k));
            }

            // The metric "leverage" of summary.json is the run's configured leverage.
            runs.Add(new ResultsRun(r, parameters, string.Empty, new Dictionary<string, double>(StringComparer.Ordinal) { ["leverage"] = plan.GetRun(r).Leverage }));
        }

        return RunSelection.ForLines(axes, runs, maxLines, planned: true, out _, out _, out _).Select(r => r.RunIndex).ToArray();
    }

    /// <summary>
    /// What <c>--equity auto</c> keeps for a sweep of <paramref name="plan"/> over <paramref name="barCount"/> bars:
    /// <see cref="EquityStorage.Auto"/>, and when that downsamples, the planned <see cref="LineRuns"/> in full, as many
    /// of them (in drawing order) as fit <see cref="FullCurveRowBudget"/>.
    /// </summary>
    /// <param name="plan">The whole sweep (not a shard: every shard keeps the same runs in full).</param>
    /// <param name="barCount">Bars per run.</param>
    public static EquityStorage Auto(ExperimentPlan plan, int barCount)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var storage = EquityStorage.Auto(plan.RunCount, barCount);
        if (storage.Kind != EquityStorageKind.Downsampled || barCount <= 0)
        {
            return storage;
        }

        long fit = FullCurveRowBudget / barCount;
        return storage.WithFullRuns(LineRuns(plan).Take((int)Math.Min(fit, int.MaxValue)));
    }

    /// <summary>A sweep value as summary.json's reader labels it (<see cref="ResultsFolder"/>).</summary>
    private static string Label(SpecValue value) => value.Kind switch
    {
        SpecValueKind.Number => value.Number.ToString("0.############", CultureInfo.InvariantCulture),
        SpecValueKind.Text => value.Text ?? string.Empty,
        _ => value.Boolean ? "true" : "false",
    };
}
