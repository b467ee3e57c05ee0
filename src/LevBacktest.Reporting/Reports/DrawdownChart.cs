using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>drawdown.png: underwater curves (fraction below the running peak) per run, max drawdown annotated.</summary>
internal static class DrawdownChart
{
    public const string Name = "drawdown";

    public const string Title = "Drawdown (underwater)";

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure();
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = $"{folder.Experiment}: drawdown below the running peak";
        figure.Subtitle = $"{context.DataLine} · ▼ = max drawdown · {context.LineRunsShort}{windowNote}";
        ReportContext.LimitTime(figure.Plot.XAxis, window);
        var plot = figure.Plot;
        plot.YAxis.Label = "Drawdown";
        plot.YAxis.Unit = "% below peak";
        plot.YAxis.Format = AxisFormat.Percent;
        plot.YAxis.Maximum = 0;
        plot.XAxis.Label = "Time";
        plot.XAxis.Unit = "UTC";
        double initial = folder.InitialCapital;
        double deepest = 0;
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            var curve = folder.EquityOf(run.RunIndex);
            var equity = curve.Equity.Span[..context.ActiveLength(run.RunIndex)];
            var underwater = new double[equity.Length];
            double peak = double.IsFinite(initial) ? initial : (equity.Length > 0 ? equity[0] : 1);
            int trough = -1;
            double troughValue = 0;
            for (int i = 0; i < equity.Length; i++)
            {
                peak = Math.Max(peak, equity[i]);
                underwater[i] = peak > 0 ? Math.Min(0, (equity[i] / peak) - 1) : -1;
                if (underwater[i] < troughValue)
                {
                    troughValue = underwater[i];
                    trough = i;
                }
            }

            deepest = Math.Min(deepest, troughValue);
            var color = context.LineColor(k);
            string label = context.LiquidationNote(run) is { } note
                ? $"{context.Label(run)}  {note}"
                : $"{context.Label(run)}  max {ReportContext.Percent(troughValue, "0")}";
            plot.AddLine(curve.TimeMs.Span[..underwater.Length], underwater, label, context.LineStyleOf(k, 1.5));
            if (trough >= 0)
            {
                plot.AddMarkers([curve.TimeMs.Span[trough]], [troughValue], new MarkerStyle(MarkerShape.TriangleDown, color, 12));
            }
        }

        // Room below a −100 % trough for its ▼ to be drawn whole (the ticks still end at −100 %).
        plot.YAxis.Minimum = Math.Max(-1.03, deepest * 1.05 - 0.01);
        plot.Legend = LegendPosition.Auto;
        caption = $"Percent below the running peak of close equity (the peak starts at the initial capital, as the maxDrawdown metric does) for {context.LineRunsDescription}; ▼ marks each run's maximum drawdown, which the legend states.";
        return figure;
    }
}
