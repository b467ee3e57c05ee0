namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Breaks a per-bar line of a position's values (its liquidation price) wherever one position ends and
/// another begins, so that a reversal from long to short, or a re-entry at the bar the previous position
/// left, is not drawn as a vertical join between two unrelated levels. Flat bars are NaN already and break
/// the line by themselves; a change of position at one bar has no flat bar, hence this.
/// </summary>
internal static class PositionBreaks
{
    /// <summary>
    /// Inserts a NaN point, at the same time as the first bar of the new position, before that bar wherever
    /// a position starts while the bar before it has a value. The bar's values are those at its close, so a
    /// position entered in bar e (at its open, or at its close) is the one shown from row e on.
    /// </summary>
    /// <param name="timeMs">Bar open times, UTC epoch milliseconds, ascending; same length as <paramref name="values"/>.</param>
    /// <param name="values">Values at each bar's close, NaN while flat.</param>
    /// <param name="entryTimesMs">Open times of the positions' entry bars, ascending.</param>
    /// <returns>The times and values with the breaks inserted (still ascending in time).</returns>
    public static (long[] TimeMs, double[] Values) Insert(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> values, IReadOnlyList<long> entryTimesMs)
    {
        if (timeMs.Length != values.Length)
        {
            throw new ArgumentException($"{timeMs.Length} times but {values.Length} values; they must align.", nameof(values));
        }

        var times = new List<long>(timeMs.Length + entryTimesMs.Count);
        var points = new List<double>(timeMs.Length + entryTimesMs.Count);
        int next = 0;
        for (int i = 0; i < timeMs.Length; i++)
        {
            bool entered = false;
            while (next < entryTimesMs.Count && entryTimesMs[next] <= timeMs[i])
            {
                entered = true;
                next++;
            }

            if (entered && i > 0 && !double.IsNaN(values[i - 1]) && !double.IsNaN(values[i]))
            {
                times.Add(timeMs[i]);
                points.Add(double.NaN);
            }

            times.Add(timeMs[i]);
            points.Add(values[i]);
        }

        return (times.ToArray(), points.ToArray());
    }
}
