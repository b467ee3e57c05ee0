using System.Globalization;

namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Calendar-aware ticks for a time axis in UTC epoch milliseconds. The step is the finest of
/// 1/2/5/10/15/30 minutes, 1/2/3/6/12 hours, 1/2 days, 1 week (Mondays), 1 month, a quarter, half a year,
/// 1/2/5/10/… years that gives at most the allowed number of ticks; ticks sit on calendar boundaries
/// (the hour, midnight, the 1st of the month, Jan 1). Labels: years "2024"; months "Mar 2024";
/// days and weeks "12 Mar" (year underneath on the first tick and where it changes); hours and minutes
/// "14:00" (date underneath on the first tick and where the day changes).
/// </summary>
internal static class TimeTicks
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    private enum Unit { Minute, Hour, Day, Week, Month, Year }

    private readonly record struct Candidate(Unit Unit, int Count, long ApproxMs);

    private static readonly Candidate[] Candidates =
    [
        new(Unit.Minute, 1, Minute), new(Unit.Minute, 2, 2 * Minute), new(Unit.Minute, 5, 5 * Minute),
        new(Unit.Minute, 10, 10 * Minute), new(Unit.Minute, 15, 15 * Minute), new(Unit.Minute, 30, 30 * Minute),
        new(Unit.Hour, 1, Hour), new(Unit.Hour, 2, 2 * Hour), new(Unit.Hour, 3, 3 * Hour),
        new(Unit.Hour, 6, 6 * Hour), new(Unit.Hour, 12, 12 * Hour),
        new(Unit.Day, 1, Day), new(Unit.Day, 2, 2 * Day), new(Unit.Week, 1, 7 * Day),
        new(Unit.Month, 1, 28 * Day), new(Unit.Month, 3, 90 * Day), new(Unit.Month, 6, 181 * Day),
    ];

    /// <summary>Ticks within [<paramref name="minMs"/>, <paramref name="maxMs"/>], at most <paramref name="maxTicks"/> of them (at least one step is always used).</summary>
    public static List<Tick> Generate(double minMs, double maxMs, int maxTicks)
    {
        maxTicks = Math.Max(2, maxTicks);
        double span = maxMs - minMs;
        foreach (var candidate in Candidates)
        {
            // ApproxMs is the shortest such step (28-day months, 90-day quarters), so this filter never skips a fit;
            // the exact count decides.
            if (span / candidate.ApproxMs <= maxTicks)
            {
                var ticks = Build(minMs, maxMs, candidate.Unit, candidate.Count);
                if (ticks.Count <= maxTicks)
                {
                    return ticks;
                }
            }
        }
        // Years: 1, 2, 5, 10, 20, 50, … (1-2-5 steps in years).
        double years = span / (365.2425 * Day);
        int yearStep = 1;
        while (years / yearStep > maxTicks - 1)
        {
            yearStep = (int)NiceNumbers.Nice(yearStep * 1.01, round: false);
        }
        return Build(minMs, maxMs, Unit.Year, yearStep);
    }

    private static List<Tick> Build(double minMs, double maxMs, Unit unit, int count)
    {
        var ticks = new List<Tick>();
        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(minMs)).UtcDateTime;
        DateTime t = unit switch
        {
            Unit.Minute => Floor(start, count * Minute),
            Unit.Hour => Floor(start, count * Hour),
            Unit.Day => Floor(start, count * Day),
            // Epoch day 0 (1970-01-01) was a Thursday; ISO weeks start on Monday, three days earlier.
            Unit.Week => FloorWithOffset(start, 7 * Day, -3 * Day),
            Unit.Month => new DateTime(start.Year, (((start.Month - 1) / count) * count) + 1, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(Math.Max(1, start.Year / count * count), 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        DateTime? previous = null;
        for (int guard = 0; guard < 10_000; guard++, t = Advance(t, unit, count))
        {
            double ms = new DateTimeOffset(t).ToUnixTimeMilliseconds();
            if (ms > maxMs)
            {
                break;
            }
            if (ms < minMs)
            {
                continue;
            }
            ticks.Add(Label(t, previous, unit));
            previous = t;
        }
        return ticks;

        static DateTime Floor(DateTime t, long stepMs) => FloorWithOffset(t, stepMs, 0);

        static DateTime FloorWithOffset(DateTime t, long stepMs, long offsetMs)
        {
            long ms = new DateTimeOffset(t).ToUnixTimeMilliseconds() - offsetMs;
            long floored = (long)Math.Floor(ms / (double)stepMs) * stepMs;
            return DateTimeOffset.FromUnixTimeMilliseconds(floored + offsetMs).UtcDateTime;
        }
    }

    private static DateTime Advance(DateTime t, Unit unit, int count) => unit switch
    {
        Unit.Minute => t.AddMinutes(count),
        Unit.Hour => t.AddHours(count),
        Unit.Day => t.AddDays(count),
        Unit.Week => t.AddDays(7 * count),
        Unit.Month => t.AddMonths(count),
        _ => t.AddYears(count),
    };

    private static Tick Label(DateTime t, DateTime? previous, Unit unit)
    {
        var c = CultureInfo.InvariantCulture;
        double ms = new DateTimeOffset(t).ToUnixTimeMilliseconds();
        switch (unit)
        {
            case Unit.Year:
                return new Tick(ms, t.ToString("yyyy", c));
            case Unit.Month:
                return new Tick(ms, t.ToString("MMM yyyy", c));
            case Unit.Day:
            case Unit.Week:
                {
                    string? year = previous is null || previous.Value.Year != t.Year ? t.ToString("yyyy", c) : null;
                    return new Tick(ms, t.ToString("d MMM", c), SecondLine: year);
                }
            default:
                {
                    string? date = previous is null || previous.Value.Date != t.Date ? t.ToString("d MMM yyyy", c) : null;
                    return new Tick(ms, t.ToString("HH:mm", c), SecondLine: date);
                }
        }
    }
}
