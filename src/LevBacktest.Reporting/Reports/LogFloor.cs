namespace LevBacktest.Reporting.Reports;

/// <summary>
/// The lower edge of a log equity axis. A log axis cannot show zero or negative equity, and a run that
/// lingers at a few cents would stretch it over many decades; but a fixed floor (say 0.1 % of the initial
/// capital) makes every stretch below it vanish. So the floor follows the data — the lowest positive
/// equity shown — and is only raised to <see cref="Decades"/> decades below the initial capital when the
/// data go lower; values under the floor are drawn on it (<see cref="Clamp"/>), never dropped.
/// </summary>
internal static class LogFloor
{
    /// <summary>How many decades below the initial capital the axis may reach (10,000 USDT → 0.01 USDT).</summary>
    public const int Decades = 6;

    /// <summary>The smallest finite value &gt; 0 of <paramref name="values"/>; +∞ when there is none.</summary>
    public static double LowestPositive(ReadOnlySpan<double> values)
    {
        double lowest = double.PositiveInfinity;
        foreach (double v in values)
        {
            if (v > 0 && v < lowest)
            {
                lowest = v;
            }
        }
        return lowest;
    }

    /// <summary>
    /// The floor for data whose lowest positive value is <paramref name="lowestPositive"/> (USDT), with
    /// <paramref name="initialCapital"/> (USDT) as the reference: max(lowest, initial × 10^−<see cref="Decades"/>).
    /// Without positive data the floor is that limit; without a finite positive initial capital, 10^−3.
    /// </summary>
    public static double Choose(double initialCapital, double lowestPositive)
    {
        double limit = double.IsFinite(initialCapital) && initialCapital > 0 ? initialCapital * Math.Pow(10, -Decades) : 1e-3;
        return double.IsFinite(lowestPositive) && lowestPositive > limit ? lowestPositive : limit;
    }

    /// <summary>
    /// <paramref name="value"/> as drawn: itself when at least <paramref name="floor"/>, the floor when
    /// positive but lower, NaN (the line ends there) when ≤ 0 or NaN — a wiped-out account is marked by the
    /// liquidation ✕ at its last positive close, not by a drop to the floor.
    /// </summary>
    public static double Clamp(double value, double floor) =>
        value > 0 ? Math.Max(value, floor) : double.NaN;

    /// <summary>An amount in USDT for a label: thousands separators above 1, two significant digits below (0.0042).</summary>
    public static string FormatAmount(double value) =>
        Math.Abs(value) >= 1 || value == 0
            ? ReportContext.Money(value)
            : value.ToString("0." + new string('#', Math.Clamp(1 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 1, 15)), System.Globalization.CultureInfo.InvariantCulture);
}
