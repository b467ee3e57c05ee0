using System.Globalization;

namespace LevBacktest.Reporting.Formatting;

/// <summary>
/// The one rounding rule for percentages in every table, report and chart: a fraction is shown as a percentage
/// rounded to the given format, except that
/// <list type="bullet">
/// <item>a magnitude below 100 % never reads as 100 % (a −99.99975 % return reads −99.9 % or −99.99 %, the largest
/// value below 100 at the format's precision, at least one decimal), so only a wiped-out run (exactly −100 %) reads −100 %
/// and a wiped-out run always does;</item>
/// <item>a change that is not zero never reads as zero: it keeps one significant digit (−0.003 → "−0.3 %").</item>
/// </list>
/// </summary>
public static class PercentText
{
    /// <summary>Formats a fraction (0.123 = 12.3 %) as "+12.3 %" / "−45 %"; "n/a" when it is not finite.</summary>
    /// <param name="fraction">The value as a fraction, not percent.</param>
    /// <param name="format">.NET custom numeric format of the percentage's magnitude, e.g. "0", "0.#", "0.00".</param>
    /// <param name="plusSign">Prefix positive values (and zero) with "+".</param>
    /// <param name="asciiMinus">Use "-" (U+002D, for plain-text tables meant to be parsed) instead of "−" (U+2212).</param>
    public static string Format(double fraction, string format = "0.#", bool plusSign = true, bool asciiMinus = false)
    {
        if (!double.IsFinite(fraction))
        {
            return "n/a";
        }

        double percent = Math.Abs(fraction * 100);
        string text = percent.ToString(format, CultureInfo.InvariantCulture);
        if (percent < 100 && double.Parse(text, CultureInfo.InvariantCulture) >= 100)
        {
            int decimals = Math.Max(1, Decimals(format));
            text = "99." + new string('9', decimals);
        }
        else if (percent != 0 && double.Parse(text, CultureInfo.InvariantCulture) == 0)
        {
            int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(percent)), 1, 12);
            text = percent.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        }

        string sign = fraction < 0 ? (asciiMinus ? "-" : "−") : plusSign ? "+" : string.Empty;
        return sign + text + " %";
    }

    /// <summary>Whether <paramref name="fraction"/> is a total loss (a wiped-out run's return): exactly −100 % or below.</summary>
    public static bool IsTotalLoss(double fraction) => fraction <= -1;

    private static int Decimals(string format)
    {
        int point = format.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : format.Length - point - 1;
    }
}
