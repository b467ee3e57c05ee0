using LevBacktest.Core.Data.Sources;

namespace LevBacktest.Core.Data;

/// <summary>
/// Aggregates bars to a coarser interval (1m → 1h, 1h → 4h or 1d): first open, highest high,
/// lowest low, last close, summed volume; the mark-price OHLC the same way (no volume).
/// </summary>
/// <remarks>
/// Buckets are aligned to UTC: a bar belongs to the bucket starting at ⌊openTime / target⌋ · target,
/// so 4h buckets start at 00:00, 04:00, … and 1d buckets at midnight UTC. The target must divide a
/// day or be a whole number of days; multi-day buckets count from 1970-01-01, except whole weeks,
/// which start on Monday 00:00 UTC as exchanges' weekly bars do. A bucket is
/// complete when it holds target / source bars. Incomplete buckets at the two ends follow the
/// <see cref="PartialBucketPolicy"/>; incomplete buckets inside the data (the source has a gap) are
/// kept, aggregated from the bars present, and counted. A bucket with no bars produces no bar: gaps
/// stay gaps. Funding settlements keep their times (those that settle at none of the new bars are
/// dropped); they settle at the first new bar opening at or after them.
/// </remarks>
public static class MarketDataResampler
{
    private const long MillisecondsPerDay = 86_400_000;
    private const long MillisecondsPerWeek = 7 * MillisecondsPerDay;

    /// <summary>Resamples <paramref name="data"/> to bars of <paramref name="intervalMs"/>.</summary>
    /// <param name="data">Validated bars (strictly increasing open times).</param>
    /// <param name="intervalMs">Target interval in milliseconds: a multiple of the data's interval that divides a day or is a whole number of days.</param>
    /// <param name="policy">What to do with incomplete edge buckets.</param>
    /// <returns>New market data with newly allocated columns; the input is unchanged.</returns>
    /// <exception cref="ArgumentException">The target interval is not a multiple of the source interval or not aligned to days.</exception>
    public static MarketData Resample(MarketData data, long intervalMs, PartialBucketPolicy policy = PartialBucketPolicy.DropIncompleteEdges) =>
        Resample(data, intervalMs, policy, out _);

    /// <summary>Resamples <paramref name="data"/> and says how many buckets were incomplete or dropped.</summary>
    /// <param name="data">Validated bars (strictly increasing open times).</param>
    /// <param name="intervalMs">Target interval in milliseconds: a multiple of the data's interval that divides a day or is a whole number of days.</param>
    /// <param name="policy">What to do with incomplete edge buckets.</param>
    /// <param name="summary">Counts of bars produced, incomplete and dropped buckets.</param>
    /// <returns>New market data with newly allocated columns; the input is unchanged.</returns>
    /// <exception cref="ArgumentException">The target interval is not a multiple of the source interval or not aligned to days.</exception>
    public static MarketData Resample(MarketData data, long intervalMs, PartialBucketPolicy policy, out ResampleSummary summary) =>
        Resample(data, intervalMs, policy, out summary, out _);

