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
        // Inverse contracts: the money is the coin; a second panel values the same equity in USD (coin equity × price).
        bool usdPanel = folder.IsInverse && context.Prices is { TimeMs.Length: > 0 };
        var figure = context.NewFigure(usdPanel ? 2 : 1, 1);
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = folder.Portfolio is null ? $"{folder.Experiment}: equity by leverage" : $"{folder.Experiment}: account equity by gross leverage";
        figure.Subtitle = $"{context.DataLine} · log scale · ✕ = liquidation · {context.LineRunsShort}{windowNote}";
        var plot = figure.Plot;
        ChartStyle.UseTimeAxis(plot.Axes.Bottom);
        ReportContext.LimitTime(plot.Axes.Bottom, window);
        plot.YLabel($"{(folder.Portfolio is null ? "Equity" : "Account equity")} ({context.MoneyUnit}, log scale)");
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
            floorLine.LegendText = $"equity below {LogFloor.FormatAmount(floor)} {context.MoneyUnit} drawn on this line";
        }

        if (markerTimes.Count > 0)
        {
            ChartStyle.AddMarkers(plot, markerTimes.ToArray(), ChartStyle.Log10(markerValues.ToArray()), MarkerShape.Eks, 14, context.LiquidationColor, "Liquidation");
        }

        if (double.IsFinite(initial) && initial > 0)
        {
            // A legend entry, not a label on the line: a label there sat on top of the runs' curves.
            var capital = plot.Add.HorizontalLine(Math.Log10(initial), 1.5f, ChartColors.ReferenceGray, LinePattern.Dashed);
            capital.LegendText = $"Initial capital {ReportContext.Money(initial)} {context.MoneyUnit}";
        }

        // The axis spans the lowest drawn value (the floor when anything sits on it) to the highest, with a little room.
        double bottom = Math.Min(floor, highest > 0 ? highest : floor);
        double top = Math.Max(highest, bottom * 10);
        ChartStyle.UseLogAxis(plot.Axes.Left, bottom / Math.Pow(10, 0.08), top * Math.Pow(10, 0.08));
        plot.ShowLegend(Edge.Right);
        string floorNote = clipped ? $" Equity below {LogFloor.FormatAmount(floor)} {context.MoneyUnit} ({LogFloor.Decades} decades under the initial capital) is drawn on the dotted floor line." : string.Empty;
        string cappedNote = context.LineRuns.Any(ReportContext.IsCapped) ? " \"capped at N×\" marks a run whose orders the tier table capped (its leverage setting was more than the brackets allow for that notional): N× is the largest leverage an order was filled at." : string.Empty;
        caption = $"Equity at every bar close of {context.LineRunsDescription}, log scale so equal percentage moves look equal; the dashed line is the initial capital ({ReportContext.Money(initial)} {context.MoneyUnit}) and ✕ marks each liquidation at the last close before it.{floorNote}{cappedNote}";
        if (usdPanel)
        {
            plot.Title($"In {context.MoneyUnit}, the contract's money", ChartStyle.TitleSize);
            plot.XLabel(string.Empty);
            AddUsdPanel(context, figure[1, 0], curves, window);
            caption += $" Bottom: the same equity valued in USD (equity in {context.MoneyUnit} × last price at the close; the initial capital at the first bar's open): an inverse long gains twice in USD as the price rises, a 1× short holds its USD value.";
        }

        return figure;
    }

    /// <summary>The lower panel of an inverse run: each line's equity × last price, log scale, with the initial capital's USD value.</summary>
    private static void AddUsdPanel(ReportContext context, Plot usd, List<(ResultsRun Run, RunEquityCurve Curve, int Active)> curves, (long From, long To)? window)
    {
        var prices = context.Prices!;
        ChartStyle.UseTimeAxis(usd.Axes.Bottom);
        ReportContext.LimitTime(usd.Axes.Bottom, window);
        usd.Title("In USD: equity × price", ChartStyle.TitleSize);
        usd.YLabel("Equity (USD, log scale)");
        usd.XLabel("Time (UTC)");
        double lowest = double.PositiveInfinity, highest = 0, initialUsd = double.NaN;
        for (int k = 0; k < curves.Count; k++)
        {
            var (run, curve, active) = curves[k];
            var times = curve.TimeMs.Span[..active];
            var equity = curve.Equity.Span;
            var y = new double[active];
            int j = 0;
            for (int i = 0; i < active; i++)
            {
                while (j < prices.TimeMs.Length && prices.TimeMs[j] < times[i])
                {
                    j++;
                }

                double value = j < prices.TimeMs.Length && prices.TimeMs[j] == times[i] ? equity[i] * prices.Close[j] : double.NaN;
                y[i] = value > 0 ? value : double.NaN;
                if (y[i] > 0)
                {
                    lowest = Math.Min(lowest, y[i]);
                    highest = Math.Max(highest, y[i]);
                }
            }

            if (double.IsNaN(initialUsd))
            {
                initialUsd = run.UsdMetrics.GetValueOrDefault("initialCapitalUsd", double.NaN);
            }

            string total = ReportContext.Percent(run.UsdMetrics.GetValueOrDefault("totalReturnUsd", double.NaN), "0");
            context.AddRunLine(usd, k, ChartStyle.TimeCoordinates(times), ChartStyle.Log10(y), $"{context.Label(run)}  {total} in USD", 2);
        }

        if (initialUsd > 0)
        {
            var capital = usd.Add.HorizontalLine(Math.Log10(initialUsd), 1.5f, ChartColors.ReferenceGray, LinePattern.Dashed);
            capital.LegendText = $"Initial capital {ReportContext.Money(initialUsd)} USD";
            lowest = Math.Min(lowest, initialUsd);
            highest = Math.Max(highest, initialUsd);
        }

        if (highest > 0)
        {
            ChartStyle.UseLogAxis(usd.Axes.Left, lowest / Math.Pow(10, 0.08), Math.Max(highest, lowest * 10) * Math.Pow(10, 0.08));
        }

        usd.ShowLegend(Edge.Right);
    }

    /// <summary>Equity at the last close before <paramref name="liquidation"/> (the initial capital when it came at the first bar).</summary>
    private static double EquityBefore(RunEquityCurve curve, LiquidationEvent liquidation, double initial)
    {
        int at = curve.TimeMs.Span.BinarySearch(liquidation.TimeMs);
        int before = (at < 0 ? ~at : at) - 1;
        return before >= 0 ? curve.Equity.Span[before] : initial;
    }
}
