namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Maps data values of one axis to device pixels: linear (and time) or base-10 log. For a y axis
/// <see cref="PixelAtMin"/> is the bottom edge, so pixels grow downwards while values grow upwards.
/// </summary>
internal readonly struct ScaleTransform
{
    public ScaleTransform(double min, double max, double pixelAtMin, double pixelAtMax, bool isLog)
    {
        IsLog = isLog;
        Min = min;
        Max = max;
        PixelAtMin = pixelAtMin;
        PixelAtMax = pixelAtMax;
        _transformedMin = isLog ? Math.Log10(min) : min;
        double transformedMax = isLog ? Math.Log10(max) : max;
        _pixelsPerUnit = (pixelAtMax - pixelAtMin) / (transformedMax - _transformedMin);
    }

    private readonly double _transformedMin;
    private readonly double _pixelsPerUnit;

    public double Min { get; }

    public double Max { get; }

    public double PixelAtMin { get; }

    public double PixelAtMax { get; }

    public bool IsLog { get; }

    /// <summary>The pixel coordinate of <paramref name="value"/>; NaN for non-positive values on a log axis.</summary>
    public double ToPixel(double value)
    {
        double t = IsLog ? (value > 0 ? Math.Log10(value) : double.NaN) : value;
        return PixelAtMin + ((t - _transformedMin) * _pixelsPerUnit);
    }

    /// <summary>The data value at pixel coordinate <paramref name="pixel"/>.</summary>
    public double FromPixel(double pixel)
    {
        double t = _transformedMin + ((pixel - PixelAtMin) / _pixelsPerUnit);
        return IsLog ? Math.Pow(10, t) : t;
    }
}
