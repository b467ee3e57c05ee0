using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>equity.png: equity per run (leverage) on a log axis, liquidations marked ✕.</summary>
internal static class EquityChart
{
    public const string Name = "equity";

    public const string Title = "Equity by leverage";

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure();
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = $"{folder.Experiment}: equity by leverage";
        figure.Subtitle = $"{context.DataLine} · log scale · ✕ = liquidation · {context.LineRunsShort}{windowNote}";
        ReportContext.LimitTime(figure.Plot.XAxis, window);
        var plot = figure.Plot;
        plot.YAxis.Scale = AxisScale.Log;
        plot.YAxis.Label = "Equity";
        plot.YAxis.Unit = "USDT";
        plot.XAxis.Label = "Time";
        plot.XAxis.Unit = "UTC";
        double initial = folder.InitialCapital;
        double floor = double.IsFinite(initial) && initial > 0 ? initial / 1000 : 1e-3;
        double lowest = double.PositiveInfinity;
        var markerTimes = new List<long>();
        var markerValues = new List<double>();
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            var curve = folder.EquityOf(run.RunIndex);
            var equity = curve.Equity.Span;
            int active = context.ActiveLength(run.RunIndex);
            var y = new double[active];
            for (int i = 0; i < y.Length; i++)
            {
                // A log axis cannot show 0: the wiped-out tail of a liquidated run is left out and the ✕ marks the end.
                y[i] = equity[i] > floor ? equity[i] : double.NaN;
                if (equity[i] > floor)
                {
                    lowest = Math.Min(lowest, equity[i]);
                }
            }

            string label = $"{context.Label(run)}  {ReportContext.Percent(run.Metric("totalReturn"), "0")}";
            if (context.LiquidationNote(run) is { } note)
            {
                label += ", " + note;
            }

            plot.AddLine(curve.TimeMs.Span[..active], y, label, new LineStyle(ReportContext.RunColor(k, context.LineRuns.Count), 2));
            var times = curve.TimeMs.Span;
            foreach (var liquidation in folder.LiquidationsOf(run.RunIndex))
            {
                // The ✕ sits on the last close before the liquidation bar: where the line ends.
                int at = times.BinarySearch(liquidation.TimeMs);
                int before = (at < 0 ? ~at : at) - 1;
                double value = before >= 0 ? equity[before] : initial;
                markerTimes.Add(liquidation.TimeMs);
                markerValues.Add(Math.Max(value, floor));
            }
        }

        if (markerTimes.Count > 0)
        {
            plot.AddMarkers(markerTimes.ToArray(), markerValues.ToArray(), new MarkerStyle(MarkerShape.Cross, Palette.Vermillion, 14), "Liquidation");
        }

        if (double.IsFinite(initial))
        {
            plot.AddHorizontalLine(initial, "Initial capital", new LineStyle(Color.Gray, 1.5, LineDash.Dashed));
        }

        plot.Legend = LegendPosition.Auto;
        caption = $"Equity at every bar close of {context.LineRunsDescription}, log scale so equal percentage moves look equal; the dashed line is the initial capital ({ReportContext.Money(initial)} USDT) and ✕ marks each liquidation at the last close before it.";
        return figure;
    }
}
