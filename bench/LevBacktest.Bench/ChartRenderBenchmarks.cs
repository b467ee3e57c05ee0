using BenchmarkDotNet.Attributes;

using LevBacktest.Reporting.Cairo;
using LevBacktest.Reporting.Charts;

namespace LevBacktest.Bench;

/// <summary>
/// Drawing a 1,000,000-point time series (one-minute bars, ~1.9 years) into a 1600 × 900 figure and
/// writing the PNG. Goal: under 200 ms per figure. The series is built once; each iteration builds the
/// figure (which copies the arrays, as callers would) and saves it.
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
    public void MillionPointLineToPng()
    {
        var figure = new Figure(1600, 900) { Title = "Equity, one-minute bars", Subtitle = "1,000,000 points" };
        var plot = figure.Plot;
        plot.YAxis.Scale = AxisScale.Log;
        plot.YAxis.Label = "Equity";
        plot.YAxis.Unit = "USDT";
        plot.AddLine(_timeMs, _equity, "3× isolated");
        figure.Save(Path.Combine(_directory, "equity.png"));
    }

    /// <summary>The same figure drawn into an in-memory image without PNG encoding, to separate the two costs.</summary>
    [Benchmark(Description = "1M-point line, log y, 1600x900 raster only")]
    public void MillionPointLineRasterOnly()
    {
        var figure = new Figure(1600, 900) { Title = "Equity, one-minute bars", Subtitle = "1,000,000 points" };
        var plot = figure.Plot;
        plot.YAxis.Scale = AxisScale.Log;
        plot.YAxis.Label = "Equity";
        plot.YAxis.Unit = "USDT";
        plot.AddLine(_timeMs, _equity, "3× isolated");
        using var surface = CairoSurface.CreateImage(1600, 900, opaque: true);
        using var context = new CairoContext(surface);
        figure.Render(new Painter(context, figure.Dpi));
    }

    [Benchmark(Description = "1M-point line, 1600x900 SVG")]
    public void MillionPointLineToSvg()
    {
        var figure = new Figure(1600, 900) { Title = "Equity, one-minute bars" };
        figure.Plot.AddLine(_timeMs, _equity, "3× isolated");
        figure.Save(Path.Combine(_directory, "equity.svg"));
    }
}
