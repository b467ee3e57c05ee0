using System.Globalization;

namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Turns source columns into the engine's units: times into UTC epoch milliseconds, numbers into
/// doubles. Columns that already have the target form are returned without copying.
/// </summary>
internal static class ColumnConversion
{
    /// <summary>1980-01-01T00:00:00Z in seconds: the earliest time the unit detection accepts.</summary>
    internal const long PlausibleFromSeconds = 315_532_800;

    /// <summary>2100-01-01T00:00:00Z in seconds: the latest time the unit detection accepts.</summary>
    internal const long PlausibleToSeconds = 4_102_444_800;

    private const long MillisecondsPerDay = 86_400_000;

    /// <summary>
    /// Epoch milliseconds of every selected row. Sub-millisecond parts are floored. Integer (and
    /// floating-point) columns without a time type use <paramref name="unit"/>, or the unit detected
    /// from their magnitude: it is accepted only when every value lies between 1980 and 2100 in
    /// exactly one of s, ms, us, ns (the four windows do not overlap); otherwise the unit is asked for.
    /// </summary>
    public static long[] ToEpochMilliseconds(SourceColumn column, RowNamer rows, int count, EpochTimeUnit? unit)
    {
        RejectNulls(column, rows, count);
        if (column.Integers is { } integers)
        {
            long divisor;
            long multiplier;
            switch (column.TimeKind)
            {
                case SourceTimeKind.TimestampMillis:
                    return Gather(integers, rows, count);
                case SourceTimeKind.TimestampMicros:
                    (multiplier, divisor) = (1, 1_000);
                    break;
                case SourceTimeKind.TimestampNanos:
                    (multiplier, divisor) = (1, 1_000_000);
                    break;
                case SourceTimeKind.DateDays:
                    (multiplier, divisor) = (MillisecondsPerDay, 1);
                    break;
                default:
                    var range = MinMax(integers, rows, count);
                    var resolved = unit ?? DetectUnit(column, rows, count, range);
                    CheckExplicitUnit(column, rows, count, range, unit);
                    if (resolved == EpochTimeUnit.Milliseconds)
                    {
                        return Gather(integers, rows, count);
                    }

                    (multiplier, divisor) = Factors(resolved);
                    break;
            }

            var result = new long[count];
            for (int i = 0; i < count; i++)
            {
                long value = integers[rows.FileRow(i)];
                result[i] = divisor == 1 ? value * multiplier : FloorDivide(value, divisor);
            }

            return result;
        }

        if (column.Reals is { } reals)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < count; i++)
            {
                double value = reals[rows.FileRow(i)];
                if (!double.IsFinite(value))
                {
                    throw rows.Error(i, column.Name, $"time value {value} is not a finite number.");
                }

                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            var resolved = unit ?? DetectUnit(column, rows, count, (min, max));
            CheckExplicitUnit(column, rows, count, (min, max), unit);
            var (multiplier, divisor) = Factors(resolved);
            var result = new long[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = (long)Math.Floor(reals[rows.FileRow(i)] * multiplier / divisor);
            }

            return result;
        }

        if (column.Texts is { } texts)
        {
            var result = new long[count];
            for (int i = 0; i < count; i++)
            {
                string text = texts[rows.FileRow(i)]!;
                if (!TryParseIsoTime(text, out long ms))
                {
                    throw rows.Error(i, column.Name, $"'{text}' is not an ISO-8601 date/time or an epoch number.");
                }

                result[i] = ms;
            }

            return result;
        }

