using System.Globalization;
using System.Numerics;
using System.Text;

namespace LevBacktest.Parquet.Text;

/// <summary>Writes DECIMAL(p, s) values exactly: unscaled / 10^s with s digits after the point and at least one before it.</summary>
internal static class DecimalFormatter
{
    /// <summary>Appends the decimal text of <paramref name="unscaled"/> · 10^−<paramref name="scale"/>.</summary>
    public static void Append(StringBuilder output, BigInteger unscaled, int scale)
    {
        if (unscaled.Sign < 0)
        {
            output.Append('-');
        }

        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale <= 0)
        {
            output.Append(digits);
            if (scale < 0 && unscaled != 0)
            {
                output.Append('0', -scale);
            }

            return;
        }

        if (digits.Length <= scale)
        {
            digits = digits.PadLeft(scale + 1, '0');
        }

        output.Append(digits, 0, digits.Length - scale).Append('.').Append(digits, digits.Length - scale, scale);
    }
}
