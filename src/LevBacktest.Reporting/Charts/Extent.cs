namespace LevBacktest.Reporting.Charts;

/// <summary>Running minimum and maximum of finite values (empty until the first one).</summary>
internal struct Extent
{
    public Extent()
    {
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    public double Min;
    public double Max;

    public readonly bool IsEmpty => Min > Max;

    public void Include(double value, bool positiveOnly)
    {
        if (!double.IsFinite(value) || (positiveOnly && value <= 0))
        {
            return;
        }
        if (value < Min)
        {
            Min = value;
        }
        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Includes the y values whose x lies in [xMin, xMax] (x ascending lets us binary-search the window).</summary>
    public void IncludeWindow(double[] x, double[] y, bool xAscending, double xMin, double xMax, bool positiveOnly)
    {
        int start = 0, end = x.Length;
        if (xAscending)
        {
            start = LowerBound(x, xMin);
            end = LowerBound(x, Math.BitIncrement(xMax));
        }
        for (int i = start; i < end; i++)
        {
            double xi = x[i];
            if (xi >= xMin && xi <= xMax)
            {
                Include(y[i], positiveOnly);
            }
        }
    }

    /// <summary>First index with x[i] ≥ value in an ascending array.</summary>
    public static int LowerBound(double[] x, double value)
    {
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