        throw rows.Error(column.Name, $"a {column.Info.TypeDescription} column cannot hold times; use a TIMESTAMP, DATE, INT96, integer epoch or ISO-8601 text column.");
    }

    /// <summary>The values of the selected rows as doubles; integers and decimal text are converted.</summary>
    public static double[] ToDoubles(SourceColumn column, RowNamer rows, int count)
    {
        RejectNulls(column, rows, count);
        if (column.Reals is { } reals)
        {
            return Gather(reals, rows, count);
        }

        var result = new double[count];
        if (column.Integers is { } integers)
        {
            for (int i = 0; i < count; i++)
            {
                result[i] = integers[rows.FileRow(i)];
            }

            return result;
        }

        if (column.Texts is { } texts)
        {
            for (int i = 0; i < count; i++)
            {
                string text = texts[rows.FileRow(i)]!;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                {
                    throw rows.Error(i, column.Name, $"'{text}' is not a number.");
                }
            }

            return result;
        }

        throw rows.Error(column.Name, $"a {column.Info.TypeDescription} column cannot hold numbers.");
    }

    /// <summary>Like <see cref="ToDoubles"/> but missing values become NaN instead of an error.</summary>
    public static double[] ToDoublesAllowingNulls(SourceColumn column, RowNamer rows, int count)
    {
        if (column.Nulls is null)
        {
            return ToDoubles(column, rows, count);
        }

        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            int row = rows.FileRow(i);
            if (column.IsNull(row))
            {
                result[i] = double.NaN;
            }
            else if (column.Reals is { } reals)
            {
                result[i] = reals[row];
            }
            else if (column.Integers is { } integers)
            {
                result[i] = integers[row];
            }
            else if (column.Texts is { } texts)
            {
                if (!double.TryParse(texts[row], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                {
                    throw rows.Error(i, column.Name, $"'{texts[row]}' is not a number.");
                }
            }
            else
            {
                throw rows.Error(column.Name, $"a {column.Info.TypeDescription} column cannot hold numbers.");
            }
        }

        return result;
    }

    /// <summary>Parses ISO-8601 text (date, or date and time with optional offset; no offset means UTC) to epoch milliseconds.</summary>
    public static bool TryParseIsoTime(string text, out long epochMilliseconds)
    {
        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var parsed))
        {
            epochMilliseconds = parsed.ToUnixTimeMilliseconds();
            return true;
        }

        epochMilliseconds = 0;
        return false;
    }

    /// <summary>Detects the unit of an epoch from its smallest and largest value, or throws asking for it.</summary>
    internal static EpochTimeUnit DetectUnit(SourceColumn column, RowNamer rows, int count, (double Min, double Max) range)
    {
        if (count > 0)
        {
            foreach (var candidate in new[] { EpochTimeUnit.Seconds, EpochTimeUnit.Milliseconds, EpochTimeUnit.Microseconds, EpochTimeUnit.Nanoseconds })
            {
                double perSecond = candidate switch
                {
                    EpochTimeUnit.Seconds => 1,
                    EpochTimeUnit.Milliseconds => 1e3,
                    EpochTimeUnit.Microseconds => 1e6,
                    _ => 1e9,
                };
                if (range.Min >= PlausibleFromSeconds * perSecond && range.Max <= PlausibleToSeconds * perSecond)
                {
                    return candidate;
                }
            }
        }

        throw rows.Error(
            column.Name,
            $"cannot tell the unit of the epoch times in this {column.Info.TypeDescription} column (values from {range.Min:R} to {range.Max:R} do not all fall between 1980 and 2100 in one of s, ms, us, ns); "
            + "give the unit (MarketDataRequest.TimeUnit, or --time-unit s|ms|us|ns).");
    }

    /// <summary>An explicit unit must put every time between 1970 and 2100; anything else is a wrong unit, not data.</summary>
    private static void CheckExplicitUnit(SourceColumn column, RowNamer rows, int count, (double Min, double Max) range, EpochTimeUnit? unit)
    {
        if (unit is not { } given || count == 0)
        {
            return;
        }

        double perSecond = given switch
        {
            EpochTimeUnit.Seconds => 1,
            EpochTimeUnit.Milliseconds => 1e3,
            EpochTimeUnit.Microseconds => 1e6,
            _ => 1e9,
        };
        if (range.Min < 0 || range.Max > PlausibleToSeconds * perSecond)
        {
            throw rows.Error(
                column.Name,
                $"read as {EpochTimeUnitNames.Format(given)}, the epoch times (from {range.Min:R} to {range.Max:R}) fall outside 1970–2100; check the time unit.");
        }
    }

    private static (long Multiplier, long Divisor) Factors(EpochTimeUnit unit) => unit switch
    {
        EpochTimeUnit.Seconds => (1_000, 1),
        EpochTimeUnit.Milliseconds => (1, 1),
        EpochTimeUnit.Microseconds => (1, 1_000),
        EpochTimeUnit.Nanoseconds => (1, 1_000_000),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    private static long FloorDivide(long value, long divisor)
    {
        long quotient = value / divisor;
        return (value % divisor) < 0 ? quotient - 1 : quotient;
    }

    private static (double Min, double Max) MinMax(long[] values, RowNamer rows, int count)
    {
        long min = long.MaxValue, max = long.MinValue;
        if (rows.Rows is null)
        {
            foreach (long value in values.AsSpan(0, count))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            return (min, max);
        }

        for (int i = 0; i < count; i++)
        {
            long value = values[rows.FileRow(i)];
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return (min, max);
    }

    private static T[] Gather<T>(T[] values, RowNamer rows, int count)
    {
        if (rows.Rows is null && values.Length == count)
        {
            return values;
        }

        var result = new T[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = values[rows.FileRow(i)];
        }

        return result;
    }

    private static void RejectNulls(SourceColumn column, RowNamer rows, int count)
    {
        if (column.Nulls is null)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            if (column.IsNull(rows.FileRow(i)))
            {
                throw rows.Error(i, column.Name, "the value is missing (null or empty).");
            }
        }
    }
}
