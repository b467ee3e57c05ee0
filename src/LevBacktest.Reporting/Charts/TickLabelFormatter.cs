using System.Globalization;

namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Writes numeric tick labels: "," thousands separators, decimals just enough for the tick step, a true
/// minus sign (U+2212), percent as "−45 %", scientific "1e9" beyond ±10^9 or below 10^−4.
/// </summary>
internal static class TickLabelFormatter
{
    /// <summary>The minus sign used in labels (U+2212), which lines up with "+" and digits unlike a hyphen.</summary>
    public const char Minus = '\u2212';

    /// <summary>
    /// Decimals needed to write multiples of <paramref name="step"/> exactly: 0 for steps ≥ 1 that are
    /// whole, 1 for 0.5 or 2.5, 2 for 0.25 or 0.05, at most 12.
    /// </summary>
    public static int DecimalsForStep(double step)
    {
        step = Math.Abs(step);
        if (!(step > 0) || !double.IsFinite(step))
        {
            return 0;
        }
        for (int decimals = 0; decimals < 12; decimals++)
        {
            double scaled = step * Math.Pow(10, decimals);
            if (Math.Abs(scaled - Math.Round(scaled)) <= 1e-6 * scaled)
            {
                return decimals;
            }
        }
        return 12;
    }

    /// <summary>Formats <paramref name="value"/> for an axis whose ticks are <paramref name="step"/> apart.</summary>
    public static string Format(double value, double step, AxisFormat format, string? currencySymbol = null)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (format == AxisFormat.Percent)
        {
            return FormatNumber(value * 100, step * 100) + " %";
        }
        string number = FormatNumber(value, step);
        if (format == AxisFormat.Currency && !string.IsNullOrEmpty(currencySymbol))
        {
            return number[0] == Minus ? $"{Minus}{currencySymbol}{number[1..]}" : currencySymbol + number;
        }
        return number;
    }

    /// <summary>Formats a number with thousands separators and decimals from <paramref name="step"/>.</summary>
    public static string FormatNumber(double value, double step)
    {
        if (Math.Abs(value) < Math.Abs(step) * 1e-9)
        {
            return "0";
        }
        double magnitude = Math.Abs(value);
        string text;
        if (magnitude >= 1e9 || magnitude < 1e-4)
        {
            text = value.ToString("0.##e0", CultureInfo.InvariantCulture);
        }
        else
        {
            int decimals = DecimalsForStep(step);
            text = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return text.Replace('-', Minus);
    }
}
