using System.Globalization;
using System.Text.RegularExpressions;

namespace LevBacktest.Core.Experiments;

/// <summary>Parses the dates and durations of experiment specs and of the command line.</summary>
public static partial class SpecTime
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mmK",
    ];

    /// <summary>
    /// A UTC instant as epoch milliseconds from <c>2020-01-31</c> (midnight UTC) or an ISO 8601 date-time
    /// with an explicit zone (<c>2020-01-31T08:00:00Z</c>, <c>…+02:00</c>). A date-time without a zone is
    /// rejected because it would be ambiguous.
    /// </summary>
    /// <param name="text">The date or date-time.</param>
    /// <param name="milliseconds">UTC epoch milliseconds.</param>
    /// <returns>False when the text is not one of the accepted forms.</returns>
    public static bool TryParseUtcMilliseconds(string text, out long milliseconds)
    {
        milliseconds = 0;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            milliseconds = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            return true;
        }

        if (!text.EndsWith('Z') && !HasOffset(text))
        {
            return false;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            milliseconds = instant.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }

    /// <summary>
    /// A duration such as <c>15m</c>, <c>4h</c>, <c>1d</c> or <c>1w</c> in milliseconds (minutes, hours, days, weeks).
    /// </summary>
    /// <param name="text">Positive integer followed by m, h, d or w.</param>
    /// <param name="milliseconds">The duration in milliseconds.</param>
    /// <returns>False when the text is not such a duration.</returns>
    public static bool TryParseDurationMilliseconds(string text, out long milliseconds)
    {
        milliseconds = 0;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count <= 0)
        {
            return false;
        }

        long unit = match.Groups[2].Value switch
        {
            "m" => 60_000L,
            "h" => 3_600_000L,
            "d" => 86_400_000L,
            _ => 7 * 86_400_000L,
        };
        if (count > long.MaxValue / unit)
        {
            return false;
        }

        milliseconds = count * unit;
        return true;
    }

    /// <summary>An instant as ISO 8601 UTC text (<c>2020-01-31T08:00:00Z</c>, milliseconds shown only when not zero).</summary>
    /// <param name="milliseconds">UTC epoch milliseconds.</param>
    public static string FormatUtc(long milliseconds)
    {
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
        return instant.Millisecond == 0
            ? instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static bool HasOffset(string text)
    {
        int t = text.IndexOfAny(['T', ' ']);
        return t > 0 && text.AsSpan(t).IndexOfAny('+', '-') >= 0;
    }

    [GeneratedRegex("^([0-9]+)(m|h|d|w)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
