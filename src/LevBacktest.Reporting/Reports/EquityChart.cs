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

        // The log axis reaches down to the lowest equity any shown run had while it was active, so a run at
        // 3 USDT is drawn at 3 USDT rather than vanishing under a fixed floor. Only values a log axis cannot
        // show, or that would stretch it beyond LogFloor.Decades decades below the initial capital, are
        // drawn on the floor itself: the line runs along it visibly and the floor is labelled.
        var curves = new List<(ResultsRun Run, RunEquityCurve Curve, int Active)>(context.LineRuns.Count);
        double lowest = double.PositiveInfinity;
        foreach (var run in context.LineRuns)
        {
            var curve = folder.EquityOf(run.RunIndex);
            int active = context.ActiveLength(run.RunIndex);
            curves.Add((run, curve, active));
            lowest = Math.Min(lowest, LogFloor.LowestPositive(curve.Equity.Span[..active]));
            foreach (var liquidation in folder.LiquidationsOf(run.RunIndex))
            {
                lowest = Math.Min(lowest, LogFloor.LowestPositive([EquityBefore(curve, liquidation, initial)]));
            }
        }
        double floor = LogFloor.Choose(initial, lowest);
        bool clipped = false;
        var markerTimes = new List<long>();
        var markerValues = new List<double>();
        for (int k = 0; k < curves.Count; k++)
        {
            var (run, curve, active) = curves[k];
            var equity = curve.Equity.Span;
            var y = new double[active];
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = LogFloor.Clamp(equity[i], floor);
                clipped |= equity[i] > 0 && y[i] != equity[i];
            }

            string label = $"{context.Label(run)}  {ReportContext.Percent(run.Metric("totalReturn"), "0")}";
            if (context.LiquidationNote(run) is { } note)
            {
                label += ", " + note;
            }

            plot.AddLine(curve.TimeMs.Span[..active], y, label, context.LineStyleOf(k, 2));
            foreach (var liquidation in folder.LiquidationsOf(run.RunIndex))
            {
                // The ✕ sits on the last close before the liquidation bar: where the line ends.
                double value = EquityBefore(curve, liquidation, initial);
                markerTimes.Add(liquidation.TimeMs);
                // A liquidation is never left out: one after a close at ≤ 0 (or below the floor) sits on the floor.
                markerValues.Add(value > 0 ? Math.Max(value, floor) : floor);
                clipped |= !(value >= floor);
            }
        }

        if (clipped)
        {
            plot.AddHorizontalLine(floor, $"equity below {LogFloor.FormatAmount(floor)} USDT drawn on this line", new LineStyle(Color.Gray, 1, LineDash.Dotted));
        }

        if (markerTimes.Count > 0)
        {
            plot.AddMarkers(markerTimes.ToArray(), markerValues.ToArray(), new MarkerStyle(MarkerShape.Cross, context.LiquidationColor, 14), "Liquidation");
        }

        if (double.IsFinite(initial))
        {
            plot.AddHorizontalLine(initial, "Initial capital", new LineStyle(Color.Gray, 1.5, LineDash.Dashed));
        }

        plot.Legend = LegendPosition.Auto;
        string floorNote = clipped ? $" Equity below {LogFloor.FormatAmount(floor)} USDT ({LogFloor.Decades} decades under the initial capital) is drawn on the dotted floor line." : string.Empty;
        caption = $"Equity at every bar close of {context.LineRunsDescription}, log scale so equal percentage moves look equal; the dashed line is the initial capital ({ReportContext.Money(initial)} USDT) and ✕ marks each liquidation at the last close before it.{floorNote}";
        return figure;
    }

    /// <summary>Equity at the last close before <paramref name="liquidation"/> (the initial capital when it came at the first bar).</summary>
    private static double EquityBefore(RunEquityCurve curve, LiquidationEvent liquidation, double initial)
    {
        int at = curve.TimeMs.Span.BinarySearch(liquidation.TimeMs);
        int before = (at < 0 ? ~at : at) - 1;
        return before >= 0 ? curve.Equity.Span[before] : initial;
    }
}
