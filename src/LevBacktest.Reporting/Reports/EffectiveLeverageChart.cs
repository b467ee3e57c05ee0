using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// effective-leverage.png: effective leverage (notional / equity) and margin ratio (maintenance margin /
/// margin balance, 100 % = liquidation) over time — how far a fixed-quantity position drifts from the
/// leverage it was opened at.
/// </summary>
internal static class EffectiveLeverageChart
{
    public const string Name = "effective-leverage";

    public const string Title = "Effective leverage and margin ratio";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure(2, 1);
        figure.Title = $"{folder.Experiment}: leverage drift";
        var window = context.ActiveWindow(out string windowNote);
        // When the sweep varies the sizing rule, the first run's rule is not "the" sizing: each legend entry names its own.
        bool sizingSwept = folder.Axes.Any(a => a.Count > 1 && ResultsFolder.ShortAxisName(a.Name) == "sizing");
        string sizing = sizingSwept ? string.Empty : $" · sizing {context.SizingName}";
        figure.Subtitle = $"{context.DataLine}{sizing} · {context.LineRunsShort}{windowNote}";
        var top = figure[0, 0];
        var bottom = figure[1, 0];
        foreach (var panel in figure.Panels)
        {
            ChartStyle.UseTimeAxis(panel.Axes.Bottom);
            ReportContext.LimitTime(panel.Axes.Bottom, window);
        }

        string topTitle = "Effective leverage = position notional / equity (gaps = flat)";
        top.YLabel("Effective leverage (×, log scale)");
        bottom.Title("Worst margin ratio in each bar = maintenance margin / margin balance at the adverse mark extreme (100 % = liquidation)", ChartStyle.TitleSize);
        bottom.YLabel("Margin ratio (%)");
        bottom.XLabel("Time (UTC)");
        ChartStyle.UsePercentTicks(bottom.Axes.Left);
        double highest = 0, lowest = double.PositiveInfinity;
        var liquidationX = new List<double>();
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            var curve = folder.EquityOf(run.RunIndex);
            int active = context.ActiveLength(run.RunIndex);
            var leverage = curve.EffectiveLeverage.Span[..active];
            var ratio = WorstMarginRatio(curve, active, context.Prices);
            var y = new double[leverage.Length];
            var m = new double[ratio.Length];
            for (int i = 0; i < y.Length; i++)
            {
                bool open = curve.PositionNotional.Span[i] > 0 && leverage[i] > 0 && double.IsFinite(leverage[i]);
                y[i] = open ? leverage[i] : double.NaN;
                m[i] = open && double.IsFinite(ratio[i]) ? Math.Min(ratio[i], 1.0) : double.NaN;
                if (open)
                {
                    highest = Math.Max(highest, leverage[i]);
                    lowest = Math.Min(lowest, leverage[i]);
                }
            }

            // A liquidation happens inside its bar, where the position is closed by the bar's end: the bar's worst
            // ratio is 100 % by definition, so the line is carried up to it at the liquidation's time.
            var times = ChartStyle.TimeCoordinates(curve.TimeMs.Span[..active]);
            foreach (var liquidation in folder.LiquidationsOf(run.RunIndex))
            {
                int at = curve.TimeMs.Span[..active].BinarySearch(liquidation.TimeMs);
                int index = at >= 0 ? at : ~at;
                if (index < m.Length)
                {
                    m[index] = 1.0;
                }

                liquidationX.Add(ChartStyle.TimeCoordinate(liquidation.TimeMs));
            }

