using LevBacktest.Core.Data;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// One worker's reusable columns for the path it is generating: bar times, last-price OHLCV, mark-price OHLC and
/// funding events. A generator fills the first <c>barCount</c> entries and wraps them with <see cref="ToMarketData"/>;
/// the next path overwrites them, so a worker allocates its columns once, not once per path.
/// </summary>
/// <remarks>Not thread-safe: one buffer per worker. Funding columns grow on demand (doubling).</remarks>
public sealed class PathBuffer
{
    /// <summary>Creates columns for paths of <paramref name="barCount"/> bars.</summary>
    /// <param name="barCount">Bars per path, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="barCount"/> is not positive.</exception>
    public PathBuffer(int barCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(barCount, 1);
        BarCount = barCount;
        OpenTimeMs = new long[barCount];
        Open = new double[barCount];
        High = new double[barCount];
        Low = new double[barCount];
        Close = new double[barCount];
        Volume = new double[barCount];
        MarkOpen = new double[barCount];
        MarkHigh = new double[barCount];
        MarkLow = new double[barCount];
        MarkClose = new double[barCount];
    }

    /// <summary>Bars per path: the length of every bar column.</summary>
    public int BarCount { get; }

    /// <summary>Bar open times, UTC epoch ms, length <see cref="BarCount"/>.</summary>
    public long[] OpenTimeMs { get; }

    /// <summary>Last-price open (USDT), length <see cref="BarCount"/>.</summary>
    public double[] Open { get; }

    /// <summary>Last-price high (USDT), length <see cref="BarCount"/>.</summary>
    public double[] High { get; }

    /// <summary>Last-price low (USDT), length <see cref="BarCount"/>.</summary>
    public double[] Low { get; }

    /// <summary>Last-price close (USDT), length <see cref="BarCount"/>.</summary>
    public double[] Close { get; }

    /// <summary>Volume (base units), length <see cref="BarCount"/>.</summary>
    public double[] Volume { get; }

    /// <summary>Mark-price open (USDT), length <see cref="BarCount"/>; NaN where the mark is unknown.</summary>
    public double[] MarkOpen { get; }

    /// <summary>Mark-price high (USDT), length <see cref="BarCount"/>.</summary>
    public double[] MarkHigh { get; }

    /// <summary>Mark-price low (USDT), length <see cref="BarCount"/>.</summary>
    public double[] MarkLow { get; }

    /// <summary>Mark-price close (USDT), length <see cref="BarCount"/>.</summary>
    public double[] MarkClose { get; }

    /// <summary>Funding settlement times (UTC epoch ms), capacity ≥ the events written; see <see cref="EnsureFundingCapacity"/>.</summary>
    public long[] FundingTimeMs { get; private set; } = new long[64];

    /// <summary>Funding rates per settlement (fractions), same capacity as <see cref="FundingTimeMs"/>.</summary>
    public double[] FundingRate { get; private set; } = new double[64];

    /// <summary>Mark price at settlement (USDT, NaN when unknown), same capacity as <see cref="FundingTimeMs"/>.</summary>
    public double[] FundingMarkPrice { get; private set; } = new double[64];

    /// <summary>Makes room for at least <paramref name="count"/> funding events, keeping the first <paramref name="keep"/>.</summary>
    /// <param name="count">Events needed.</param>
    /// <param name="keep">Events already written that must survive the growth.</param>
    public void EnsureFundingCapacity(int count, int keep)
    {
        if (count <= FundingTimeMs.Length)
        {
            return;
        }

        int capacity = Math.Max(count, FundingTimeMs.Length * 2);
        var times = new long[capacity];
        var rates = new double[capacity];
        var marks = new double[capacity];
        Array.Copy(FundingTimeMs, times, keep);
        Array.Copy(FundingRate, rates, keep);
        Array.Copy(FundingMarkPrice, marks, keep);
        FundingTimeMs = times;
        FundingRate = rates;
        FundingMarkPrice = marks;
    }

    /// <summary>Wraps the filled columns (no copy) as market data.</summary>
    /// <param name="symbol">Symbol of the synthetic path.</param>
    /// <param name="barIntervalMs">Bar length in ms.</param>
    /// <param name="markPrice">Whether the mark columns were filled; when false the data has no mark series.</param>
    /// <param name="markIsLastPrice">Whether the mark price equals the last price (the last-price columns are then passed as the mark series).</param>
    /// <param name="fundingCount">Funding events written.</param>
    /// <param name="fundingMarkPrice">Whether <see cref="FundingMarkPrice"/> was filled; when false the events carry no mark price.</param>
    public MarketData ToMarketData(string symbol, long barIntervalMs, bool markPrice, bool markIsLastPrice, int fundingCount, bool fundingMarkPrice)
    {
        int n = BarCount;
        var funding = fundingCount == 0
            ? FundingEvents.Empty
            : new FundingEvents(FundingTimeMs.AsMemory(0, fundingCount), FundingRate.AsMemory(0, fundingCount), fundingMarkPrice ? FundingMarkPrice.AsMemory(0, fundingCount) : default);
        bool hasMark = markPrice || markIsLastPrice;
        return new MarketData(
            symbol,
            barIntervalMs,
            OpenTimeMs,
            Open,
            High,
            Low,
            Close,
            Volume,
            !hasMark ? default : markIsLastPrice ? Open : MarkOpen.AsMemory(0, n),
            !hasMark ? default : markIsLastPrice ? High : MarkHigh.AsMemory(0, n),
            !hasMark ? default : markIsLastPrice ? Low : MarkLow.AsMemory(0, n),
            !hasMark ? default : markIsLastPrice ? Close : MarkClose.AsMemory(0, n),
            funding);
    }
}
