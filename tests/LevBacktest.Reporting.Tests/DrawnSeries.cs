using LevBacktest.Reporting.Plotting;

using ScottPlot;
using ScottPlot.Plottables;

namespace LevBacktest.Reporting.Tests;

/// <summary>A line as a chart drew it: its legend and its points, NaN where ChartStyle.AddLine broke it.</summary>
internal sealed record DrawnSeries(string Label, List<double> X, List<double> Y)
{
    /// <summary>
    /// The lines of <paramref name="plot"/> in drawing order: a stretch with legend text starts a series, the
    /// unlabelled stretches after it continue it (after a NaN gap).
    /// </summary>
    public static List<DrawnSeries> Of(Plot plot)
    {
        var series = new List<DrawnSeries>();
        foreach (var line in plot.GetPlottables<SignalXY>())
        {
            if (line.Data is not LineData data)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(line.LegendText) || series.Count == 0)
            {
                series.Add(new DrawnSeries(line.LegendText ?? string.Empty, [], []));
            }
            else
            {
                series[^1].X.Add(double.NaN);
                series[^1].Y.Add(double.NaN);
            }

            series[^1].X.AddRange(data.X);
            series[^1].Y.AddRange(data.Y);
        }

        return series;
    }

    /// <summary>The points of every marker plottable of <paramref name="plot"/> with its legend text.</summary>
    public static List<(string Label, IReadOnlyList<Coordinates> Points, float Size)> Markers(Plot plot) =>
        plot.GetPlottables<Markers>().Select(m => (m.LegendText ?? string.Empty, m.Data.GetScatterPoints(), m.MarkerSize)).ToList();
}
