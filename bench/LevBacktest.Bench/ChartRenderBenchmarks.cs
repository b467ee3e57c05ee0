using BenchmarkDotNet.Attributes;

using LevBacktest.Reporting.Plotting;

using SkiaSharp;

namespace LevBacktest.Bench;

/// <summary>
/// Drawing a 1,000,000-point time series (one-minute bars, ~1.9 years) into a 1600 × 900 figure and
/// writing the PNG with ScottPlot. Goal (issue 12): at most 300 ms per figure warm. The series is built once; each
/// iteration builds the figure as the equity chart does (time coordinates, log10 values: copies, as callers make) and saves it.
/// </summary>
[MemoryDiagnoser]
public class ChartRenderBenchmarks
{
    private const int PointCount = 1_000_000;
    private long[] _timeMs = [];
    private double[] _equity = [];
    private string _directory = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240101);
        _timeMs = new long[PointCount];
        _equity = new double[PointCount];
        long start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        double equity = 10_000;
        for (int i = 0; i < PointCount; i++)
        {
            _timeMs[i] = start + (i * 60_000L);
            equity *= 1 + ((random.NextDouble() - 0.4995) * 0.004);
            _equity[i] = equity;
        }
        _directory = Path.Combine(Path.GetTempPath(), "levbt-chart-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "1M-point line, log y, 1600x900 PNG")]
    public void MillionPointLineToPng() => MillionPointFigure().Save(Path.Combine(_directory, "equity.png"), ChartFormat.Png);

    /// <summary>The same figure drawn into an in-memory raster without PNG encoding, to separate the two costs.</summary>
    [Benchmark(Description = "1M-point line, log y, 1600x900 raster only")]
    public void MillionPointLineRasterOnly()
    {
        using var surface = SKSurface.Create(new SKImageInfo(1600, 900));
        MillionPointFigure().Render(surface.Canvas);
    }

    [Benchmark(Description = "1M-point line, 1600x900 SVG")]
    public void MillionPointLineToSvg() => MillionPointFigure().Save(Path.Combine(_directory, "equity.svg"), ChartFormat.Svg);

    /// <summary>The figure as the equity chart builds it: time axis, log10 values on a log axis, one legend entry.</summary>
    private ChartFigure MillionPointFigure()
    {
        var figure = new ChartFigure(1600, 900) { Title = "Equity, one-minute bars", Subtitle = "1,000,000 points" };
        var plot = figure.Plot;
        ChartStyle.UseTimeAxis(plot.Axes.Bottom);
        plot.YLabel("Equity (USDT, log scale)");
        var y = ChartStyle.Log10(_equity);
        ChartStyle.AddLine(plot, ChartStyle.TimeCoordinates(_timeMs), y, "3× isolated", ChartColors.Blue);
        ChartStyle.UseLogAxis(plot.Axes.Left, _equity.Min(), _equity.Max());
        plot.ShowLegend(ScottPlot.Edge.Right);
        return figure;
    }
}
