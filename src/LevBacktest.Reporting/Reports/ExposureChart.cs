using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// exposure.png (portfolio folders only): one run's exposure by instrument over time — each position's notional
/// at the mark close beside the account's equity, and each instrument's share of the gross notional — with its
/// liquidations marked. The run is the report's focus run (the lowest leverage that was liquidated, else the highest).
/// </summary>
internal static class ExposureChart
{
    public const string Name = "exposure";

    public const string Title = "Exposure by instrument";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var run = context.FocusRun;
        var exposure = folder.ExposureOf(run.RunIndex);
        var curve = folder.EquityOf(run.RunIndex);
        var figure = context.NewFigure(2, 1);
        string unit = context.MoneyUnit;
        string liquidation = context.LiquidationNote(run) is { } note ? " · " + note : string.Empty;
        figure.Title = $"{folder.Experiment}: exposure by instrument at {context.Label(run)}";
        figure.Subtitle = $"{context.DataLine} · {folder.Portfolio!.MarginMode} margin · {folder.Portfolio.Sizing} weights · run {run.RunIndex}{liquidation}";
        var top = figure[0, 0];
        var bottom = figure[1, 0];
        int active = context.ActiveLength(run.RunIndex);
        long end = curve.TimeMs.Length > 0 ? curve.TimeMs.Span[active - 1] : long.MaxValue;
        long start = curve.TimeMs.Length > 0 ? curve.TimeMs.Span[0] : long.MinValue;
        foreach (var panel in figure.Panels)
        {
            ChartStyle.UseTimeAxis(panel.Axes.Bottom);
            ReportContext.LimitTime(panel.Axes.Bottom, (start, end + ((end - start) / 33) + folder.Data.BarIntervalMs));
        }

        top.Title($"Position notional at the mark close ({unit}; 0 = flat) and the account's equity", ChartStyle.TitleSize);
        top.YLabel($"Notional ({unit})");
        ChartStyle.UseNumberTicks(top.Axes.Left);
        bottom.Title("Share of the gross notional Σ |notional|", ChartStyle.TitleSize);
        bottom.YLabel("Share (%)");
        bottom.XLabel("Time (UTC)");
        ChartStyle.UsePercentTicks(bottom.Axes.Left);

        int bars = exposure.Count > 0 ? Math.Min(exposure[0].TimeMs.Length, ActiveBars(exposure[0].TimeMs, end)) : 0;
        var gross = new double[bars];
        foreach (var instrument in exposure)
        {
            for (int i = 0; i < bars; i++)
            {
                gross[i] += instrument.Notional[i];
            }
        }

        double highest = 0;
        for (int k = 0; k < exposure.Count; k++)
        {
            var instrument = exposure[k];
            var x = ChartStyle.TimeCoordinates(instrument.TimeMs.AsSpan(0, bars));
            var y = new double[bars];
            var share = new double[bars];
            int missing = 0;
            for (int i = 0; i < bars; i++)
            {
                y[i] = instrument.Notional[i];
                share[i] = gross[i] > 0 ? instrument.Notional[i] / gross[i] : double.NaN;
                highest = Math.Max(highest, y[i]);
                missing += instrument.HasBar[i] ? 0 : 1;
            }

            var color = ChartColors.SeriesColor(k);
            string label = $"{instrument.Symbol}{(missing > 0 ? $" (no bar at {missing:N0} bars: marked at its last mark)" : string.Empty)}";
            ChartStyle.AddLine(top, x, y, label, color, 2);
            ChartStyle.AddLine(bottom, x, share, $"{instrument.Symbol} share", color, 2);
            var liquidations = folder.LiquidationsOf(run.RunIndex).Where(l => l.Instrument == instrument.Symbol).ToArray();
            if (liquidations.Length > 0)
            {
                // The ✕ sits on the position's last notional before the bar that took it over, in the instrument's colour.
                var lx = liquidations.Select(l => ChartStyle.TimeCoordinate(l.TimeMs)).ToArray();
                var ly = liquidations.Select(l => NotionalBefore(instrument, l.TimeMs)).ToArray();
                ChartStyle.AddMarkers(top, lx, ly, MarkerShape.Eks, 14, color, $"{instrument.Symbol} liquidated");
            }
        }

        var equity = curve.Equity.Span;
        int shown = Math.Min(active, equity.Length);
        var equityY = new double[shown];
        for (int i = 0; i < shown; i++)
        {
            equityY[i] = equity[i];
            highest = Math.Max(highest, equity[i]);
        }

        ChartStyle.AddLine(top, ChartStyle.TimeCoordinates(curve.TimeMs.Span[..shown]), equityY, $"Account equity ({unit})", ChartColors.DarkGray, 1.5f, LinePattern.Dashed);
        top.Axes.Left.Range.Set(0, highest > 0 ? highest * 1.08 : 1);
        bottom.Axes.Left.Range.Set(0, 1.02);
        top.ShowLegend(Edge.Right);
        bottom.ShowLegend(Edge.Right);
        var spans = folder.Portfolio.NoBarSpans;
        string noBar = string.Join("; ", folder.Portfolio.Symbols.Select((s, k) => spans[k].Count == 0 ? null : $"{s} had no bar at {spans[k].Sum(b => b.BarCount):N0} bars, the first from {ReportContext.FormatDate(spans[k][0].FromMs)}").OfType<string>());
        caption = $"Run {run.RunIndex} ({context.Label(run)}, the report's focus run): top, each instrument's position notional at every bar close ({unit}, at the mark close) and the account's equity (dashed); ✕ marks a liquidation at the position's last notional before it. Bottom: each instrument's share of the gross notional. {(noBar.Length > 0 ? noBar + " (marked at its last mark price there, no trading, no funding)." : "Every instrument had a bar at every bar of the clock.")}";
        return figure;
    }

    private static int ActiveBars(long[] times, long end)
    {
        int at = Array.BinarySearch(times, end);
        return at >= 0 ? at + 1 : ~at;
    }

    private static double NotionalBefore(InstrumentExposure instrument, long timeMs)
    {
        int at = Array.BinarySearch(instrument.TimeMs, timeMs);
        int index = (at >= 0 ? at : ~at) - 1;
        return index >= 0 ? instrument.Notional[index] : 0;
    }
}
