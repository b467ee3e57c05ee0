using System.Globalization;

using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.MonteCarlo;

/// <summary>
/// The charts of a Monte Carlo folder (1600 × 900, house style of <see cref="ChartStyle"/>):
/// <c>montecarlo-liquidation.png</c> — probability of liquidation within the horizon against leverage with its 95 %
/// Wilson band, one line per combination of the other swept parameters; <c>montecarlo-equity.png</c> — fan chart of
/// final-equity quantiles (5–95 %, 25–75 %, median) against leverage; <c>montecarlo-time-to-liquidation.png</c> — share
/// of paths liquidated by each day of the horizon, for up to six leverages (the curve of a leverage ends at its probability).
/// </summary>
public static class MonteCarloCharts
{
    /// <summary>The chart files, in the order written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["montecarlo-liquidation", "montecarlo-equity", "montecarlo-time-to-liquidation"];

    /// <summary>Draws every chart into <paramref name="folder"/> from its summary.json and montecarlo.parquet.</summary>
    /// <param name="folder">A complete Monte Carlo results folder.</param>
    /// <param name="format">PNG (default), SVG or PDF.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(string folder, ChartFormat format = ChartFormat.Png)
    {
        var results = MonteCarloFolder.Read(folder);
        string extension = format switch { ChartFormat.Svg => ".svg", ChartFormat.Pdf => ".pdf", _ => ".png" };
        var files = new List<string>();
        void Save(ChartFigure figure, string name)
        {
            string path = Path.Combine(folder, name + extension);
            figure.Save(path, format);
            files.Add(path);
        }

        Save(LiquidationProbability(results), FileNames[0]);
        Save(EquityFan(results), FileNames[1]);
        Save(TimeToLiquidation(results), FileNames[2]);
        return files;
    }

    private static List<IGrouping<string, MonteCarloRunFigures>> Groups(MonteCarloFolder results)
        => [.. results.Runs.GroupBy(r => r.OtherParameters)];

    private static ChartFigure LiquidationProbability(MonteCarloFolder results)
    {
        var figure = new ChartFigure { Title = $"{results.Experiment}: probability of liquidation within {results.HorizonDays:0.#} days", Subtitle = results.Subtitle + " · band: 95 % Wilson interval" };
        var plot = figure.Plot;
        var groups = Groups(results);
        bool logX = UseLeverageAxis(plot, results);
        for (int g = 0; g < groups.Count; g++)
        {
            var runs = groups[g].OrderBy(r => r.Leverage).ToArray();
            var color = ChartColors.SeriesColor(g);
            double[] x = LeverageCoordinates(runs, logX);
            var band = plot.Add.FillY(x, [.. runs.Select(r => r.Lower)], [.. runs.Select(r => r.Upper)]);
            band.FillColor = color.WithAlpha(0.18);
            band.LineWidth = 0;
            string label = groups.Count == 1 ? "P(liquidation)" : groups[g].Key;
            ChartStyle.AddLine(plot, x, [.. runs.Select(r => r.LiquidationProbability)], label, color, 2, ChartColors.SeriesPattern(g, groups.Count));
            ChartStyle.AddMarkers(plot, x, [.. runs.Select(r => r.LiquidationProbability)], MarkerShape.FilledCircle, 6, color);
        }

        ChartStyle.UsePercentTicks(plot.Axes.Left);
        plot.Axes.Left.Label.Text = "paths liquidated within the horizon";
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return figure;
    }

    private static ChartFigure EquityFan(MonteCarloFolder results)
    {
        var groups = Groups(results);
        var runs = groups[0].OrderBy(r => r.Leverage).ToArray();
        string shown = groups.Count == 1 ? string.Empty : $" · runs with {groups[0].Key} ({groups.Count - 1} other combinations in summary.json)";
        var figure = new ChartFigure { Title = $"{results.Experiment}: final equity after {results.HorizonDays:0.#} days by leverage", Subtitle = results.Subtitle + shown };
        var plot = figure.Plot;
        bool logX = UseLeverageAxis(plot, results);
        double[] x = LeverageCoordinates(runs, logX);

        // A log axis, so the median and the lower quantiles stay readable beside a right tail ten times the capital;
        // a path wiped out (0 USDT) is drawn on a floor line at 1 % of the initial capital, which the legend names.
        double capital = double.IsFinite(results.InitialCapital) && results.InitialCapital > 0 ? results.InitialCapital : 1;
        double floor = capital / 100;
        double[] Quantile(int q) => ChartStyle.Log10([.. runs.Select(r => Math.Max(r.FinalEquityQuantiles[q], floor))]);
        var outer = plot.Add.FillY(x, Quantile(0), Quantile(4));
        outer.FillColor = ChartColors.Blue.WithAlpha(0.15);
        outer.LineWidth = 0;
        outer.LegendText = "5–95 % of paths";
        var inner = plot.Add.FillY(x, Quantile(1), Quantile(3));
        inner.FillColor = ChartColors.Blue.WithAlpha(0.35);
        inner.LineWidth = 0;
        inner.LegendText = "25–75 % of paths";
        ChartStyle.AddLine(plot, x, Quantile(2), "median", ChartColors.Blue, 2.5f);
        ChartStyle.AddLine(plot, x, Quantile(0), "5 % quantile", ChartColors.Vermillion, 1.5f, LinePattern.Dashed);
        var initial = plot.Add.HorizontalLine(Math.Log10(capital), 1.5f, ChartColors.ReferenceGray, LinePattern.Dashed);
        initial.LegendText = string.Create(CultureInfo.InvariantCulture, $"initial capital {capital:#,0} USDT");
        var floorLine = plot.Add.HorizontalLine(Math.Log10(floor), 1, ChartColors.DarkGray, LinePattern.Dotted);
        floorLine.LegendText = string.Create(CultureInfo.InvariantCulture, $"0 (liquidated) and anything below {floor:#,0} USDT drawn here");
        double top = Math.Max(runs.Max(r => r.FinalEquityQuantiles[4]), capital * 2);
        ChartStyle.UseLogAxis(plot.Axes.Left, floor / 1.5, top * 1.5);
        plot.Axes.Left.Label.Text = "final equity (USDT, log scale)";
        plot.ShowLegend(Edge.Right);
        return figure;
    }

