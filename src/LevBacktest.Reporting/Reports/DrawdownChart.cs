using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>drawdown.png: underwater curves (fraction below the running peak) per run, max drawdown annotated.</summary>
internal static class DrawdownChart
{
    public const string Name = "drawdown";

    public const string Title = "Drawdown (underwater)";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure();
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = $"{folder.Experiment}: drawdown below the running peak";
        figure.Subtitle = $"{context.DataLine} · ▼ = max drawdown · {context.LineRunsShort}{windowNote}";
        var plot = figure.Plot;
        ChartStyle.UseTimeAxis(plot.Axes.Bottom);
        ReportContext.LimitTime(plot.Axes.Bottom, window);
        ChartStyle.UsePercentTicks(plot.Axes.Left);
        plot.YLabel("Drawdown (% below the running peak)");
        plot.XLabel("Time (UTC)");
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
            context.AddRunLine(plot, k, ChartStyle.TimeCoordinates(curve.TimeMs.Span[..underwater.Length]), underwater, label, 1.8f);
            if (trough >= 0)
            {
                ChartStyle.AddMarkers(plot, [ChartStyle.TimeCoordinate(curve.TimeMs.Span[trough])], [troughValue], MarkerShape.FilledTriangleDown, 13, color);
            }
        }

        // Room below a −100 % trough for its ▼ to be drawn whole (the ticks still end at −100 %).
        plot.Axes.Left.Range.Set(Math.Max(-1.04, (deepest * 1.05) - 0.01), 0.02);
        plot.ShowLegend(Edge.Right);
        caption = $"Percent below the running peak of close equity (the peak starts at the initial capital, as the maxDrawdown metric does) for {context.LineRunsDescription}; ▼ marks each run's maximum drawdown, which the legend states.";
        return figure;
    }
}