            string label = ReportContext.Invariant($"{context.Label(run)}{ReportContext.CappedNote(run)}  mean {run.Metric("averageEffectiveLeverage"):0.#}×");
            context.AddRunLine(top, k, times, ChartStyle.Log10(y), label, 1.8f);
            context.AddRunLine(bottom, k, times, m, null, 1.8f);
        }

        if (highest > 0)
        {
            // Runs liquidated near the end spike to huge leverage; cap the view at 4× the highest tested leverage.
            double tested = context.LineRuns.Max(r => double.IsFinite(r.Leverage) ? r.Leverage : 0);
            double ceiling = highest * 1.15;
            if (tested > 0 && highest > tested * 4)
            {
                ceiling = tested * 4;
                topTitle += $" · axis cut at {ReportContext.LeverageText(tested * 4)}, higher spikes run off the top";
            }

            double floor = Math.Min(lowest / 1.15, ceiling / 2);
            ChartStyle.UseLogAxis(top.Axes.Left, floor, ceiling, v => ChartStyle.FormatNumber(v) + "×");
        }

        top.Title(topTitle, ChartStyle.TitleSize);
        // Gray and dotted: a vermillion dashed line read as one of the runs (vermillion is the second series colour).
        var limit = bottom.Add.HorizontalLine(1.0, 1.5f, ChartColors.DarkGray, LinePattern.Dotted);
        limit.LegendText = "Liquidation (100 %)";
        if (liquidationX.Count > 0)
        {
            ChartStyle.AddMarkers(bottom, liquidationX.ToArray(), liquidationX.Select(_ => 1.0).ToArray(), MarkerShape.Eks, 14, context.LiquidationColor, "Liquidation");
        }

        bottom.Axes.Left.Range.Set(0, 1.08);
        // Beside the panel, as the top one's: inside the upper right it covered the ✕ of runs liquidated near the end.
        bottom.ShowLegend(Edge.Right);
        top.ShowLegend(Edge.Right);
        caption = $"Effective leverage at every bar close while a position is open, and the bar's worst margin ratio (at the mark price's adverse extreme: the low for a long, the high for a short), for {context.LineRunsDescription}. A fixed-quantity position's leverage rises as the price falls and falls as it rises; a margin ratio reaching 100 % is a liquidation (✕).";
        return figure;
    }

    /// <summary>
    /// The worst margin ratio of each bar, at the adverse extreme of the price liquidations are tested on (the
    /// bar's low for a long, its high for a short). With MB the margin balance and MM the maintenance margin at
    /// the close price P_c (ratio r = MM/MB), MB falls linearly in the price and reaches MM at the liquidation
    /// price LP, so at a price P a fraction f = (P_c − P)/(P_c − LP) of the way to LP, MB = MB_c·(1 − (1 − r)·f)
    /// and the ratio is r / (1 − (1 − r)·f) — 100 % at LP. MM's own small change with the price (the maintenance
    /// rate times the move, under 1 % of MM for a 2 % move at Binance's rates) is left out. Bars without prices
    /// or a liquidation price keep the close's ratio.
    /// </summary>
    internal static double[] WorstMarginRatio(RunEquityCurve curve, int active, PriceHistory? prices)
    {
        var result = curve.MarginRatio.Span[..active].ToArray();
        if (prices is null || prices.TimeMs.Length == 0)
        {
            return result;
        }

        var times = curve.TimeMs.Span;
        var levels = curve.LiquidationPrice.Span;
        var closes = prices.MarkClose ?? prices.Close;
        int at = Array.BinarySearch(prices.TimeMs, times.Length > 0 ? times[0] : 0);
        int j = at >= 0 ? at : ~at;
        for (int i = 0; i < active; i++)
        {
            while (j < prices.TimeMs.Length && prices.TimeMs[j] < times[i])
            {
                j++;
            }

            double r = result[i], lp = levels[i];
            if (j >= prices.TimeMs.Length || prices.TimeMs[j] != times[i] || !double.IsFinite(r) || !(lp > 0) || r >= 1)
            {
                continue;
            }

            double close = closes[j];
            bool isLong = lp < close;
            double extreme = isLong ? prices.LiquidationLow[j] : prices.LiquidationHigh[j];
            double fraction = (close - extreme) / (close - lp);
            if (fraction > 0)
            {
                double left = 1 - ((1 - r) * Math.Min(fraction, 1));
                result[i] = left <= r ? 1.0 : Math.Min(1.0, r / left);
            }
        }

        return result;
    }
}
