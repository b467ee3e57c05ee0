using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// liquidations.png: left, last and mark price of one run with its liquidation-price line, liquidations and
/// stop fills; right, liquidation count and margin lost per leverage (or per run without a leverage axis).
/// </summary>
internal static class LiquidationsChart
{
    public const string Name = "liquidations";

    public const string Title = "Liquidations";

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var run = context.FocusRun;
        var figure = context.NewFigure(1, 2);
        figure.ShareX = false;
        int liquidations = folder.Liquidations.Count;
        figure.Title = $"{folder.Experiment}: liquidations";
        string end = DrawPricePanel(context, figure[0, 0], run);
        figure.Subtitle = $"{context.DataLine} · left: run {run.RunIndex} ({folder.LabelOf(run)}){end} · right: every run ({liquidations} liquidation{(liquidations == 1 ? string.Empty : "s")} in all)";
        DrawTotalsPanel(context, figure[0, 1]);
        caption = $"Left: last and mark price with the liquidation price of the open position of run {run.RunIndex} ({folder.LabelOf(run)}; choose another with --run; the line breaks wherever a position closes, reverses or is re-entered), its liquidations (✕ at the mark price) and stop fills (▼). Right: liquidations and margin lost to them for every run.";
        return figure;
    }

    /// <summary>Draws the price panel; returns ", shown to its end on DATE" when the run was wiped out early, else "".</summary>
    private static string DrawPricePanel(ReportContext context, Plot plot, ResultsRun run)
    {
        string endNote = string.Empty;
        var folder = context.Folder;
        plot.Title = $"Run {run.RunIndex} ({folder.LabelOf(run)}): price and liquidation price";
        plot.YAxis.Label = "Price";
        plot.YAxis.Unit = "USDT";
        plot.XAxis.Label = "Time";
        plot.XAxis.Unit = "UTC";
        var prices = context.Prices;
        var curve = folder.EquityOf(run.RunIndex);

        // A run wiped out early is shown up to its end (plus a little), not against years of later prices.
        int active = curve.Count == 0 ? 0 : context.ActiveLength(run.RunIndex);
        long from = curve.Count > 0 ? curve.TimeMs.Span[0] : long.MinValue;
        long to = curve.Count > 0 ? curve.TimeMs.Span[^1] : long.MaxValue;
        if (active > 0 && active < curve.Count)
        {
            long end = curve.TimeMs.Span[active - 1];
            to = Math.Min(to, end + Math.Max((end - from) / 20, 24 * folder.Data.BarIntervalMs));
            endNote = $", shown to its end on {ReportContext.FormatDate(end)}";
        }

        long stop = to == long.MaxValue ? to : to + 1;
        if (prices is not null)
        {
            int first = LowerBound(prices.TimeMs, from);
            int last = LowerBound(prices.TimeMs, stop);
            var times = prices.TimeMs.AsSpan(first, last - first);
            plot.AddLine(times, prices.Close.AsSpan(first, last - first), "Last price (close)", new LineStyle(Color.FromRgb(0x55, 0x55, 0x55), 1.2));
            if (prices.MarkClose is not null)
            {
                plot.AddLine(times, prices.MarkClose.AsSpan(first, last - first), "Mark price (close)", new LineStyle(Palette.SkyBlue, 1.2, LineDash.Dashed));
            }
        }

        if (curve.Count > 0 && folder.HasLiquidationPrices)
        {
            int count = LowerBound(curve.TimeMs.ToArray(), stop);

            // Broken at every change of position: a reversal has no flat bar between the two levels.
            var (times, levels) = PositionBreaks.Insert(curve.TimeMs.Span[..count], curve.LiquidationPrice.Span[..count], folder.PositionEntryTimesOf(run.RunIndex));
            plot.AddLine(times, levels, "Liquidation price", new LineStyle(Palette.Vermillion, 1.8));
        }

        var events = folder.LiquidationsOf(run.RunIndex);
        if (events.Count > 0)
        {
            plot.AddMarkers(events.Select(e => e.TimeMs).ToArray(), events.Select(e => e.MarkPrice).ToArray(), new MarkerStyle(MarkerShape.Cross, Palette.Vermillion, 16), "Liquidation (mark price)");
        }

        var stops = folder.StopsOf(run.RunIndex);
        if (stops.Count > 0)
        {
            plot.AddMarkers(stops.Select(s => s.TimeMs).ToArray(), stops.Select(s => s.FillPrice).ToArray(), new MarkerStyle(MarkerShape.TriangleDown, Palette.ReddishPurple, 9), "Stop / take-profit fill");
        }

        if (prices is null)
        {
            plot.Title += " (price files unavailable)";
        }

        if (!folder.HasLiquidationPrices)
        {
            plot.Title += " (no liquidation prices in equity.parquet)";
        }

        plot.Legend = LegendPosition.Auto;
        return endNote;
    }

    /// <summary>Index of the first element ≥ <paramref name="value"/> (the length when none).</summary>
    private static int LowerBound(long[] sorted, long value)
    {
        int at = Array.BinarySearch(sorted, value);
        if (at < 0)
        {
            return ~at;
        }

        while (at > 0 && sorted[at - 1] == value)
        {
            at--;
        }

        return at;
    }

    private static void DrawTotalsPanel(ReportContext context, Plot plot)
    {
        var folder = context.Folder;
        var leverageAxis = folder.LeverageAxis;
        var groups = new SortedDictionary<double, (int Count, double Lost)>();
        foreach (var run in folder.Runs)
        {
            double key = leverageAxis is not null && double.IsFinite(run.Leverage) ? run.Leverage : run.RunIndex;
            groups.TryGetValue(key, out var total);
            double lost = run.Metric("marginLost");
            groups[key] = (total.Count + run.LiquidationCount, total.Lost + (double.IsFinite(lost) ? lost : 0));
        }

        bool byLeverage = leverageAxis is not null;
        bool summed = byLeverage && folder.Axes.Any(a => !a.IsLeverage && a.Count > 1);
        plot.Title = byLeverage
            ? summed ? "Per leverage (summed over the other sweep axes)" : "Per leverage"
            : "Per run";
        var keys = groups.Keys.ToArray();
        bool logX = byLeverage && keys.Length > 1 && keys[0] > 0 && keys[^1] / keys[0] >= 10;
        plot.XAxis.Scale = logX ? AxisScale.Log : AxisScale.Linear;
        plot.XAxis.Label = byLeverage ? "Leverage" : "Run index";
        plot.XAxis.Unit = byLeverage ? "×" : null;
        plot.YAxis.Label = "Margin lost to liquidation";
        plot.YAxis.Unit = "USDT";
        plot.YAxis.IncludeZero = true;
        plot.SecondaryYAxis.Label = "Liquidations";
        plot.SecondaryYAxis.Unit = "count";
        plot.SecondaryYAxis.IncludeZero = true;
        plot.SecondaryYAxis.WholeNumberTicks = true;

        // Bar half-width: a fixed fraction of the closest spacing, in log space on a log axis.
        double halfWidth = 0.35;
        if (keys.Length > 1)
        {
            double closest = double.PositiveInfinity;
            for (int i = 1; i < keys.Length; i++)
            {
                closest = Math.Min(closest, logX ? Math.Log(keys[i] / keys[i - 1]) : keys[i] - keys[i - 1]);
            }

            halfWidth = 0.35 * closest;
        }

        if (keys.Length > 0)
        {
            // Pad the ends so the first and last bars are whole.
            double pad = 2 * halfWidth;
            plot.XAxis.SetLimits(logX ? keys[0] * Math.Exp(-pad) : keys[0] - pad, logX ? keys[^1] * Math.Exp(pad) : keys[^1] + pad);
        }

        var fill = Palette.Vermillion.WithAlpha(0.55);
        bool labelled = false;
        double mostLost = 0;
        foreach (var (key, total) in groups)
        {
            if (total.Lost <= 0)
            {
                continue;
            }

            double left = logX ? key * Math.Exp(-halfWidth) : key - halfWidth;
            double right = logX ? key * Math.Exp(halfWidth) : key + halfWidth;
            plot.AddAreaBetween([left, right], [0, 0], [total.Lost, total.Lost], labelled ? null : "Margin lost (USDT, bars, left axis)", fill);
            labelled = true;
            mostLost = Math.Max(mostLost, total.Lost);
        }

        var counts = groups.Values.Select(v => (double)v.Count).ToArray();
        plot.AddMarkers(keys, counts, new MarkerStyle(MarkerShape.Circle, Palette.Black, 9), "Liquidations (count, dots, right axis)", YAxisSide.Secondary);

        // Headroom above the bars and dots for the legend; the left axis stays meaningful when nothing was lost.
        plot.YAxis.SetLimits(0, labelled ? mostLost * 1.3 : Math.Max(1, folder.InitialCapital));
        plot.SecondaryYAxis.SetLimits(0, Math.Max(1, counts.Max()) * 1.3);
        if (keys.Length > 0 && counts.Max() == 0)
        {
            // An empty panel reads as "nothing drawn" or "broken"; say what it means.
            double middle = logX ? Math.Sqrt(keys[0] * keys[^1]) : (keys[0] + keys[^1]) / 2;
            plot.AddText(middle, Math.Max(1, folder.InitialCapital) / 2, "No run was liquidated", TextAlignment.Center);
        }

        plot.Legend = LegendPosition.Auto;
    }
}
