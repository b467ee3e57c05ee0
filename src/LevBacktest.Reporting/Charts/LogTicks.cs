namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Ticks for a base-10 log axis: labelled decades; when the range spans few decades the 2 and 5 multiples
/// are labelled too; unlabelled minor ticks at 2..9 × 10^k while they are not too dense. A range inside
/// one decade falls back to 1-2-5 linear ticks.
/// </summary>
internal static class LogTicks
{
    /// <summary>Ticks within [<paramref name="min"/>, <paramref name="max"/>] (both &gt; 0), at most about <paramref name="maxLabels"/> labelled.</summary>
    public static List<Tick> Generate(double min, double max, int maxLabels, AxisFormat format, string? currencySymbol)
    {
        var ticks = new List<Tick>();
        int firstDecade = (int)Math.Floor(Math.Log10(min) + 1e-12);
        int lastDecade = (int)Math.Floor(Math.Log10(max) + 1e-12);
        int decadesInside = 0;
        for (int k = firstDecade; k <= lastDecade; k++)
        {
            double v = Math.Pow(10, k);
            if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12))
            {
                decadesInside++;
            }
        }
        double spanDecades = Math.Log10(max / min);
        if (decadesInside == 0 || (decadesInside == 1 && spanDecades < 0.7))
        {
            var (step, values) = NiceNumbers.TicksWithin(min, max, maxLabels);
            foreach (double v in values)
            {
                if (v > 0)
                {
                    ticks.Add(new Tick(v, TickLabelFormatter.Format(v, step, format, currencySymbol)));
                }
            }
            return ticks;
        }

        int decadeStep = Math.Max(1, (int)Math.Ceiling(decadesInside / (double)Math.Max(2, maxLabels)));
        bool labelTwoAndFive = spanDecades <= 3.2 && decadeStep == 1 && maxLabels >= 3 * decadesInside;
        bool showMinor = spanDecades <= 8 && decadeStep == 1;
        for (int k = firstDecade; k <= lastDecade; k++)
        {
            double decade = Math.Pow(10, k);
            for (int m = 1; m <= 9; m++)
            {
                double v = m * decade;
                if (v < min * (1 - 1e-12) || v > max * (1 + 1e-12))
                {
                    continue;
                }
                // Label steps: a decade tick needs decimals of its own magnitude (0.01), multiples likewise.
                double labelStep = decade;
                if (m == 1)
                {
                    if (k % decadeStep == 0)
                    {
                        ticks.Add(new Tick(v, TickLabelFormatter.Format(v, labelStep, format, currencySymbol)));
                    }
                    else if (showMinor)
                    {
                        ticks.Add(new Tick(v, string.Empty, IsMajor: false));
                    }
                }
                else if (labelTwoAndFive && (m == 2 || m == 5))
                {
                    ticks.Add(new Tick(v, TickLabelFormatter.Format(v, labelStep, format, currencySymbol), IsMajor: false));
                }
                else if (showMinor)
                {
                    ticks.Add(new Tick(v, string.Empty, IsMajor: false));
                }
            }
        }
        return ticks;
    }
}