    private static ChartFigure TimeToLiquidation(MonteCarloFolder results)
    {
        var groups = Groups(results);
        var liquidated = groups[0].OrderBy(r => r.Leverage).Where(r => r.DaysToLiquidation.Length > 0).ToArray();
        var shown = Spread(liquidated, 6);
        string note = liquidated.Length == 0 ? " · no path was liquidated" : $" · {shown.Count} of {liquidated.Length} leverages with liquidations shown";
        string group = groups.Count == 1 ? string.Empty : $" · runs with {groups[0].Key}";
        var figure = new ChartFigure { Title = $"{results.Experiment}: time to first liquidation", Subtitle = results.Subtitle + group + note };
        var plot = figure.Plot;
        for (int i = 0; i < shown.Count; i++)
        {
            var run = shown[i];
            int n = run.DaysToLiquidation.Length;
            var x = new double[(2 * n) + 2];
            var y = new double[(2 * n) + 2];
            x[0] = 0;
            y[0] = 0;
            for (int k = 0; k < n; k++)
            {
                // A step function: the share of all paths liquidated by day t rises by 1/paths at each liquidation.
                x[(2 * k) + 1] = run.DaysToLiquidation[k];
                y[(2 * k) + 1] = (double)k / results.Paths;
                x[(2 * k) + 2] = run.DaysToLiquidation[k];
                y[(2 * k) + 2] = (double)(k + 1) / results.Paths;
            }

            x[^1] = results.HorizonDays;
            y[^1] = (double)n / results.Paths;
            double median = Median(run.DaysToLiquidation);
            string label = string.Create(CultureInfo.InvariantCulture, $"{run.Leverage:0.##}×: {(double)n / results.Paths:0.0 %} liquidated, median after {median.ToString(median < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)} days");
            ChartStyle.AddLine(plot, x, y, label, ChartColors.SeriesColor(i), 2, ChartColors.SeriesPattern(i, shown.Count));
        }

        ChartStyle.UsePercentTicks(plot.Axes.Left);
        ChartStyle.UseWholeNumberTicks(plot.Axes.Bottom);
        plot.Axes.Left.Label.Text = "paths liquidated by then";
        plot.Axes.Bottom.Label.Text = "days from the start of the path";
        plot.Axes.SetLimits(0, results.HorizonDays, 0, 1.02);
        plot.ShowLegend(Edge.Right);
        return figure;
    }

    /// <summary>Up to <paramref name="count"/> runs spread evenly over the list, always the first and the last.</summary>
    private static List<MonteCarloRunFigures> Spread(MonteCarloRunFigures[] runs, int count)
    {
        if (runs.Length <= count)
        {
            return [.. runs];
        }

        var picked = new List<MonteCarloRunFigures>();
        for (int i = 0; i < count; i++)
        {
            var run = runs[(int)Math.Round(i * (runs.Length - 1) / (double)(count - 1))];
            if (!picked.Contains(run))
            {
                picked.Add(run);
            }
        }

        return picked;
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);

    /// <summary>A leverage axis: log when the grid spans a factor of 20 or more (1×…125×), else linear; labelled "2×".</summary>
    private static bool UseLeverageAxis(Plot plot, MonteCarloFolder results)
    {
        double low = results.Runs.Min(r => r.Leverage);
        double high = results.Runs.Max(r => r.Leverage);
        bool log = high / low >= 20;
        static string Label(double v) => ChartStyle.FormatNumber(v) + "×";
        if (log)
        {
            ChartStyle.UseLogAxis(plot.Axes.Bottom, low / 1.15, high * 1.15, Label);
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
            double pad = Math.Max((high - low) * 0.03, 0.1);
            plot.Axes.SetLimitsX(low - pad, high + pad);
        }

        plot.Axes.Bottom.Label.Text = "leverage";
        return log;
    }

    private static double[] LeverageCoordinates(MonteCarloRunFigures[] runs, bool log)
        => log ? ChartStyle.Log10([.. runs.Select(r => r.Leverage)]) : [.. runs.Select(r => r.Leverage)];
}
