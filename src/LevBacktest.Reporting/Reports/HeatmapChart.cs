using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>heatmap.png: one metric over two sweep axes (only for sweeps with at least two varying axes).</summary>
internal static class HeatmapChart
{
    public const string Name = "heatmap";

    public const string Title = "Heatmap";

    /// <summary>Metrics shown in percent; the rest as plain numbers.</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        "totalReturn", "cagr", "annualizedVolatility", "maxDrawdown", "exposure", "underlyingReturn", "leverageDecay", "volatilityDrag", "analyticVolatilityDrag",
    };

    /// <summary>Metrics where more is better and zero is neutral: a diverging red–blue scale centred on 0.</summary>
    private static readonly HashSet<string> Signed = new(StringComparer.Ordinal)
    {
        "totalReturn", "cagr", "sharpe", "sortino", "calmar", "realizedPnl", "finalEquity",
    };

    /// <summary>Whether a sweep with <paramref name="varyingAxisCount"/> axes of more than one value gets a heatmap.</summary>
    public static bool IsDrawn(int varyingAxisCount) => varyingAxisCount >= 2;

    /// <summary>The reason the heatmap is skipped, or null when the sweep has two varying axes.</summary>
    public static string? SkipReason(ResultsFolder folder)
    {
        int varying = folder.Axes.Count(a => a.Count > 1);
        return IsDrawn(varying) ? null : $"the sweep varies {varying} ax{(varying == 1 ? "is" : "es")}; a heatmap needs two.";
    }

    /// <summary>Checks the metric name before anything is drawn.</summary>
    /// <exception cref="ArgumentException">Unknown metric (the message lists the known ones).</exception>
    public static string ResolveMetric(ResultsFolder folder, string? requested)
    {
        string metric = requested ?? "totalReturn";
        if (!folder.Runs[0].Metrics.ContainsKey(metric))
        {
            throw new ArgumentException($"--metric '{metric}' is not a metric of {folder.Directory}; choose one of: {string.Join(", ", folder.Runs[0].Metrics.Keys)}.");
        }

        return metric;
    }

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        string metric = ResolveMetric(folder, context.Options.HeatmapMetric);
        var varying = folder.Axes.Where(a => a.Count > 1).ToList();

        // Leverage down the rows when it is swept: the question is usually "at which leverage does it break".
        var rowAxis = varying.FirstOrDefault(a => a.IsLeverage) ?? varying[0];
        var columnAxis = varying.First(a => a != rowAxis);
        var fixedAxes = varying.Where(a => a != rowAxis && a != columnAxis).ToList();
        var values = new double[rowAxis.Count, columnAxis.Count];
        for (int r = 0; r < rowAxis.Count; r++)
        {
            for (int c = 0; c < columnAxis.Count; c++)
            {
                values[r, c] = double.NaN;
            }
        }

        foreach (var run in folder.Runs)
        {
            if (fixedAxes.Any(a => run.Parameters.GetValueOrDefault(a.Name) != a.Labels[0]))
            {
                continue;
            }

            int r = IndexOf(rowAxis, run.Parameters.GetValueOrDefault(rowAxis.Name));
            int c = IndexOf(columnAxis, run.Parameters.GetValueOrDefault(columnAxis.Name));
            if (r >= 0 && c >= 0)
            {
                values[r, c] = run.Metric(metric);
            }
        }

        var figure = context.NewFigure();
        string fixedNote = fixedAxes.Count == 0 ? string.Empty : " · " + string.Join(", ", fixedAxes.Select(a => $"{ResultsFolder.ShortAxisName(a.Name)} = {a.Labels[0]}"));
        figure.Title = $"{folder.Experiment}: {metric} by {ResultsFolder.ShortAxisName(rowAxis.Name)} and {ResultsFolder.ShortAxisName(columnAxis.Name)}";
        figure.Subtitle = $"{context.DataLine}{fixedNote} · grey = no run · choose the metric with --metric";
        var plot = figure.Plot;
        var rowLabels = rowAxis.Labels.Select(l => rowAxis.IsLeverage ? l + "×" : l).ToList();
        var heatmap = plot.AddHeatmap(values, rowLabels, columnAxis.Labels.ToList(), Signed.Contains(metric) ? ColorMap.RedBlue : ColorMap.Viridis, metric);
        heatmap.Annotate = true;
        heatmap.ValueFormat = Fractions.Contains(metric) ? AxisFormat.Percent : AxisFormat.Number;
        plot.YAxis.Label = ResultsFolder.ShortAxisName(rowAxis.Name);
        plot.YAxis.Unit = rowAxis.IsLeverage ? "×" : null;
        plot.XAxis.Label = ResultsFolder.ShortAxisName(columnAxis.Name);
        caption = $"{metric} for every combination of {rowAxis.Name} (rows) and {columnAxis.Name} (columns){fixedNote.Replace(" · ", "; other axes at ", StringComparison.Ordinal)}.";
        return figure;
    }

    private static int IndexOf(ResultsAxis axis, string? value)
    {
        for (int i = 0; i < axis.Count; i++)
        {
            if (axis.Labels[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
