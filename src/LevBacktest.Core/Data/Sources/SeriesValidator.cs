namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// The load-time checks of DESIGN.md "Units and conventions": strictly increasing times without
/// duplicates, finite positive prices, low ≤ open, close ≤ high, volume ≥ 0, |funding rate| &lt; 1.
/// Every error names the file, row and column.
/// </summary>
internal static class SeriesValidator
{
    /// <summary>Checks bar times and prices; returns false when the sink asked to stop.</summary>
    public static bool ValidateBars(BarColumns bars, ValidationSink sink)
    {
        long[] times = bars.OpenTimeMs;
        double[] open = bars.Open, high = bars.High, low = bars.Low, close = bars.Close;
        double[]? volume = bars.Volume;
        int n = times.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || (volume is not null && volume.Length != n))
        {
            throw new ArgumentException("Bar columns differ in length.", nameof(bars));
        }

        // Fast path: one combined test per bar. 0 < low ≤ open, close ≤ high ≤ double.MaxValue implies that all
        // four prices are finite and positive (NaN fails every comparison); only failing bars take the slow path.
        for (int i = 0; i < n; i++)
        {
            double o = open[i], h = high[i], l = low[i], c = close[i];
            bool valid = (i == 0 || times[i] > times[i - 1])
                && l > 0 && l <= o && l <= c && o <= h && c <= h && h <= double.MaxValue
                && (volume is null || (volume[i] >= 0 && volume[i] <= double.MaxValue));
            if (!valid && !ReportBar(bars, i, sink))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reports every problem of bar <paramref name="i"/>; returns false when the sink asked to stop.</summary>
    private static bool ReportBar(BarColumns bars, int i, ValidationSink sink)
    {
        var rows = bars.Rows;
        var times = bars.OpenTimeMs;
        if (i > 0 && times[i] <= times[i - 1])
        {
            string problem = times[i] == times[i - 1]
                ? $"duplicate open time {TimeText.Format(times[i])} (same as {rows.Describe(i - 1)})."
                : $"open time {TimeText.Format(times[i])} is earlier than {TimeText.Format(times[i - 1])} in {rows.Describe(i - 1)}; times must be strictly increasing.";
            if (!sink.Report(rows.Error(i, bars.TimeColumn, problem)))
            {
                return false;
            }
        }

        double open = bars.Open[i], high = bars.High[i], low = bars.Low[i], close = bars.Close[i];
        if (!CheckPrice(open, bars.OpenColumn, i, rows, sink)
            || !CheckPrice(high, bars.HighColumn, i, rows, sink)
            || !CheckPrice(low, bars.LowColumn, i, rows, sink)
            || !CheckPrice(close, bars.CloseColumn, i, rows, sink))
        {
            return false;
        }

        if (low > open || low > close)
        {
            string problem = $"low {low:R} is above {(low > open ? $"open {open:R}" : $"close {close:R}")}; a bar needs low ≤ open, close ≤ high.";
            if (!sink.Report(rows.Error(i, bars.LowColumn, problem)))
            {
                return false;
            }
        }

        if (high < open || high < close)
        {
            string problem = $"high {high:R} is below {(high < open ? $"open {open:R}" : $"close {close:R}")}; a bar needs low ≤ open, close ≤ high.";
            if (!sink.Report(rows.Error(i, bars.HighColumn, problem)))
            {
                return false;
            }
        }

        if (bars.Volume is { } volume && !(volume[i] >= 0 && double.IsFinite(volume[i])))
        {
            if (!sink.Report(rows.Error(i, bars.VolumeColumn, $"volume {volume[i]:R} is not a finite number ≥ 0.")))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks funding times, rates and settlement mark prices; returns false when the sink asked to stop.</summary>
    public static bool ValidateFunding(FundingColumns funding, ValidationSink sink)
    {
        var rows = funding.Rows;
        var times = funding.TimeMs;
        for (int i = 0; i < funding.Count; i++)
        {
            if (i > 0 && times[i] <= times[i - 1])
            {
                string problem = times[i] == times[i - 1]
                    ? $"duplicate funding time {TimeText.Format(times[i])} (same as {rows.Describe(i - 1)})."
                    : $"funding time {TimeText.Format(times[i])} is earlier than {TimeText.Format(times[i - 1])} in {rows.Describe(i - 1)}; times must be strictly increasing.";
                if (!sink.Report(rows.Error(i, funding.TimeColumn, problem)))
                {
                    return false;
                }
            }

            double rate = funding.Rate[i];
            if (!double.IsFinite(rate) || Math.Abs(rate) >= 1)
            {
                string problem = $"funding rate {rate:R} is not a finite fraction with |rate| < 1 (rates are fractions per interval: 0.0001 = 0.01 %).";
                if (!sink.Report(rows.Error(i, funding.RateColumn, problem)))
                {
                    return false;
                }
            }

            if (funding.MarkPrice is { } mark && !double.IsNaN(mark[i]) && !(mark[i] > 0 && double.IsFinite(mark[i])))
            {
                if (!sink.Report(rows.Error(i, funding.MarkPriceColumn, $"mark price {mark[i]:R} is not a finite positive number.")))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The bar interval: <paramref name="expected"/> when given, else the smallest step between
    /// consecutive bars. Every step must be a whole multiple of it (larger steps are gaps).
    /// Call only on bars whose times passed <see cref="ValidateBars"/>.
    /// </summary>
    public static long InferInterval(BarColumns bars, long? expected, ValidationSink sink)
    {
        var times = bars.OpenTimeMs;
        long interval = long.MaxValue;
        if (expected is { } given)
        {
            if (given <= 0)
            {
                throw new MarketDataException($"The bar interval must be positive, got {given} ms.");
            }

            interval = given;
        }
        else
        {
            for (int i = 1; i < times.Length; i++)
            {
                interval = Math.Min(interval, times[i] - times[i - 1]);
            }

            if (interval == long.MaxValue)
            {
                sink.Report(bars.Rows.Error(bars.TimeColumn, $"cannot infer the bar interval from {times.Length} bar(s); give it (MarketDataRequest.BarIntervalMs)."));
                return 0;
            }
        }

        for (int i = 1; i < times.Length; i++)
        {
            long step = times[i] - times[i - 1];

            // The common case (no gap) skips the 64-bit division.
            if (step != interval && (step <= 0 || step % interval != 0))
            {
                string problem = $"open time {TimeText.Format(times[i])} is {TimeText.Duration(step)} after the previous bar, not a whole number of {TimeText.Duration(interval)} bars.";
                if (!sink.Report(bars.Rows.Error(i, bars.TimeColumn, problem)))
                {
                    break;
                }
            }
        }

        return interval;
    }

    private static bool CheckPrice(double value, string column, int index, RowNamer rows, ValidationSink sink)
    {
        if (value > 0 && double.IsFinite(value))
        {
            return true;
        }

        return sink.Report(rows.Error(index, column, $"price {value:R} is not a finite positive number."));
    }
}
