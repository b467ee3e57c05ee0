using ScottPlot.DataSources;

namespace LevBacktest.Reporting.Plotting;

/// <summary>The points of one unbroken stretch of a line (ScottPlot's SignalXY source), kept readable for tests and callers.</summary>
public sealed class LineData : SignalXYSourceDoubleArray
{
    /// <summary>Wraps the arrays (not copied): x ascending, same length as y, every value finite.</summary>
    public LineData(double[] x, double[] y)
        : base(x, y)
    {
        X = x;
        Y = y;
    }

    /// <summary>x coordinates (for time axes, <see cref="ChartStyle.TimeCoordinate(long)"/>).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>y coordinates (for log axes, log10 of the values).</summary>
    public IReadOnlyList<double> Y { get; }
}
