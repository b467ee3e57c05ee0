using System.Globalization;
using System.Text;

namespace LevBacktest.Parquet.Text;

/// <summary>
/// Writes binary64, binary32 and binary16 values as the shortest decimal that converts back to the same value
/// in their own format, laid out by ECMAScript's Number::toString rule (ECMA-262, 6.1.6.1.20) with ".0"
/// appended to positional integers. .NET's "R" formatting supplies the shortest digits; only the layout differs.
/// </summary>
internal static class ShortestFloatFormatter
{
    /// <summary>Appends a finite double; the caller handles NaN and infinities.</summary>
    public static void AppendDouble(StringBuilder output, double value)
        => AppendLayout(output, value.ToString("R", CultureInfo.InvariantCulture), double.IsNegative(value));

    /// <summary>Appends a finite float (binary32 digits, not those of its widened double).</summary>
    public static void AppendSingle(StringBuilder output, float value)
        => AppendLayout(output, value.ToString("R", CultureInfo.InvariantCulture), float.IsNegative(value));

    /// <summary>Appends a finite half (binary16 digits).</summary>
    public static void AppendHalf(StringBuilder output, Half value)
        => AppendLayout(output, value.ToString("R", CultureInfo.InvariantCulture), Half.IsNegative(value));

    /// <summary>Re-lays out .NET's shortest round-trip text (e.g. "1E-07", "1.5E+300", "123.45") the ECMAScript way.</summary>
    private static void AppendLayout(StringBuilder output, string text, bool negative)
    {
        int start = text.StartsWith('-') ? 1 : 0;
        int exponentIndex = text.IndexOfAny(['E', 'e']);
        string mantissa = exponentIndex >= 0 ? text[start..exponentIndex] : text[start..];
        int exponent = exponentIndex >= 0 ? int.Parse(text.AsSpan(exponentIndex + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        int point = mantissa.IndexOf('.');
        string integerPart = point >= 0 ? mantissa[..point] : mantissa;
        string fractionPart = point >= 0 ? mantissa[(point + 1)..] : "";
        string digits = integerPart + fractionPart;

        // value = 0.digits × 10^n
        int n = integerPart.Length + exponent;
        int leading = 0;
        while (leading < digits.Length && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        n -= leading;
        if (negative)
        {
            output.Append('-');
        }

        if (digits.Length == 0)
        {
            output.Append("0.0");
            return;
        }

        int k = digits.Length;
        if (k <= n && n <= 21)
        {
            output.Append(digits).Append('0', n - k).Append(".0");
        }
        else if (0 < n && n <= 21)
        {
            output.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            output.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            int e = n - 1;
            output.Append(digits[0]);
            if (k > 1)
            {
                output.Append('.').Append(digits, 1, k - 1);
            }

            output.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
    }
}