    /// <summary>As the public overloads; <paramref name="sourceStart"/>[k]..[k+1] is the source bar range of new bar k (length bars + 1).</summary>
    internal static MarketData Resample(MarketData data, long intervalMs, PartialBucketPolicy policy, out ResampleSummary summary, out int[] sourceStart)
    {
        ArgumentNullException.ThrowIfNull(data);
        long source = data.BarIntervalMs;
        if (intervalMs <= 0 || intervalMs % source != 0)
        {
            throw new ArgumentException($"Cannot resample {TimeText.Duration(source)} bars to {TimeText.Duration(intervalMs)}: the target must be a positive multiple of the source interval.", nameof(intervalMs));
        }

        if (MillisecondsPerDay % intervalMs != 0 && intervalMs % MillisecondsPerDay != 0)
        {
            throw new ArgumentException($"Cannot align {TimeText.Duration(intervalMs)} buckets to UTC days: the target must divide 24h or be a whole number of days.", nameof(intervalMs));
        }

        var times = data.OpenTimeMs.Span;
        int n = times.Length;
        long barsPerBucket = intervalMs / source;

        // Pass 1: bucket boundaries in the source.
        var starts = new List<int>();
        long currentBucket = long.MinValue;
        for (int i = 0; i < n; i++)
        {
            long bucket = BucketStart(times[i], intervalMs);
            if (bucket != currentBucket)
            {
                starts.Add(i);
                currentBucket = bucket;
            }
        }

        starts.Add(n);
        int firstBucket = 0, endBucket = starts.Count - 1;
        int dropped = 0;
        if (policy == PartialBucketPolicy.DropIncompleteEdges && endBucket > firstBucket)
        {
            if (starts[1] - starts[0] < barsPerBucket)
            {
                firstBucket++;
                dropped++;
            }

            if (endBucket > firstBucket && starts[endBucket] - starts[endBucket - 1] < barsPerBucket)
            {
                endBucket--;
                dropped++;
            }
        }

        int count = endBucket - firstBucket;
        var openTime = new long[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        bool hasMark = data.HasMarkPrice;
        var markOpen = hasMark ? new double[count] : [];
        var markHigh = hasMark ? new double[count] : [];
        var markLow = hasMark ? new double[count] : [];
        var markClose = hasMark ? new double[count] : [];
        var o = data.Open.Span;
        var h = data.High.Span;
        var l = data.Low.Span;
        var c = data.Close.Span;
        var v = data.Volume.Span;
        var mo = data.MarkOpen.Span;
        var mh = data.MarkHigh.Span;
        var ml = data.MarkLow.Span;
        var mc = data.MarkClose.Span;
        int incomplete = 0;
        sourceStart = new int[count + 1];
        for (int k = 0; k < count; k++)
        {
            int from = starts[firstBucket + k], to = starts[firstBucket + k + 1];
            sourceStart[k] = from;
            if (to - from < barsPerBucket)
            {
                incomplete++;
            }

            openTime[k] = BucketStart(times[from], intervalMs);
            open[k] = o[from];
            close[k] = c[to - 1];
            double hi = h[from], lo = l[from], vol = 0;
            for (int i = from; i < to; i++)
            {
                hi = Math.Max(hi, h[i]);
                lo = Math.Min(lo, l[i]);
                vol += v[i];
            }

            high[k] = hi;
            low[k] = lo;
            volume[k] = vol;
            if (hasMark)
            {
                markOpen[k] = mo[from];
                markClose[k] = mc[to - 1];
                double mhi = mh[from], mlo = ml[from];
                for (int i = from; i < to; i++)
                {
                    mhi = Math.Max(mhi, mh[i]);
                    mlo = Math.Min(mlo, ml[i]);
                }

                markHigh[k] = mhi;
                markLow[k] = mlo;
            }
        }

        sourceStart[count] = count == 0 ? 0 : starts[endBucket];
        summary = new ResampleSummary(source, intervalMs, count, incomplete, dropped);
        return new MarketData(
            data.Symbol,
            intervalMs,
            openTime,
            open,
            high,
            low,
            close,
            volume,
            markOpen,
            markHigh,
            markLow,
            markClose,
            FundingWindow.Within(data.Funding, openTime));
    }

    private static long BucketStart(long timeMs, long intervalMs)
    {
        // 1970-01-01 was a Thursday; weeks start on Monday 1970-01-05.
        long origin = intervalMs % MillisecondsPerWeek == 0 ? 4 * MillisecondsPerDay : 0;
        long shifted = timeMs - origin;
        long quotient = shifted / intervalMs;
        if ((shifted % intervalMs) < 0)
        {
            quotient--;
        }

        return (quotient * intervalMs) + origin;
    }
}
