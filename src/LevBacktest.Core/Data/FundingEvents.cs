namespace LevBacktest.Core.Data;

/// <summary>
/// Funding settlements of one perpetual contract, stored column-wise. All columns have length
/// <see cref="Count"/>; <see cref="TimeMs"/> is strictly increasing.
/// </summary>
/// <remarks>
/// Sign convention (DESIGN.md "Funding"): a positive <see cref="Rate"/> means longs pay shorts.
/// The payment of a position is side · quantity · markPrice · rate, in quote currency (USDT).
/// </remarks>
public sealed class FundingEvents
{
    /// <summary>
    /// How far before a bar's open a settlement may be stamped and still settle at that bar:
    /// 1,000 ms. Exchanges stamp settlements with millisecond jitter (16:00:00.003, or a few
    /// milliseconds early), so a settlement at time T settles at the first bar whose open time is
    /// ≥ T − 1 s, never by exact equality. Bars are assumed longer than this tolerance.
    /// </summary>
    public const long SettlementToleranceMs = 1_000;

    /// <summary>An empty series (no funding in the data).</summary>
    public static FundingEvents Empty { get; } = new(ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty);

    /// <summary>Creates a funding series. Values are not validated here; see the data validator.</summary>
    /// <param name="timeMs">Settlement times, UTC epoch milliseconds.</param>
    /// <param name="rate">Funding rate per interval as a fraction (0.0001 = 0.01 %), same length.</param>
    /// <param name="markPrice">Mark price at settlement (USDT), same length, NaN where the file has none;
    /// or empty when the file has no mark-price column at all.</param>
    /// <exception cref="ArgumentException">The column lengths disagree.</exception>
    public FundingEvents(ReadOnlyMemory<long> timeMs, ReadOnlyMemory<double> rate, ReadOnlyMemory<double> markPrice)
    {
        if (rate.Length != timeMs.Length)
        {
            throw new ArgumentException($"Funding rate column has {rate.Length} values but the time column has {timeMs.Length}.", nameof(rate));
        }

        if (!markPrice.IsEmpty && markPrice.Length != timeMs.Length)
        {
            throw new ArgumentException($"Funding mark-price column has {markPrice.Length} values but the time column has {timeMs.Length}.", nameof(markPrice));
        }

        TimeMs = timeMs;
        Rate = rate;
        MarkPrice = markPrice;
    }

    /// <summary>Settlement times, UTC epoch milliseconds, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<long> TimeMs { get; }

    /// <summary>Funding rate per interval as a fraction, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<double> Rate { get; }

    /// <summary>Mark price at settlement in USDT (NaN where unknown), length <see cref="Count"/>, or empty when absent.</summary>
    public ReadOnlyMemory<double> MarkPrice { get; }

    /// <summary>True when <see cref="MarkPrice"/> holds a column (possibly with NaN entries).</summary>
    public bool HasMarkPrice => !MarkPrice.IsEmpty;

    /// <summary>Number of settlements.</summary>
    public int Count => TimeMs.Length;

    /// <summary>
    /// The events with <paramref name="fromMs"/> ≤ time &lt; <paramref name="toMs"/>, sharing this instance's arrays (no copy).
    /// </summary>
    /// <param name="fromMs">Inclusive start, UTC epoch milliseconds.</param>
    /// <param name="toMs">Exclusive end, UTC epoch milliseconds.</param>
    public FundingEvents Slice(long fromMs, long toMs)
    {
        var times = TimeMs.Span;
        int start = LowerBound(times, fromMs);
        int end = Math.Max(start, LowerBound(times, toMs));
        return new FundingEvents(
            TimeMs.Slice(start, end - start),
            Rate.Slice(start, end - start),
            HasMarkPrice ? MarkPrice.Slice(start, end - start) : ReadOnlyMemory<double>.Empty);
    }

    /// <summary>
    /// For each settlement, the index of the bar at whose open it settles: the first bar with
    /// open time ≥ settlement time − <see cref="SettlementToleranceMs"/>; <paramref name="barOpenTimeMs"/>'s
    /// length when it settles after the last bar. Result length <see cref="Count"/>; non-decreasing.
    /// </summary>
    /// <param name="barOpenTimeMs">Strictly increasing bar open times, UTC epoch milliseconds.</param>
    public int[] SettlementBarIndices(ReadOnlySpan<long> barOpenTimeMs) => SettlementBarIndices(barOpenTimeMs, SettlementToleranceMs);

    /// <summary>
    /// For each settlement, the index of the bar at whose open it settles: the first bar with
    /// open time ≥ settlement time − <paramref name="toleranceMs"/>; <paramref name="barOpenTimeMs"/>'s
    /// length when it settles after the last bar. Result length <see cref="Count"/>; non-decreasing.
    /// </summary>
    /// <remarks>
    /// The tolerance absorbs the millisecond jitter of real settlement stamps (16:00:00.003 settles at the
    /// 16:00 bar). It must stay below the bar interval, or an event could settle a whole bar early; the
    /// engine checks that for its setting.
    /// </remarks>
    /// <param name="barOpenTimeMs">Strictly increasing bar open times, UTC epoch milliseconds.</param>
    /// <param name="toleranceMs">How early, in milliseconds, a bar may open before the settlement time and still take it (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toleranceMs"/> is negative.</exception>
    public int[] SettlementBarIndices(ReadOnlySpan<long> barOpenTimeMs, long toleranceMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(toleranceMs);
        var times = TimeMs.Span;
        var result = new int[times.Length];
        int bar = 0;
        for (int i = 0; i < times.Length; i++)
        {
            long earliestOpen = times[i] - toleranceMs;
            while (bar < barOpenTimeMs.Length && barOpenTimeMs[bar] < earliestOpen)
            {
                bar++;
            }

            result[i] = bar;
        }

        return result;
    }

    /// <summary>Index of the first element ≥ <paramref name="value"/> in an ascending span (its length when none).</summary>
    internal static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
