using System.Globalization;

namespace LevBacktest.Core.Data.Sources;

/// <summary>UTC epoch milliseconds as readable ISO-8601 text for messages and reports.</summary>
internal static class TimeText
{
    public static string Format(long epochMilliseconds)
    {
        if (epochMilliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || epochMilliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return $"{epochMilliseconds} ms";
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds);
        return time.ToString(time.Millisecond == 0 ? "yyyy-MM-dd HH:mm:ss'Z'" : "yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A duration in the largest unit that divides it: "8h", "1d", "90s", "250ms".</summary>
    public static string Duration(long milliseconds)
    {
        if (milliseconds != 0 && milliseconds % 86_400_000 == 0)
        {
            return $"{milliseconds / 86_400_000}d";
        }

        if (milliseconds != 0 && milliseconds % 3_600_000 == 0)
        {
            return $"{milliseconds / 3_600_000}h";
        }

        if (milliseconds != 0 && milliseconds % 60_000 == 0)
        {
            return $"{milliseconds / 60_000}m";
        }

        if (milliseconds != 0 && milliseconds % 1_000 == 0)
        {
            return $"{milliseconds / 1_000}s";
        }

        return $"{milliseconds}ms";
    }
}
