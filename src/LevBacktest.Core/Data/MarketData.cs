using System.Runtime.CompilerServices;

namespace LevBacktest.Core.Data;

/// <summary>
/// Immutable, column-wise market data of one linear perpetual: last-price OHLCV bars, optional
/// mark-price OHLC aligned one-to-one with the bars, and funding settlements.
/// </summary>
/// <remarks>
/// Shapes: every bar column has length <see cref="Count"/>; the mark columns have length
/// <see cref="Count"/> when <see cref="HasMarkPrice"/>, else they are empty. Bar i covers
/// [OpenTimeMs[i], OpenTimeMs[i] + BarIntervalMs). Units: times in UTC epoch milliseconds, prices in
/// quote currency (USDT), volume in base units. Content (ordering, positivity, OHLC consistency) is
/// checked by the data validator at load, not by this constructor, which only checks shapes.
/// </remarks>
public sealed class MarketData
{
    /// <summary>Creates market data from columns. The memories are kept, not copied.</summary>
    /// <param name="symbol">Exchange symbol, e.g. "BTCUSDT".</param>
    /// <param name="barIntervalMs">Bar length in milliseconds (3,600,000 for 1h); must be positive.</param>
    /// <param name="openTimeMs">Bar open times, UTC epoch milliseconds.</param>
    /// <param name="open">Last-price open (USDT).</param>
    /// <param name="high">Last-price high (USDT).</param>
    /// <param name="low">Last-price low (USDT).</param>
    /// <param name="close">Last-price close (USDT).</param>
    /// <param name="volume">Traded volume in base units.</param>
    /// <param name="markOpen">Mark-price open (USDT), or empty when no mark series is loaded.</param>
    /// <param name="markHigh">Mark-price high (USDT), or empty.</param>
    /// <param name="markLow">Mark-price low (USDT), or empty.</param>
    /// <param name="markClose">Mark-price close (USDT), or empty.</param>
    /// <param name="funding">Funding settlements; <see cref="FundingEvents.Empty"/> when none.</param>
    /// <exception cref="ArgumentException">Lengths disagree, the symbol is blank or the interval is not positive.</exception>
    public MarketData(
        string symbol,
        long barIntervalMs,
        ReadOnlyMemory<long> openTimeMs,
        ReadOnlyMemory<double> open,
        ReadOnlyMemory<double> high,
        ReadOnlyMemory<double> low,
        ReadOnlyMemory<double> close,
        ReadOnlyMemory<double> volume,
        ReadOnlyMemory<double> markOpen,
        ReadOnlyMemory<double> markHigh,
        ReadOnlyMemory<double> markLow,
        ReadOnlyMemory<double> markClose,
        FundingEvents funding)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(funding);
        if (barIntervalMs <= 0)
        {
            throw new ArgumentException($"Bar interval must be positive, got {barIntervalMs} ms.", nameof(barIntervalMs));
        }

        int n = openTimeMs.Length;
        RequireLength(open.Length, n, nameof(open));
        RequireLength(high.Length, n, nameof(high));
        RequireLength(low.Length, n, nameof(low));
        RequireLength(close.Length, n, nameof(close));
        RequireLength(volume.Length, n, nameof(volume));
        bool hasMark = !markOpen.IsEmpty || !markHigh.IsEmpty || !markLow.IsEmpty || !markClose.IsEmpty;
        if (hasMark)
        {
            RequireLength(markOpen.Length, n, nameof(markOpen));
            RequireLength(markHigh.Length, n, nameof(markHigh));
            RequireLength(markLow.Length, n, nameof(markLow));
            RequireLength(markClose.Length, n, nameof(markClose));
        }

