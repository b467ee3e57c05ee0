using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>equity.png: equity per run (leverage) on a log axis, liquidations marked ✕.</summary>
internal static class EquityChart
{
    public const string Name = "equity";

    public const string Title = "Equity by leverage";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure();
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = $"{folder.Experiment}: equity by leverage";
        figure.Subtitle = $"{context.DataLine} · log scale · ✕ = liquidation · {context.LineRunsShort}{windowNote}";
        var plot = figure.Plot;
        ChartStyle.UseTimeAxis(plot.Axes.Bottom);
        ReportContext.LimitTime(plot.Axes.Bottom, window);
        plot.YLabel("Equity (USDT, log scale)");
        plot.XLabel("Time (UTC)");
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
        double highest = double.IsFinite(initial) && initial > 0 ? initial : 0;
        var markerTimes = new List<double>();
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
                if (y[i] > highest)
                {
                    highest = y[i];
                }
            }

            string label = $"{context.Label(run)}{ReportContext.CappedNote(run)}  {ReportContext.Percent(run.Metric("totalReturn"), "0")}";
            if (context.LiquidationNote(run) is { } note)
            {
                label += ", " + note;
            }

            context.AddRunLine(plot, k, ChartStyle.TimeCoordinates(curve.TimeMs.Span[..active]), ChartStyle.Log10(y), label, 2);
            foreach (var liquidation in folder.LiquidationsOf(run.RunIndex))
            {
                // The ✕ sits on the last close before the liquidation bar: where the line ends.
                double value = EquityBefore(curve, liquidation, initial);
                markerTimes.Add(ChartStyle.TimeCoordinate(liquidation.TimeMs));
                // A liquidation is never left out: one after a close at ≤ 0 (or below the floor) sits on the floor.
                markerValues.Add(value > 0 ? Math.Max(value, floor) : floor);
                clipped |= !(value >= floor);
            }
        }

        if (clipped)
        {
            var floorLine = plot.Add.HorizontalLine(Math.Log10(floor), 1, ChartColors.ReferenceGray, LinePattern.Dotted);
            floorLine.LegendText = $"equity below {LogFloor.FormatAmount(floor)} USDT drawn on this line";
        }

        if (markerTimes.Count > 0)
        {
            ChartStyle.AddMarkers(plot, markerTimes.ToArray(), ChartStyle.Log10(markerValues.ToArray()), MarkerShape.Eks, 14, context.LiquidationColor, "Liquidation");
        }

        if (double.IsFinite(initial) && initial > 0)
        {
            // A legend entry, not a label on the line: a label there sat on top of the runs' curves.
            var capital = plot.Add.HorizontalLine(Math.Log10(initial), 1.5f, ChartColors.ReferenceGray, LinePattern.Dashed);
            capital.LegendText = $"Initial capital {ReportContext.Money(initial)} USDT";
        }

        // The axis spans the lowest drawn value (the floor when anything sits on it) to the highest, with a little room.
        double bottom = Math.Min(floor, highest > 0 ? highest : floor);
        double top = Math.Max(highest, bottom * 10);
        ChartStyle.UseLogAxis(plot.Axes.Left, bottom / Math.Pow(10, 0.08), top * Math.Pow(10, 0.08));
        plot.ShowLegend(Edge.Right);
        string floorNote = clipped ? $" Equity below {LogFloor.FormatAmount(floor)} USDT ({LogFloor.Decades} decades under the initial capital) is drawn on the dotted floor line." : string.Empty;
        string cappedNote = context.LineRuns.Any(ReportContext.IsCapped) ? " \"capped at N×\" marks a run whose orders the tier table capped (its leverage setting was more than the brackets allow for that notional): N× is the largest leverage an order was filled at." : string.Empty;
        caption = $"Equity at every bar close of {context.LineRunsDescription}, log scale so equal percentage moves look equal; the dashed line is the initial capital ({ReportContext.Money(initial)} USDT) and ✕ marks each liquidation at the last close before it.{floorNote}{cappedNote}";
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
