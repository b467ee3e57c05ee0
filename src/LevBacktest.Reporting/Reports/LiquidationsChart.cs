using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// liquidations.png: left, last and mark price of one run with its liquidation-price line, liquidations and
/// stop fills; right, liquidation count and margin lost per leverage (or per run without a leverage axis).
/// </summary>
internal static class LiquidationsChart
{
    public const string Name = "liquidations";

    public const string Title = "Liquidations";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var run = context.FocusRun;
        var figure = context.NewFigure(1, 2);
        int liquidations = folder.LiquidationCount;
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
        string title = $"Run {run.RunIndex} ({folder.LabelOf(run)}): price and liquidation price";
        plot.YLabel(context.Folder.IsInverse ? "Price (USD)" : "Price (USDT)");
        plot.XLabel("Time (UTC)");
        ChartStyle.UseTimeAxis(plot.Axes.Bottom);
        ChartStyle.UseNumberTicks(plot.Axes.Left);
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
            var times = ChartStyle.TimeCoordinates(prices.TimeMs.AsSpan(first, last - first));
            ChartStyle.AddLine(plot, times, prices.Close.AsSpan(first, last - first), "Last price (close)", ChartColors.DarkGray, 1.2f);
            if (prices.MarkClose is not null)
            {
                ChartStyle.AddLine(plot, times, prices.MarkClose.AsSpan(first, last - first), "Mark price (close)", ChartColors.SkyBlue, 1.2f, LinePattern.Dashed);
            }
        }

        if (curve.Count > 0 && folder.HasLiquidationPrices)
        {
            int count = LowerBound(curve.TimeMs.ToArray(), stop);

            // Broken at every change of position: a reversal has no flat bar between the two levels.
            var (times, levels) = PositionBreaks.Insert(curve.TimeMs.Span[..count], curve.LiquidationPrice.Span[..count], folder.PositionEntryTimesOf(run.RunIndex));

            // A long backed by more margin than its notional (1x, say) has a liquidation price at or below zero: no
            // price can liquidate it, so that stretch is left out (a gap) rather than drawn below the price axis.
            for (int i = 0; i < levels.Length; i++)
            {
                if (levels[i] <= 0)
                {
                    levels[i] = double.NaN;
                }
            }

            ChartStyle.AddLine(plot, ChartStyle.TimeCoordinates(times), levels, "Liquidation price", ChartColors.Vermillion, 1.8f);
        }

        var events = folder.LiquidationsOf(run.RunIndex);
        if (events.Count > 0)
        {
            ChartStyle.AddMarkers(plot, events.Select(e => ChartStyle.TimeCoordinate(e.TimeMs)).ToArray(), events.Select(e => e.MarkPrice).ToArray(), MarkerShape.Eks, 16, ChartColors.Vermillion, "Liquidation (mark price)");
        }

        var stops = folder.StopsOf(run.RunIndex);
        if (stops.Count > 0)
        {
            ChartStyle.AddMarkers(plot, stops.Select(s => ChartStyle.TimeCoordinate(s.TimeMs)).ToArray(), stops.Select(s => s.FillPrice).ToArray(), MarkerShape.FilledTriangleDown, 9, ChartColors.ReddishPurple, "Stop / take-profit fill");
        }

        if (prices is null)
        {
            title += " (price files unavailable)";
        }

        if (!folder.HasLiquidationPrices)
        {
            title += " (no liquidation prices in equity.parquet)";
        }

        plot.Title(title, ChartStyle.TitleSize);
        plot.ShowLegend(Edge.Bottom);

        // Prices are positive: the automatic margin below a level near zero must not put negative prices on the
        // axis (it reached -5,000 for a 1x run on real BTCUSDT data).
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        if (limits.Bottom < 0)
        {
            plot.Axes.SetLimitsY(0, limits.Top);
        }

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
        plot.Title(byLeverage
            ? summed ? "Per leverage (summed over the other sweep axes)" : "Per leverage"
            : "Per run", ChartStyle.TitleSize);
        var keys = groups.Keys.ToArray();
        bool logX = byLeverage && keys.Length > 1 && keys[0] > 0 && keys[^1] / keys[0] >= 10;
        var positions = keys.Select(k => logX ? Math.Log10(k) : k).ToArray();
        plot.XLabel(byLeverage ? "Leverage (×)" : "Run index");
        plot.YLabel($"Margin lost to liquidation ({context.MoneyUnit}, bars)");
        plot.Axes.Right.Label.Text = "Liquidations (count, dots)";
        ChartStyle.ApplyFont(plot);
        ChartStyle.UseNumberTicks(plot.Axes.Left);
        ChartStyle.UseWholeNumberTicks(plot.Axes.Right);
        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = new LogTickGenerator(v => ChartStyle.FormatNumber(v) + "×");
        }
        else
        {
            ChartStyle.UseWholeNumberTicks(plot.Axes.Bottom);
        }

        // Bar width: a fixed fraction of the closest spacing (of log10 leverage on a log axis).
        double width = 0.7;
        for (int i = 1; i < positions.Length; i++)
        {
            width = Math.Min(i == 1 ? double.PositiveInfinity : width, 0.7 * (positions[i] - positions[i - 1]));
        }

        if (positions.Length > 0)
        {
            plot.Axes.Bottom.Range.Set(positions[0] - width, positions[^1] + width);
        }

        var fill = ChartColors.Vermillion.WithAlpha(0.55);
        var bars = new List<Bar>();
        double mostLost = 0;
        var totals = groups.Values.ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            if (totals[i].Lost > 0)
            {
                bars.Add(new Bar { Position = positions[i], Value = totals[i].Lost, Size = width, FillColor = fill, LineWidth = 0 });
                mostLost = Math.Max(mostLost, totals[i].Lost);
            }
        }

        if (bars.Count > 0)
        {
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = $"Margin lost ({context.MoneyUnit}, bars, left axis)";
        }

        var counts = totals.Select(v => (double)v.Count).ToArray();
        var dots = ChartStyle.AddMarkers(plot, positions, counts, MarkerShape.FilledCircle, 9, ChartColors.Black, "Liquidations (count, dots, right axis)");
        dots.Axes.YAxis = plot.Axes.Right;

        // Bars fill the lower part of the panel and the largest count sits above them, so no dot lands on the
        // tallest bar; the left axis stays meaningful when nothing was lost.
        double maxCount = counts.Length == 0 ? 0 : counts.Max();
        plot.Axes.Left.Range.Set(0, bars.Count > 0 ? mostLost * 1.75 : Math.Max(1, folder.InitialCapital));
        plot.Axes.Right.Range.Set(0, Math.Max(1, maxCount) * 1.1);
        if (keys.Length > 0 && maxCount == 0)
        {
            // An empty panel reads as "nothing drawn" or "broken"; say what it means.
            var note = plot.Add.Text("No run was liquidated", (positions[0] + positions[^1]) / 2, Math.Max(1, folder.InitialCapital) / 2);
            ChartStyle.ApplyFont(note.LabelStyle);
            note.LabelFontSize = 18;
            note.LabelAlignment = Alignment.MiddleCenter;
        }

        if (IdenticalRunsNote(folder, keys, totals) is { } identical)
        {
            var note = plot.Add.Text(identical, positions[^1], mostLost * 1.7);
            ChartStyle.ApplyFont(note.LabelStyle);
            note.LabelFontSize = 13;
            note.LabelAlignment = Alignment.UpperRight;
        }

        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>
    /// "50×–125× identical: …" when the highest leverages gave exactly the same results (the tier table caps their
    /// orders at the same notional, so a higher setting changes nothing), else null.
    /// </summary>
    internal static string? IdenticalRunsNote(ResultsFolder folder, double[] keys, (int Count, double Lost)[] totals)
    {
        if (folder.LeverageAxis is null || keys.Length < 2 || folder.Axes.Any(a => !a.IsLeverage && a.Count > 1))
        {
            return null;
        }

        var byLeverage = RunSelection.Ordered(folder.Runs).Where(r => double.IsFinite(r.Leverage)).ToList();
        if (byLeverage.Count != keys.Length)
        {
            return null;
        }

        int first = byLeverage.Count - 1;
        double final = byLeverage[^1].Metric("finalEquity");
        while (first > 0 && byLeverage[first - 1].Metric("finalEquity") == final && totals[first - 1] == totals[first])
        {
            first--;
        }

        if (first == byLeverage.Count - 1)
        {
            return null;
        }

        string range = $"{ReportContext.LeverageText(byLeverage[first].Leverage)}–{ReportContext.LeverageText(byLeverage[^1].Leverage)}";
        bool capped = byLeverage.Skip(first).All(ReportContext.IsCapped);
        return capped
            ? $"{range}: identical results — the tier table capped their orders to the same size"
            : $"{range}: identical results";
    }
}