        Symbol = symbol;
        BarIntervalMs = barIntervalMs;
        OpenTimeMs = openTimeMs;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
        MarkOpen = markOpen;
        MarkHigh = markHigh;
        MarkLow = markLow;
        MarkClose = markClose;
        Funding = funding;
    }

    // A reference (not a ReadOnlyMemory) so that parallel runs sharing this instance never see a torn value.
    private int[]? _fundingBarIndex;
    private ResolvedMarkSeries? _resolvedMark;
    private StrongBox<double>? _sumOfSquaredCloseReturns;

    /// <summary>Exchange symbol, e.g. "BTCUSDT".</summary>
    public string Symbol { get; }

    /// <summary>Bar length in milliseconds.</summary>
    public long BarIntervalMs { get; }

    /// <summary>Number of bars.</summary>
    public int Count => OpenTimeMs.Length;

    /// <summary>Bar open times, UTC epoch milliseconds, strictly increasing, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<long> OpenTimeMs { get; }

    /// <summary>Last-price open in USDT, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<double> Open { get; }

    /// <summary>Last-price high in USDT, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<double> High { get; }

    /// <summary>Last-price low in USDT, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<double> Low { get; }

    /// <summary>Last-price close in USDT, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<double> Close { get; }

    /// <summary>Traded volume in base units, length <see cref="Count"/>.</summary>
    public ReadOnlyMemory<double> Volume { get; }

    /// <summary>True when a mark-price series is loaded (the four mark columns have length <see cref="Count"/>).</summary>
    public bool HasMarkPrice => !MarkOpen.IsEmpty;

    /// <summary>Mark-price open in USDT, length <see cref="Count"/> or empty.</summary>
    public ReadOnlyMemory<double> MarkOpen { get; }

    /// <summary>Mark-price high in USDT, length <see cref="Count"/> or empty.</summary>
    public ReadOnlyMemory<double> MarkHigh { get; }

    /// <summary>Mark-price low in USDT, length <see cref="Count"/> or empty.</summary>
    public ReadOnlyMemory<double> MarkLow { get; }

    /// <summary>Mark-price close in USDT, length <see cref="Count"/> or empty.</summary>
    public ReadOnlyMemory<double> MarkClose { get; }

    /// <summary>Funding settlements (not necessarily aligned to bars).</summary>
    public FundingEvents Funding { get; }

    /// <summary>
    /// For each funding settlement, the index of the bar at whose open it settles (the first bar with
    /// open time ≥ settlement time − <see cref="FundingEvents.SettlementToleranceMs"/>), or
    /// <see cref="Count"/> when after the last bar. Length <see cref="FundingEvents.Count"/> of
    /// <see cref="Funding"/>; computed on first use and cached.
    /// </summary>
    public ReadOnlyMemory<int> FundingBarIndex => _fundingBarIndex ??= Funding.SettlementBarIndices(OpenTimeMs.Span);

    /// <summary>The mark series runs use (NaN bars filled from the last price), resolved on first use and cached.</summary>
    internal ResolvedMarkSeries ResolvedMark => _resolvedMark ??= ResolvedMarkSeries.Resolve(this);

    /// <summary>
    /// Σ r_t² over the last-price close-to-close returns r_t = close[t] / close[t − 1] − 1, t = 1 … Count − 1
    /// (0 for fewer than two bars), summed in bar order; computed on first use and cached, because every run
    /// over this data needs it for its analytic volatility drag.
    /// </summary>
    internal double SumOfSquaredCloseReturns => (_sumOfSquaredCloseReturns ??= new StrongBox<double>(SumOfSquaredReturns(Close.Span))).Value;

    private static double SumOfSquaredReturns(ReadOnlySpan<double> close)
    {
        double sum = 0;
        for (int i = 1; i < close.Length; i++)
        {
            double r = (close[i] / close[i - 1]) - 1;
            sum += r * r;
        }

        return sum;
    }

    /// <summary>Index of the bar with this open time, or −1 when there is none.</summary>
    /// <param name="openTimeMs">Bar open time, UTC epoch milliseconds.</param>
    public int IndexOf(long openTimeMs)
    {
        var times = OpenTimeMs.Span;
        int index = FundingEvents.LowerBound(times, openTimeMs);
        return index < times.Length && times[index] == openTimeMs ? index : -1;
    }

    /// <summary>
    /// The bars with <paramref name="fromMs"/> ≤ open time &lt; <paramref name="toMs"/>, and the funding
    /// events that settle at those bars (settlement time in [from − tolerance, to − tolerance), see
    /// <see cref="FundingEvents.SettlementToleranceMs"/>), sharing this instance's arrays (no copy).
    /// </summary>
    /// <param name="fromMs">Inclusive start, UTC epoch milliseconds.</param>
    /// <param name="toMs">Exclusive end, UTC epoch milliseconds.</param>
    public MarketData Slice(long fromMs, long toMs)
    {
        var times = OpenTimeMs.Span;
        int start = FundingEvents.LowerBound(times, fromMs);
        int end = Math.Max(start, FundingEvents.LowerBound(times, toMs));
        int length = end - start;
        return new MarketData(
            Symbol,
            BarIntervalMs,
            OpenTimeMs.Slice(start, length),
            Open.Slice(start, length),
            High.Slice(start, length),
            Low.Slice(start, length),
            Close.Slice(start, length),
            Volume.Slice(start, length),
            HasMarkPrice ? MarkOpen.Slice(start, length) : default,
            HasMarkPrice ? MarkHigh.Slice(start, length) : default,
            HasMarkPrice ? MarkLow.Slice(start, length) : default,
            HasMarkPrice ? MarkClose.Slice(start, length) : default,
            Funding.Slice(SaturatingSubtract(fromMs, FundingEvents.SettlementToleranceMs), SaturatingSubtract(toMs, FundingEvents.SettlementToleranceMs)));
    }

    private static long SaturatingSubtract(long value, long amount) => value < long.MinValue + amount ? long.MinValue : value - amount;

    private static void RequireLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Column '{name}' has {actual} values but there are {expected} bars.", name);
        }
    }
}
