namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A filled region between a series and a constant baseline (e.g. underwater drawdown down from 0), or
/// between two series on the same x (e.g. the gap between simulated and naive equity). Points with a
/// NaN value are left out (the outline joins their neighbours). Long ascending series are reduced per
/// pixel column like <see cref="LineSeries"/>.
/// </summary>
public sealed class AreaSeries : PlotItem
{
    private readonly double[] _x;
    private readonly double[] _upper;
    private readonly double[]? _lower;

    internal AreaSeries(double[] x, double[] upper, double[]? lower, double baseline, string? label, Color fill, YAxisSide side)
        : base(label, side)
    {
        _x = x;
        _upper = upper;
        _lower = lower;
        Baseline = baseline;
        Fill = fill;
        IsAscending = CheckAscending(x);
    }

    /// <summary>Number of points.</summary>
    public int Count => _x.Length;

    /// <summary>The constant the area is filled to when there is no second series.</summary>
    public double Baseline { get; }

    /// <summary>Fill colour (usually translucent).</summary>
    public Color Fill { get; }

    /// <summary>True when x never decreases, which enables per-pixel decimation.</summary>
    public bool IsAscending { get; }

    internal override int Layer => 1;

    internal override void AccumulateX(ref Extent x, bool positiveOnly)
    {
        foreach (double v in _x)
        {
            x.Include(v, positiveOnly);
        }
    }

    internal override void AccumulateY(ref Extent y, double xMin, double xMax, bool positiveOnly)
    {
        y.IncludeWindow(_x, _upper, IsAscending, xMin, xMax, positiveOnly);
        if (_lower is null)
        {
            y.Include(Baseline, positiveOnly);
        }
        else
        {
            y.IncludeWindow(_x, _lower, IsAscending, xMin, xMax, positiveOnly);
        }
    }

    internal override void Draw(PlotCanvas canvas)
    {
        var yTransform = canvas.YFor(Side);
        int[] upper = PointsToDraw(canvas, _upper, yTransform.IsLog);
        if (upper.Length == 0)
        {
            return;
        }
        var context = canvas.Painter.Context;
        context.NewPath();
        bool started = false;
        double firstX = 0, lastX = 0;
        foreach (int i in upper)
        {
            double px = LineSeries.ClampPixel(canvas.X.ToPixel(_x[i])), py = LineSeries.ClampPixel(yTransform.ToPixel(_upper[i]));
            if (!started)
            {
                context.MoveTo(px, py);
                firstX = px;
                started = true;
            }
            else
            {
                context.LineTo(px, py);
                canvas.Occupancy.MarkPoint(px, py);
            }
            lastX = px;
        }
        if (_lower is null)
        {
            double baseY = yTransform.ToPixel(Baseline);
            if (double.IsNaN(baseY))
            {
                baseY = canvas.Area.Bottom;
            }
            baseY = LineSeries.ClampPixel(baseY);
            context.LineTo(lastX, baseY);
            context.LineTo(firstX, baseY);
        }
        else
        {
            int[] lower = PointsToDraw(canvas, _lower, yTransform.IsLog);
            for (int k = lower.Length - 1; k >= 0; k--)
            {
                int i = lower[k];
                context.LineTo(LineSeries.ClampPixel(canvas.X.ToPixel(_x[i])), LineSeries.ClampPixel(yTransform.ToPixel(_lower[i])));
            }
        }
        context.ClosePath();
        canvas.Painter.SetColor(Fill);
        context.Fill();
    }

    private int[] PointsToDraw(PlotCanvas canvas, double[] values, bool yOnLog)
    {
        var indices = canvas.Scratch;
        indices.Clear();
        if (IsAscending)
        {
            MinMaxDecimator.Decimate(_x, values, canvas.X, yOnLog, indices);
            indices.RemoveAll(i => i == MinMaxDecimator.Break);
        }
        else
        {
            for (int i = 0; i < _x.Length; i++)
            {
                if (!double.IsNaN(values[i]) && (!yOnLog || values[i] > 0))
                {
                    indices.Add(i);
                }
            }
        }
        return indices.ToArray();
    }

    internal override void DrawLegendSwatch(PlotCanvas canvas, double x, double y, double width, double height)
    {
        canvas.Painter.FillRect(new Rect(x, y + (height * 0.15), width, height * 0.7), Fill);
    }
}
