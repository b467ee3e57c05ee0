using System.Globalization;

using LevBacktest.Reporting.Plotting;

using ScottPlot;
using ScottPlot.TickGenerators;

namespace LevBacktest.Reporting.Reports;

/// <summary>heatmap.png: one metric over two sweep axes (only for sweeps with at least two varying axes).</summary>
internal static class HeatmapChart
{
    public const string Name = "heatmap";

    public const string Title = "Heatmap";

    /// <summary>Metrics shown in percent; the rest as plain numbers.</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        "totalReturn", "cagr", "annualizedVolatility", "maxDrawdown", "exposure", "underlyingReturn", "leverageDecay", "volatilityDrag", "analyticVolatilityDrag",
    };

    /// <summary>Metrics where more is better and zero is neutral: a diverging red–blue scale centred on 0.</summary>
    private static readonly HashSet<string> Signed = new(StringComparer.Ordinal)
    {
        "totalReturn", "cagr", "sharpe", "sortino", "calmar", "realizedPnl", "finalEquity",
    };

    /// <summary>Whether a sweep with <paramref name="varyingAxisCount"/> axes of more than one value gets a heatmap.</summary>
    public static bool IsDrawn(int varyingAxisCount) => varyingAxisCount >= 2;

    /// <summary>The reason the heatmap is skipped, or null when the sweep has two varying axes.</summary>
    public static string? SkipReason(ResultsFolder folder)
    {
        int varying = folder.Axes.Count(a => a.Count > 1);
        return IsDrawn(varying) ? null : $"the sweep varies {varying} ax{(varying == 1 ? "is" : "es")}; a heatmap needs two.";
    }

    /// <summary>Checks the metric name before anything is drawn.</summary>
    /// <exception cref="ArgumentException">Unknown metric (the message lists the known ones).</exception>
    public static string ResolveMetric(ResultsFolder folder, string? requested)
    {
        string metric = requested ?? "totalReturn";
        if (!folder.Runs[0].Metrics.ContainsKey(metric))
        {
            throw new ArgumentException($"--metric '{metric}' is not a metric of {folder.Directory}; choose one of: {string.Join(", ", folder.Runs[0].Metrics.Keys)}.");
        }

        return metric;
    }

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        string metric = ResolveMetric(folder, context.Options.HeatmapMetric);
        var varying = folder.Axes.Where(a => a.Count > 1).ToList();

        // Leverage down the rows when it is swept: the question is usually "at which leverage does it break".
        var rowAxis = varying.FirstOrDefault(a => a.IsLeverage) ?? varying[0];
        var columnAxis = varying.First(a => a != rowAxis);
        var fixedAxes = varying.Where(a => a != rowAxis && a != columnAxis).ToList();
        var values = new double[rowAxis.Count, columnAxis.Count];
        for (int r = 0; r < rowAxis.Count; r++)
        {
            for (int c = 0; c < columnAxis.Count; c++)
            {
                values[r, c] = double.NaN;
            }
        }

        foreach (var run in folder.Runs)
        {
            if (fixedAxes.Any(a => run.Parameters.GetValueOrDefault(a.Name) != a.Labels[0]))
            {
                continue;
            }

            int r = IndexOf(rowAxis, run.Parameters.GetValueOrDefault(rowAxis.Name));
            int c = IndexOf(columnAxis, run.Parameters.GetValueOrDefault(columnAxis.Name));
            if (r >= 0 && c >= 0)
            {
                values[r, c] = run.Metric(metric);
            }
        }

        var figure = context.NewFigure();
        string fixedNote = fixedAxes.Count == 0 ? string.Empty : " · " + string.Join(", ", fixedAxes.Select(a => $"{ResultsFolder.ShortAxisName(a.Name)} = {a.Labels[0]}"));
        figure.Title = $"{folder.Experiment}: {metric} by {ResultsFolder.ShortAxisName(rowAxis.Name)} and {ResultsFolder.ShortAxisName(columnAxis.Name)}";
        figure.Subtitle = $"{context.DataLine}{fixedNote} · grey = no run · choose the metric with --metric";
        var plot = figure.Plot;
        var rowLabels = rowAxis.Labels.Select(l => rowAxis.IsLeverage ? l + "×" : l).ToList();
        bool percent = Fractions.Contains(metric);
        bool signed = Signed.Contains(metric);
        DrawCells(plot, values, rowLabels, columnAxis.Labels.ToList(), signed, percent, metric);
        plot.YLabel(ResultsFolder.ShortAxisName(rowAxis.Name) + (rowAxis.IsLeverage ? " (×)" : string.Empty));
        plot.XLabel(ResultsFolder.ShortAxisName(columnAxis.Name));
        caption = $"{metric} for every combination of {rowAxis.Name} (rows) and {columnAxis.Name} (columns){fixedNote.Replace(" · ", "; other axes at ", StringComparison.Ordinal)}.";
        return figure;
    }

    /// <summary>
    /// One vector rectangle per cell (row 0 at the top), coloured by value — red–white–blue centred on zero for
    /// signed metrics, viridis otherwise, grey where no run is — with the value written in it, and a colour bar.
    /// </summary>
    private static void DrawCells(Plot plot, double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, bool signed, bool percent, string metric)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }

        if (!double.IsFinite(low))
        {
            (low, high) = (0, 1);
        }

        if (signed)
        {
            double reach = Math.Max(Math.Max(Math.Abs(low), Math.Abs(high)), 1e-12);
            (low, high) = (-reach, reach);
        }
        else if (high <= low)
        {
            high = low + 1;
        }

        IColormap colormap = signed ? new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Balance()) : new ScottPlot.Colormaps.Viridis();
        double largest = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                largest = Math.Max(largest, Math.Abs(v));
            }
        }

        float fontSize = Math.Clamp(900f / Math.Max(rows, columns) / 3.2f, 9, 15);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = values[r, c];
                double top = rows - r, bottom = rows - r - 1;
                var cell = plot.Add.Rectangle(c, c + 1, bottom, top);
                var color = double.IsFinite(v) ? colormap.GetColor((v - low) / (high - low)) : Color.FromHex("#BBBBBB");
                cell.FillColor = color;
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                var text = plot.Add.Text(double.IsFinite(v) ? CellText(v, largest, percent) : "–", c + 0.5, bottom + 0.5);
                ChartStyle.ApplyFont(text.LabelStyle);
                text.LabelFontSize = fontSize;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = color.Luminance > 0.45 ? Colors.Black : Colors.White;
            }
        }

        plot.Axes.Bottom.TickGenerator = new NumericManual(Enumerable.Range(0, columns).Select(c => c + 0.5).ToArray(), columnLabels.ToArray());
        plot.Axes.Left.TickGenerator = new NumericManual(Enumerable.Range(0, rows).Select(r => rows - r - 0.5).ToArray(), rowLabels.ToArray());
        plot.Axes.Bottom.Range.Set(0, columns);
        plot.Axes.Left.Range.Set(0, rows);
        plot.Grid.IsVisible = false;
        var bar = plot.Add.ColorBar(new ColorScale(colormap, low, high), Edge.Right);
        bar.Label = metric + (percent ? " (%)" : string.Empty);
        bar.Axis.TickGenerator = new NumericAutomatic { LabelFormatter = percent ? ChartStyle.FormatPercentTick : ChartStyle.FormatNumber };
        bar.Axis.TickLabelStyle.FontName = ChartFonts.FamilyName;
        bar.Axis.Label.FontName = ChartFonts.FamilyName;
    }

    /// <summary>
    /// A cell's value at the grid's common precision — three significant digits of the largest magnitude — in
    /// percent for fractions; a value that would round to zero but is not zero keeps one significant digit, and a
    /// loss short of −100 % never reads "−100 %".
    /// </summary>
    internal static string CellText(double value, double largest, bool percent)
    {
        double scale = percent ? 100 : 1;
        double shown = value * scale;
        int decimals = largest > 0 ? Math.Clamp(2 - (int)Math.Floor(Math.Log10(largest * scale)), 0, 10) : 0;
        string text = Math.Abs(shown).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
        if (value != 0 && !text.Any(ch => ch is >= '1' and <= '9'))
        {
            int own = Math.Clamp(-(int)Math.Floor(Math.Log10(Math.Abs(shown))), 0, 12);
            text = Math.Abs(shown).ToString("0." + new string('#', own), CultureInfo.InvariantCulture);
        }
        else if (percent && value > -1 && value < 0 && text == "100")
        {
            text = "99.9";
        }

        string sign = value < 0 && text.Any(ch => ch is >= '1' and <= '9') ? "−" : string.Empty;
        return sign + text + (percent ? " %" : string.Empty);
    }

    /// <summary>The colour scale of the cells, for ScottPlot's colour bar.</summary>
    private sealed class ColorScale(IColormap colormap, double low, double high) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;

        public ScottPlot.Range GetRange() => new(low, high);
    }

    private static int IndexOf(ResultsAxis axis, string? value)
    {
        for (int i = 0; i < axis.Count; i++)
        {
            if (axis.Labels[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
