using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// leverage-decay.png. Left: final equity multiple against leverage — simulated, the naive L× underlying
/// (1 + L·u) and the analytic prediction exp(L·ln(1 + u) − (L² − L)/2 · Σ r²) (DESIGN.md "Leverage decay";
/// the drag term is the run's <c>analyticVolatilityDrag</c>). Right: over time for up to four leverages,
/// levered equity against L× the underlying's move, the gap shaded.
/// </summary>
internal static class LeverageDecayChart
{
    public const string Name = "leverage-decay";

    public const string Title = "Leverage decay";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure(1, 2);
        figure.Title = $"{folder.Experiment}: leverage decay";
        var slice = Slice(folder, out string sliceNote);
        string sizing = context.SizingName;
        bool constant = sizing.Contains("constant-leverage", StringComparison.OrdinalIgnoreCase);
        figure.Subtitle = $"{context.DataLine} · sizing {sizing}{(constant ? string.Empty : " (not rebalanced: the analytic drag assumes constant leverage)")}{sliceNote}";
        DrawAcrossLeverage(folder, figure[0, 0], slice);
        DrawOverTime(context, figure[0, 1], slice, constant);
        caption = "Left: final equity / initial capital against leverage for the simulated runs, the naive L× the underlying's return and the analytic volatility-drag prediction exp(L·ln(1+u) − (L²−L)/2·Σr²); ✕ = liquidated (equity 0, drawn at the floor); a run left with less than the floor (0.1 % of the initial capital) is drawn on it. Funding and fees are in the simulation but not in the naive or analytic lines. Right: levered equity (solid) against (P/P₀)^L, L times the underlying's log return compounded without drag (dashed); the shaded gap is the volatility drag plus funding and fees, which the volatilityDrag metric measures. For positions that are not rebalanced the dashed line is 1 + L·(P/P₀ − 1) instead, what a fixed quantity earns.";
        return figure;
    }

    /// <summary>The runs of one slice of the other axes (their first values; their middle values in a downsampled folder), ascending leverage.</summary>
    private static List<ResultsRun> Slice(ResultsFolder folder, out string note)
    {
        var others = folder.Axes.Where(a => !a.IsLeverage && a.Count > 1).ToList();
        var runs = RunSelection.Ordered(folder.Runs).Where(r => double.IsFinite(r.Leverage)).ToList();
        note = string.Empty;
        if (others.Count == 0 || runs.Count == 0)
        {
            return runs;
        }

        // A downsampled folder keeps full curves of the grid's middle slice (ChartRunPlan): draw that one.
        var first = folder.EquityStorage.Kind == Core.Experiments.Results.EquityStorageKind.Downsampled
            ? runs.FirstOrDefault(r => others.All(a => r.Parameters.GetValueOrDefault(a.Name) == a.Labels[a.Count / 2])) ?? runs[0]
            : runs[0];
        var slice = runs.Where(r => others.All(a => r.Parameters.GetValueOrDefault(a.Name) == first.Parameters.GetValueOrDefault(a.Name))).ToList();
        note = " · " + string.Join(", ", others.Select(a => $"{ResultsFolder.ShortAxisName(a.Name)} = {first.Parameters.GetValueOrDefault(a.Name)}"));
        return slice;
    }

    private static void DrawAcrossLeverage(ResultsFolder folder, Plot plot, List<ResultsRun> runs)
    {
        plot.Title("Final equity multiple against leverage", ChartStyle.TitleSize);
        plot.XLabel("Leverage (×)");
        plot.YLabel("Final equity / initial capital (×, log scale)");
        int n = runs.Count;
        var leverage = new double[n];
        var simulated = new double[n];
        var naive = new double[n];
        var analytic = new double[n];
        double floor = double.PositiveInfinity, top = 0;
        for (int i = 0; i < n; i++)
        {
            var run = runs[i];
            double l = run.Leverage, u = run.Metric("underlyingReturn"), drag = run.Metric("analyticVolatilityDrag");
            leverage[i] = l;
            simulated[i] = 1 + run.Metric("totalReturn");
            naive[i] = 1 + (l * u);
            analytic[i] = Math.Exp((l * Math.Log(1 + u)) - drag);
            foreach (double v in new[] { simulated[i], naive[i], analytic[i] })
            {
                if (v > 0 && double.IsFinite(v))
                {
                    floor = Math.Min(floor, v);
                    top = Math.Max(top, v);
                }
            }
        }

        bool logX = n > 1 && leverage[0] > 0 && leverage[^1] / leverage[0] >= 10;

        // Floor at 0.1 % of the initial capital: below that every outcome reads "wiped out", and an analytic
        // prediction of 1e-30 would otherwise flatten the rest of the chart.
        double lowest = Math.Max(double.IsFinite(floor) ? floor * 0.7 : 1e-3, 1e-3);
        var liquidatedLeverage = new List<double>();
        double analyticLeaves = double.NaN;
        for (int i = 0; i < n; i++)
        {
            naive[i] = naive[i] > 0 ? naive[i] : double.NaN;
            if (!(analytic[i] >= lowest) && double.IsNaN(analyticLeaves) && i > 0 && analytic[i - 1] >= lowest)
            {
                analyticLeaves = leverage[i];
            }

            analytic[i] = analytic[i] >= lowest ? analytic[i] : double.NaN;
            if (!(simulated[i] > 0))
            {
                simulated[i] = double.NaN;
                liquidatedLeverage.Add(leverage[i]);
            }
            else if (simulated[i] < lowest)
            {
                // Left with less than the floor but not wiped out: on the floor, like the ✕, instead of a line
                // running off the bottom of the chart to a point nobody can see.
                simulated[i] = lowest;
            }
        }

        var x = leverage.Select(l => logX ? Math.Log10(l) : l).ToArray();
        ChartStyle.AddLine(plot, x, ChartStyle.Log10(naive), "Naive: 1 + L × underlying return", ChartColors.ReferenceGray, 2, LinePattern.Dashed);
        ChartStyle.AddLine(plot, x, ChartStyle.Log10(analytic), "Analytic: exp(L·ln(1+u) − (L²−L)/2·Σr²)", ChartColors.Orange, 2.2f, LinePattern.DenselyDashed);
        if (double.IsFinite(analyticLeaves))
        {
            // Where the analytic prediction drops below the floor, say so instead of letting the curve just stop.
            ChartStyle.AddMarkers(plot, [logX ? Math.Log10(analyticLeaves) : analyticLeaves], [Math.Log10(lowest) + 0.25], MarkerShape.FilledTriangleDown, 13, ChartColors.Orange,
                $"Analytic below {LogFloor.FormatAmount(lowest)}× from {ReportContext.LeverageText(analyticLeaves)} on");
        }

        ChartStyle.AddLine(plot, x, ChartStyle.Log10(simulated), "Simulated", ChartColors.Blue, 2.5f);
        ChartStyle.AddMarkers(plot, x, ChartStyle.Log10(simulated), MarkerShape.FilledCircle, 8, ChartColors.Blue);
        if (liquidatedLeverage.Count > 0)
        {
            ChartStyle.AddMarkers(plot, liquidatedLeverage.Select(l => logX ? Math.Log10(l) : l).ToArray(), liquidatedLeverage.Select(_ => Math.Log10(lowest)).ToArray(), MarkerShape.Eks, 14, ChartColors.Vermillion, "Simulated: liquidated (equity 0)");
        }

        var breakEven = plot.Add.HorizontalLine(0, 1, ChartColors.ReferenceGray, LinePattern.Dotted);
        breakEven.LegendText = "Break-even";

        // The liquidated ✕ sit on the floor and at the ends of the leverage grid: leave room around them so
        // they are drawn whole instead of half cut off by the axes (a fifth of a decade below, 3 % at the sides).
        double high = double.IsFinite(top) && top > 0 ? Math.Max(top, 1) : 10;
        ChartStyle.UseLogAxis(plot.Axes.Left, lowest / Math.Pow(10, 0.2), high * Math.Pow(10, 0.15));
        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = new LogTickGenerator(v => ChartStyle.FormatNumber(v) + "×");
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => ChartStyle.FormatNumber(v) + "×" };
        }

        if (n > 1 && x[^1] > x[0])
        {
            double pad = (x[^1] - x[0]) * 0.03;
            plot.Axes.Bottom.Range.Set(x[0] - pad, x[^1] + pad);
        }

        plot.ShowLegend(Edge.Bottom);
        _ = folder;
    }

    private static void DrawOverTime(ReportContext context, Plot plot, List<ResultsRun> runs, bool constantLeverage)
    {
        var folder = context.Folder;
        string title = constantLeverage
            ? "Levered equity against L× the underlying's log return, over time"
            : "Levered equity against L× the underlying's price move, over time";
        plot.XLabel("Time (UTC)");
        plot.YLabel("Equity / initial capital (×, log scale)");
        ChartStyle.UseTimeAxis(plot.Axes.Bottom);
        var prices = context.Prices;
        if (prices is null || prices.Close.Length == 0)
        {
            plot.Title(title + " (price files unavailable)", ChartStyle.TitleSize);
            return;
        }

        plot.Title(title, ChartStyle.TitleSize);
        double highest = 1;

        // In a downsampled folder, the runs it keeps at every bar (the planned chart runs) when the slice has any.
        var storage = context.Folder.EquityStorage;
        var full = runs.Where(r => storage.KeepsFullCurve(r.RunIndex)).ToList();
        var chosen = ChooseOverTime(full.Count > 0 ? full : runs);
        double initial = folder.InitialCapital;
        double lowest = double.PositiveInfinity;
        for (int k = 0; k < chosen.Count; k++)
        {
            var run = chosen[k];
            var curve = folder.EquityOf(run.RunIndex);
            if (curve.Count == 0)
            {
                continue;
            }

            var times = curve.TimeMs.Span;
            var equity = curve.Equity.Span;
            double l = run.Leverage;
            double reference = PriceAt(prices, times[0]);
            var levered = new double[times.Length];
            var naive = new double[times.Length];
            bool levered0 = false, naive0 = false;
            for (int i = 0; i < times.Length; i++)
            {
                // Once either is wiped out it stays out: a position at zero does not come back when the price does.
                levered0 |= !(equity[i] / initial > 1e-3);
                levered[i] = levered0 ? double.NaN : equity[i] / initial;
                // L times the underlying's log return, compounded without drag: (P/P₀)^L. The gap to the
                // levered equity is the volatility drag (plus funding and fees) in log terms.
                // A fixed quantity instead earns 1 + L·(P/P₀ − 1), and stays at zero once it gets there.
                double ratio = PriceAt(prices, times[i]) / reference;
                double multiple = constantLeverage ? Math.Exp(l * Math.Log(ratio)) : 1 + (l * (ratio - 1));
                naive0 |= !(multiple > 1e-3);
                naive[i] = naive0 ? double.NaN : multiple;
                foreach (double v in new[] { levered[i], naive[i] })
                {
                    if (v > 0)
                    {
                        lowest = Math.Min(lowest, v);
                        highest = Math.Max(highest, v);
                    }
                }
            }

            var color = ColorFor(k, chosen.Count);
            var lower = new double[times.Length];
            var upper = new double[times.Length];
            for (int i = 0; i < times.Length; i++)
            {
                bool both = double.IsFinite(levered[i]) && double.IsFinite(naive[i]);
                lower[i] = both ? Math.Min(levered[i], naive[i]) : double.NaN;
                upper[i] = both ? Math.Max(levered[i], naive[i]) : double.NaN;
            }

            // The slice fixes every other axis (the subtitle names it), so the leverage is what tells the lines apart;
            // shortening the whole run label as if it were an axis name kept only its last dotted part ("threshold 0.05").
            string label = ReportContext.LeverageText(run.Leverage);
            // The gap is shaded clearly, and the no-drag line is a darker shade of the run's colour, dashed and
            // thinner, so the two stay apart where they overlap.
            var x = ChartStyle.TimeCoordinates(times);
            ChartStyle.AddBand(plot, x, ChartStyle.Log10(lower), ChartStyle.Log10(upper), color.WithAlpha(0.3));
            ChartStyle.AddLine(plot, x, ChartStyle.Log10(naive), constantLeverage ? $"{label} (P/P₀)^L, no drag" : $"{label} naive: 1 + L·(P/P₀ − 1)", color.Darken(0.45), 1.5f, LinePattern.Dashed);
            ChartStyle.AddLine(plot, x, ChartStyle.Log10(levered), $"{label} simulated", color, 2.4f);
        }

        plot.Add.HorizontalLine(0, 1, ChartColors.ReferenceGray, LinePattern.Dotted);
        if (double.IsFinite(lowest) && lowest < highest)
        {
            ChartStyle.UseLogAxis(plot.Axes.Left, lowest / Math.Pow(10, 0.05), highest * Math.Pow(10, 0.05));
        }

        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>
    /// Up to four leverages: up to three that were never liquidated (above 1×, spread over the slice), then the
    /// lowest liquidated one, where the decay turns into a wipe-out.
    /// </summary>
    private static List<ResultsRun> ChooseOverTime(List<ResultsRun> runs)
    {
        var alive = runs.Where(r => r.LiquidationCount == 0 && r.Leverage > 1).ToList();
        if (alive.Count == 0)
        {
            alive = runs.Where(r => r.LiquidationCount == 0).ToList();
        }

        var chosen = new List<ResultsRun>();
        if (alive.Count == 0)
        {
            // Everything was liquidated: the three that lasted longest are the ones a reader can see.
            return runs.OrderByDescending(r => double.IsFinite(r.Metric("timeToFirstLiquidationDays")) ? r.Metric("timeToFirstLiquidationDays") : 0)
                .Take(3).OrderBy(r => r.Leverage).ToList();
        }

        int take = Math.Min(3, alive.Count);
        var indices = new SortedSet<int>();
        for (int k = 0; k < take; k++)
        {
            indices.Add(take == 1 ? alive.Count - 1 : (int)Math.Round(k * (alive.Count - 1) / (double)(take - 1)));
        }

        chosen.AddRange(indices.Select(i => alive[i]));
        var firstLiquidated = runs.FirstOrDefault(r => r.LiquidationCount > 0);
        if (firstLiquidated is not null)
        {
            chosen.Add(firstLiquidated);
        }

        if (chosen.Count == 0)
        {
            chosen.AddRange(runs.Take(4));
        }

        return chosen;
    }

    private static Color ColorFor(int index, int count) => count <= 1 ? ChartColors.Blue : new[] { ChartColors.Blue, ChartColors.Vermillion, ChartColors.BluishGreen, ChartColors.ReddishPurple }[index % 4];

    /// <summary>The last-price close of the bar that opened at <paramref name="timeMs"/> (or the last before it).</summary>
    private static double PriceAt(PriceHistory prices, long timeMs)
    {
        int at = Array.BinarySearch(prices.TimeMs, timeMs);
        int index = at >= 0 ? at : Math.Max(0, ~at - 1);
        return prices.Close[index];
    }
}
