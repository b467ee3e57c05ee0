using System.Globalization;
using System.Numerics;
using System.Text;

namespace LevBacktest.Parquet.Text;

/// <summary>
/// Dates and times in the proleptic Gregorian calendar from integer counts since 1970-01-01 UTC, in integer
/// arithmetic so years outside .NET's DateTime range work. Civil-from-days is Howard Hinnant's algorithm
/// ("chrono-compatible low-level date algorithms"). Years 0000–9999 print with four digits, others with a sign
/// and at least six (ISO 8601 expanded years); instants before 1970 round toward the past.
/// </summary>
internal static class CalendarFormatter
{
    /// <summary>Appends "YYYY-MM-DD" for <paramref name="days"/> since 1970-01-01.</summary>
    public static void AppendDate(StringBuilder output, long days)
    {
        // Shift to 0000-03-01 based eras of 146,097 days (400 years).
        BigInteger z = (BigInteger)days + 719468;
        BigInteger era = BigInteger.Divide(z >= 0 ? z : z - 146096, 146097);
        long dayOfEra = (long)(z - (era * 146097));
        long yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        BigInteger year = yearOfEra + (era * 400);
        long dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        long mp = ((5 * dayOfYear) + 2) / 153;
        long day = dayOfYear - (((153 * mp) + 2) / 5) + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        if (month <= 2)
        {
            year += 1;
        }

        AppendYear(output, year);
        output.Append('-').Append(Two(month)).Append('-').Append(Two(day));
    }

    /// <summary>Appends "HH:MM:SS.f…" for a time of day given in units since midnight (digits: 3, 6 or 9).</summary>
    public static void AppendTimeOfDay(StringBuilder output, long unitsOfDay, long unitsPerSecond, int fractionDigits)
    {
        long seconds = unitsOfDay / unitsPerSecond;
        long fraction = unitsOfDay % unitsPerSecond;
        output.Append(Two(seconds / 3600)).Append(':').Append(Two(seconds / 60 % 60)).Append(':').Append(Two(seconds % 60));
        output.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits, '0'));
    }

    /// <summary>Appends "YYYY-MM-DDTHH:MM:SS.f…[Z]" for <paramref name="units"/> since the epoch.</summary>
    public static void AppendTimestamp(StringBuilder output, BigInteger units, long unitsPerSecond, int fractionDigits, bool utc)
    {
        BigInteger unitsPerDay = (BigInteger)unitsPerSecond * 86400;
        BigInteger days = BigInteger.DivRem(units, unitsPerDay, out BigInteger remainder);
        if (remainder < 0)
        {
            remainder += unitsPerDay;
            days -= 1;
        }

        AppendDate(output, (long)days);
        output.Append('T');
        AppendTimeOfDay(output, (long)remainder, unitsPerSecond, fractionDigits);
        if (utc)
        {
            output.Append('Z');
        }
    }

    private static void AppendYear(StringBuilder output, BigInteger year)
    {
        if (year >= 0 && year <= 9999)
        {
            output.Append(((int)year).ToString("D4", CultureInfo.InvariantCulture));
            return;
        }

        output.Append(year < 0 ? '-' : '+');
        output.Append(BigInteger.Abs(year).ToString(CultureInfo.InvariantCulture).PadLeft(6, '0'));
    }

    private static string Two(long value) => value.ToString("D2", CultureInfo.InvariantCulture);
}
