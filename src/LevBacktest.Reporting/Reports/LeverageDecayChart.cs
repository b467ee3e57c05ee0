using LevBacktest.Reporting.Charts;

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

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure(1, 2);
        figure.ShareX = false;
        figure.Title = $"{folder.Experiment}: leverage decay";
        var slice = Slice(folder, out string sliceNote);
        string sizing = context.SizingName;
        bool constant = sizing.Contains("constant-leverage", StringComparison.OrdinalIgnoreCase);
        figure.Subtitle = $"{context.DataLine} · sizing {sizing}{(constant ? string.Empty : " (not rebalanced: the analytic drag assumes constant leverage)")}{sliceNote}";
        DrawAcrossLeverage(folder, figure[0, 0], slice);
        DrawOverTime(context, figure[0, 1], slice);
        caption = "Left: final equity / initial capital against leverage for the simulated runs, the naive L× the underlying's return and the analytic volatility-drag prediction exp(L·ln(1+u) − (L²−L)/2·Σr²); ✕ = liquidated (equity 0, drawn at the floor). Right: levered equity (solid) against 1 + L× the underlying's move (dashed) over time, the gap (the decay) shaded.";
        return figure;
    }

    /// <summary>The runs of one slice of the other axes (their first values), ascending leverage.</summary>
    private static List<ResultsRun> Slice(ResultsFolder folder, out string note)
    {
        var others = folder.Axes.Where(a => !a.IsLeverage && a.Count > 1).ToList();
        var runs = RunSelection.Ordered(folder.Runs).Where(r => double.IsFinite(r.Leverage)).ToList();
        note = string.Empty;
        if (others.Count == 0 || runs.Count == 0)
        {
            return runs;
        }

        var first = runs[0];
        var slice = runs.Where(r => others.All(a => r.Parameters.GetValueOrDefault(a.Name) == first.Parameters.GetValueOrDefault(a.Name))).ToList();
        note = " · " + string.Join(", ", others.Select(a => $"{ResultsFolder.ShortAxisName(a.Name)} = {first.Parameters.GetValueOrDefault(a.Name)}"));
        return slice;
    }

    private static void DrawAcrossLeverage(ResultsFolder folder, Plot plot, List<ResultsRun> runs)
    {
        plot.Title = "Final equity multiple against leverage";
        plot.XAxis.Label = "Leverage";
        plot.XAxis.Unit = "×";
        plot.YAxis.Label = "Final equity / initial capital";
        plot.YAxis.Unit = "×, log";
        plot.YAxis.Scale = AxisScale.Log;
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

        if (n > 1 && leverage[0] > 0 && leverage[^1] / leverage[0] >= 10)
        {
            plot.XAxis.Scale = AxisScale.Log;
        }

        // Keep the axis within nine decades: a 1e-30 analytic value would flatten everything else.
        double lowest = Math.Max(double.IsFinite(floor) ? floor : 1e-3, top / 1e9);
        lowest = Math.Max(lowest * 0.7, 1e-12);
        var liquidatedLeverage = new List<double>();
        for (int i = 0; i < n; i++)
        {
            naive[i] = naive[i] > 0 ? naive[i] : double.NaN;
            analytic[i] = analytic[i] >= lowest ? analytic[i] : double.NaN;
            if (!(simulated[i] > 0))
            {
                simulated[i] = double.NaN;
                liquidatedLeverage.Add(leverage[i]);
            }
        }

        plot.AddLine(leverage, naive, "Naive: 1 + L × underlying return", new LineStyle(Color.Gray, 2, LineDash.Dashed));
        plot.AddLine(leverage, analytic, "Analytic: exp(L·ln(1+u) − (L²−L)/2·Σr²)", new LineStyle(Palette.Orange, 2.2, LineDash.DashDot));
        plot.AddLine(leverage, simulated, "Simulated", new LineStyle(Palette.Blue, 2.5));
        plot.AddMarkers(leverage, simulated, new MarkerStyle(MarkerShape.Circle, Palette.Blue, 8));
        if (liquidatedLeverage.Count > 0)
        {
            plot.AddMarkers(liquidatedLeverage.ToArray(), liquidatedLeverage.Select(_ => lowest).ToArray(), new MarkerStyle(MarkerShape.Cross, Palette.Vermillion, 14), "Simulated: liquidated (equity 0)");
        }

        plot.AddHorizontalLine(1, "Break-even", new LineStyle(Color.Gray, 1, LineDash.Dotted));
        plot.YAxis.Minimum = lowest;
        plot.Legend = LegendPosition.BottomLeft;
        _ = folder;
    }

    private static void DrawOverTime(ReportContext context, Plot plot, List<ResultsRun> runs)
    {
        var folder = context.Folder;
        plot.Title = "Levered equity against L× the underlying over time";
        plot.XAxis.Label = "Time";
        plot.XAxis.Unit = "UTC";
        plot.YAxis.Label = "Equity / initial capital";
        plot.YAxis.Unit = "×, log";
        plot.YAxis.Scale = AxisScale.Log;
        var prices = context.Prices;
        if (prices is null || prices.Close.Length == 0)
        {
            plot.Title += " (price files unavailable)";
            return;
        }

        var chosen = ChooseOverTime(runs);
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
            for (int i = 0; i < times.Length; i++)
            {
                levered[i] = equity[i] / initial > 1e-3 ? equity[i] / initial : double.NaN;
                double multiple = 1 + (l * ((PriceAt(prices, times[i]) / reference) - 1));
                naive[i] = multiple > 1e-3 ? multiple : double.NaN;
                if (levered[i] > 0)
                {
                    lowest = Math.Min(lowest, levered[i]);
                }

                if (naive[i] > 0)
                {
                    lowest = Math.Min(lowest, naive[i]);
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

            string label = ResultsFolder.ShortAxisName(folder.LabelOf(run));
            plot.AddAreaBetween(times, lower, upper, null, color.WithAlpha(0.18));
            plot.AddLine(times, naive, $"{label} naive (L× underlying)", new LineStyle(color, 1.6, LineDash.Dashed));
            plot.AddLine(times, levered, $"{label} simulated", new LineStyle(color, 2.2));
        }

        plot.AddHorizontalLine(1, null, new LineStyle(Color.Gray, 1, LineDash.Dotted));
        plot.Legend = LegendPosition.TopLeft;
    }

    /// <summary>Up to four leverages spread over the slice, preferring runs that were never liquidated.</summary>
    private static List<ResultsRun> ChooseOverTime(List<ResultsRun> runs)
    {
        var alive = runs.Where(r => r.LiquidationCount == 0 && r.Leverage > 1).ToList();
        var pool = alive.Count > 0 ? alive : runs;
        if (pool.Count <= 4)
        {
            return pool;
        }

        var chosen = new SortedSet<int>();
        for (int k = 0; k < 4; k++)
        {
            chosen.Add((int)Math.Round(k * (pool.Count - 1) / 3.0));
        }

        return chosen.Select(i => pool[i]).ToList();
    }

    private static Color ColorFor(int index, int count) => count <= 1 ? Palette.Blue : new[] { Palette.Blue, Palette.Vermillion, Palette.BluishGreen, Palette.ReddishPurple }[index % 4];

    /// <summary>The last-price close of the bar that opened at <paramref name="timeMs"/> (or the last before it).</summary>
    private static double PriceAt(PriceHistory prices, long timeMs)
    {
        int at = Array.BinarySearch(prices.TimeMs, timeMs);
        int index = at >= 0 ? at : Math.Max(0, ~at - 1);
        return prices.Close[index];
    }
}
