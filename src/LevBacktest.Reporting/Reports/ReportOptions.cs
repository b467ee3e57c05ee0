using LevBacktest.Reporting.Plotting;

namespace LevBacktest.Reporting.Reports;

/// <summary>What <see cref="ReportWriter"/> draws and how.</summary>
public sealed record ReportOptions
{
    /// <summary>Image format of the charts; PNG by default (report.html embeds PNG and SVG, links PDF).</summary>
    public ChartFormat Format { get; init; } = ChartFormat.Png;

    /// <summary>
    /// The run shown in the price panel (liquidations.png) and first in effective-leverage.png; null picks the
    /// lowest-leverage run that was liquidated, else the highest-leverage run.
    /// </summary>
    public int? RunIndex { get; init; }

    /// <summary>Metric of the heatmap (a name from summary.json's <c>metricNames</c>); null = <c>totalReturn</c>.</summary>
    public string? HeatmapMetric { get; init; }

    /// <summary>Chart width in pixels (default 1600).</summary>
    public int Width { get; init; } = 1600;

    /// <summary>Chart height in pixels (default 900).</summary>
    public int Height { get; init; } = 900;

    /// <summary>Most runs drawn as lines in one chart (default 8); more runs are thinned to a spread subset.</summary>
    public int MaxLines { get; init; } = 8;
}
