namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Reduces a line series to what one pixel column can show: per column the first, minimum, maximum and
/// last point, in their original order (the M4 aggregation of Jugel et al., "M4: A Visualization-Oriented
/// Time Series Data Aggregation", PVLDB 7(10), 2014). Drawn as a polyline, the result covers exactly the
/// pixels the full series would: the extremes are kept exactly and first/last keep neighbouring columns
/// joined. A million points become at most four per column.
/// </summary>
internal static class MinMaxDecimator
{
    /// <summary>Marks a gap (a NaN y value) in the output index list: the polyline is broken there.</summary>
    public const int Break = -1;

    /// <summary>
    /// Appends to <paramref name="indices"/> the indices of the points to draw, ascending, with
    /// <see cref="Break"/> where y is NaN (or non-positive on a log y axis, which <paramref name="yOnLog"/> flags).
    /// <paramref name="x"/> must be ascending. Only points inside [xMin, xMax] plus one neighbour on either
    /// side (so the line runs to the edge) are considered.
    /// </summary>
    public static void Decimate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ScaleTransform xToPixel, bool yOnLog, List<int> indices)
    {
        int count = x.Length;
        if (count == 0)
        {
            return;
        }
        double lowX = Math.Min(xToPixel.Min, xToPixel.Max), highX = Math.Max(xToPixel.Min, xToPixel.Max);
        int start = Math.Max(0, LowerBound(x, lowX) - 1);
        int end = Math.Min(count, UpperBound(x, highX) + 1);

        long column = long.MinValue;
        int first = -1, last = -1, min = -1, max = -1;
        for (int i = start; i < end; i++)
        {
            double yi = y[i];
            if (double.IsNaN(yi) || (yOnLog && !(yi > 0)))
            {
                Flush(indices, first, min, max, last);
                first = -1;
                column = long.MinValue;
                if (indices.Count > 0 && indices[^1] != Break)
                {
                    indices.Add(Break);
                }
                continue;
            }
            long c = (long)Math.Floor(xToPixel.ToPixel(x[i]));
            if (c != column || first < 0)
            {
                Flush(indices, first, min, max, last);
                column = c;
                first = last = min = max = i;
                continue;
            }
            last = i;
            if (yi < y[min])
            {
                min = i;
            }
            if (yi > y[max])
            {
                max = i;
            }
        }
        Flush(indices, first, min, max, last);
    }

    private static void Flush(List<int> indices, int first, int min, int max, int last)
    {
        if (first < 0)
        {
            return;
        }
        indices.Add(first);
        int a = Math.Min(min, max), b = Math.Max(min, max);
        if (a != first && a != last)
        {
            indices.Add(a);
        }
        if (b != first && b != last && b != a)
        {
            indices.Add(b);
        }
        if (last != first)
        {
            indices.Add(last);
        }
    }

    private static int LowerBound(ReadOnlySpan<double> x, double value)
    {
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value) { lo = mid + 1; } else { hi = mid; }
        }
        return lo;
    }

    private static int UpperBound(ReadOnlySpan<double> x, double value)
    {
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= value) { lo = mid + 1; } else { hi = mid; }
        }
        return lo;
    }
}
