namespace LevBacktest.Reporting.Charts;

/// <summary>
/// "Nice numbers for graph labels" (Paul S. Heckbert, Graphics Gems, 1990): tick steps of 1, 2 or 5 × 10^k.
/// </summary>
internal static class NiceNumbers
{
    /// <summary>
    /// A nice number near <paramref name="x"/> (&gt; 0): rounded to the nearest of 1, 2, 5, 10 × 10^k when
    /// <paramref name="round"/>, else the smallest of them ≥ x.
    /// </summary>
    public static double Nice(double x, bool round)
    {
        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double fraction = x / power;
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>
    /// Heckbert's loose labelling: about <paramref name="desiredCount"/> ticks covering [min, max];
    /// returns the enclosing nice range and the step. Example: 0–97 with 6 ticks → 0..100 step 20.
    /// </summary>
    public static (double GraphMin, double GraphMax, double Step) LooseLabels(double min, double max, int desiredCount)
    {
        double range = Nice(max - min, round: false);
        double step = Nice(range / Math.Max(1, desiredCount - 1), round: true);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    /// <summary>
    /// The smallest 1-2-5 step giving at most <paramref name="maxCount"/> ticks inside [min, max], and those
    /// tick values (multiples of the step, snapped so that 0.1 + 0.2 prints as 0.3).
    /// </summary>
    public static (double Step, double[] Values) TicksWithin(double min, double max, int maxCount)
    {
        maxCount = Math.Max(2, maxCount);

        // Start an order of magnitude below the average spacing and walk up the 1-2-5 sequence, so the first
        // step that fits is the smallest. Starting at Nice(range / maxCount) can overshoot: 3508–3967 with
        // 2 ticks would jump to 500, which has no multiple inside the range, instead of 200 (3600, 3800).
        // The walk never ends on an empty axis: a step that failed holds ≥ 3 multiples, and any three
        // consecutive multiples of 1, 2 or 5 × 10^k contain a multiple of the next step.
        double step = Nice((max - min) / (10.0 * maxCount), round: false);
        (long first, long last) = MultiplesWithin(min, max, step);
        while (last - first + 1 > maxCount)
        {
            step = Nice(step * 1.01, round: false);
            (first, last) = MultiplesWithin(min, max, step);
        }

        var values = new double[Math.Max(0, last - first + 1)];
        for (long k = first; k <= last; k++)
        {
            double v = k * step;
            // Remove binary noise (k * 0.1 = 0.30000000000000004) by rounding to the step's decimals.
            int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
            values[k - first] = Math.Round(v, decimals);
        }
        return (step, values);
    }

    /// <summary>
    /// As <see cref="TicksWithin"/>, but for counts: the step is at least 1, so every tick is a whole number
    /// (a liquidation count axis reading 0, 0.2, 0.4 … would suggest fractional events).
    /// </summary>
    /// <param name="min">Lower end of the axis in data units.</param>
    /// <param name="max">Upper end of the axis in data units (&gt; <paramref name="min"/>).</param>
    /// <param name="maxCount">Most ticks wanted (at least 2 are allowed).</param>
    /// <returns>The step (≥ 1) and the whole-number tick values in [min, max], ascending.</returns>
    public static (double Step, double[] Values) WholeTicksWithin(double min, double max, int maxCount)
    {
        var (step, values) = TicksWithin(min, max, maxCount);
        if (step >= 1)
        {
            return (step, values);
        }

        long first = (long)Math.Ceiling(min);
        long last = (long)Math.Floor(max);
        var whole = new double[Math.Max(0, last - first + 1)];
        for (long k = first; k <= last; k++)
        {
            whole[k - first] = k;
        }

        return (1, whole);
    }

    /// <summary>The first and last k with k · step in [min, max], tolerant of rounding at both ends.</summary>
    private static (long First, long Last) MultiplesWithin(double min, double max, double step) =>
        ((long)Math.Ceiling((min / step) - 1e-9), (long)Math.Floor((max / step) + 1e-9));
}
