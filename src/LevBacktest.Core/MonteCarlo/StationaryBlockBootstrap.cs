using LevBacktest.Core.Data;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Stationary block bootstrap of whole bars (Politis and Romano, "The Stationary Bootstrap", JASA 89(428), 1994):
/// a path is a chain of blocks of consecutive historical bars whose lengths are geometric with mean
/// <see cref="MeanBlockBars"/> (each next bar starts a new block at a uniformly drawn bar with probability
/// 1 / mean block, else continues the current one, wrapping from the last bar to the first).
/// </summary>
/// <remarks>
/// A bar is resampled whole: every price of a block — last-price open, high, low, close, the mark-price bar and the
/// mark price of its funding settlements — is the historical price times one factor, chosen so that the block's first
/// open sits at the previous generated close times that bar's own historical gap (open / previous close; 1 for the
/// data's first bar). Within a block the gaps, intrabar ranges, the basis between mark and last price, and the funding
/// rates that settled in each bar are therefore exactly history's; the path is chained from the data's first open and
/// its bars are stamped contiguously from the data's first open time. Funding events keep their offset from their bar's
/// open (clamped into the bar's settlement window), so each settles in the bar it came with.
/// What it keeps and breaks is in the README ("Risk of ruin").
/// </remarks>
public sealed class StationaryBlockBootstrap : IPathGenerator
{
    private readonly MarketData _history;
    private readonly double[] _gap;
    private readonly int[] _fundingFirst;
    private readonly long[] _fundingOffsetMs;
    private readonly double _restartProbability;
    private readonly bool _hasFundingMark;

    /// <summary>Prepares the bootstrap of <paramref name="history"/>.</summary>
    /// <param name="history">The data to resample, at least two bars (validated, as loaded).</param>
    /// <param name="barCount">Bars per path, at least 2.</param>
    /// <param name="meanBlockBars">Mean block length in bars, ≥ 1; <see cref="double.PositiveInfinity"/> for one block per path.</param>
    /// <param name="firstBlockAtDataStart">
    /// Start every path's first block at the data's first bar instead of a uniformly drawn one. With an infinite mean
    /// block and as many bars as the data, every path is then the history itself (the check that the machinery reproduces
    /// <c>levbt run</c>).
    /// </param>
    /// <exception cref="ArgumentException">Fewer than two bars of history, fewer than 2 bars per path, or a mean block below 1.</exception>
    public StationaryBlockBootstrap(MarketData history, int barCount, double meanBlockBars, bool firstBlockAtDataStart = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 2)
        {
            throw new ArgumentException($"The block bootstrap needs at least two bars of history, got {history.Count}.", nameof(history));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(barCount, 2);
        if (!(meanBlockBars >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(meanBlockBars), meanBlockBars, "The mean block length must be at least one bar.");
        }

        _history = history;
        BarCount = barCount;
        MeanBlockBars = meanBlockBars;
        FirstBlockAtDataStart = firstBlockAtDataStart;
        _restartProbability = double.IsPositiveInfinity(meanBlockBars) ? 0 : 1 / meanBlockBars;
        int n = history.Count;
        var open = history.Open.Span;
        var close = history.Close.Span;
        _gap = new double[n];
        _gap[0] = 1;
        for (int i = 1; i < n; i++)
        {
            _gap[i] = open[i] / close[i - 1];
        }

        // Events settling at bar i are [first[i], first[i + 1]) because settlement bar indices are non-decreasing.
        var settlementBar = history.FundingBarIndex.Span;
        var times = history.OpenTimeMs.Span;
        var eventTimes = history.Funding.TimeMs.Span;
        _fundingFirst = new int[n + 1];
        _fundingOffsetMs = new long[settlementBar.Length];
        int e = 0;
        for (int i = 0; i <= n; i++)
        {
            while (e < settlementBar.Length && settlementBar[e] < i)
            {
                e++;
            }

            _fundingFirst[i] = e;
        }

        // A settlement at time T settles at the first bar opening at or after T − tolerance: keep the offset inside
        // (−interval + tolerance, tolerance] so that it settles in the same bar of the generated path.
        long tolerance = FundingEvents.SettlementToleranceMs;
        for (int k = 0; k < settlementBar.Length; k++)
        {
            if (settlementBar[k] < n)
            {
                long offset = eventTimes[k] - times[settlementBar[k]];
                _fundingOffsetMs[k] = Math.Clamp(offset, -history.BarIntervalMs + tolerance + 1, tolerance);
            }
        }

        _hasFundingMark = !history.Funding.MarkPrice.IsEmpty;
    }

    /// <inheritdoc/>
    public int BarCount { get; }

    /// <inheritdoc/>
    public long BarIntervalMs => _history.BarIntervalMs;

    /// <summary>Mean block length in bars (infinite: one block per path).</summary>
    public double MeanBlockBars { get; }

    /// <summary>Whether every path's first block starts at the data's first bar.</summary>
    public bool FirstBlockAtDataStart { get; }

    /// <inheritdoc/>
    public string Description => double.IsPositiveInfinity(MeanBlockBars)
        ? $"stationary block bootstrap of {_history.Count} bars, one block per path"
        : FormattableString.Invariant($"stationary block bootstrap of {_history.Count} bars, mean block {MeanBlockBars:0.##} bars");

    /// <inheritdoc/>
    public MarketData Generate(PathRandom random, PathBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.BarCount != BarCount)
        {
            throw new ArgumentException($"The buffer holds {buffer.BarCount} bars, the generator makes {BarCount}.", nameof(buffer));
        }

        var h = _history;
        int n = h.Count;
        var open = h.Open.Span;
        var high = h.High.Span;
        var low = h.Low.Span;
        var close = h.Close.Span;
        var volume = h.Volume.Span;
        bool mark = h.HasMarkPrice;
        var markOpen = h.MarkOpen.Span;
        var markHigh = h.MarkHigh.Span;
        var markLow = h.MarkLow.Span;
        var markClose = h.MarkClose.Span;
        var rate = h.Funding.Rate.Span;
        var fundingMark = h.Funding.MarkPrice.Span;
        long start = h.OpenTimeMs.Span[0];
        long interval = h.BarIntervalMs;

        int source = FirstBlockAtDataStart ? 0 : random.NextInt(n);
        double previousClose = open[0];
        double scale = previousClose * _gap[source] / open[source];
        int events = 0;
        long lastEventTime = long.MinValue;
        for (int j = 0; j < BarCount; j++)
        {
            if (j > 0)
            {
                bool restart = random.NextDouble() < _restartProbability;
                int next = source + 1;
                if (restart || next == n)
                {
                    source = restart ? random.NextInt(n) : 0;
                    scale = previousClose * _gap[source] / open[source];
                }
                else
                {
                    source = next;
                }
            }

            long openTime = start + (j * interval);
            buffer.OpenTimeMs[j] = openTime;
            buffer.Open[j] = scale * open[source];
            buffer.High[j] = scale * high[source];
            buffer.Low[j] = scale * low[source];
            buffer.Close[j] = previousClose = scale * close[source];
            buffer.Volume[j] = volume[source];
            if (mark)
            {
                buffer.MarkOpen[j] = scale * markOpen[source];
                buffer.MarkHigh[j] = scale * markHigh[source];
                buffer.MarkLow[j] = scale * markLow[source];
                buffer.MarkClose[j] = scale * markClose[source];
            }

            int first = _fundingFirst[source];
            int end = _fundingFirst[source + 1];
            if (end > first)
            {
                buffer.EnsureFundingCapacity(events + (end - first), events);
                for (int k = first; k < end; k++)
                {
                    long time = Math.Max(openTime + _fundingOffsetMs[k], lastEventTime + 1);
                    buffer.FundingTimeMs[events] = lastEventTime = time;
                    buffer.FundingRate[events] = rate[k];
                    buffer.FundingMarkPrice[events] = _hasFundingMark ? scale * fundingMark[k] : double.NaN;
                    events++;
                }
            }
        }

        return buffer.ToMarketData(h.Symbol, interval, mark, markIsLastPrice: false, events, _hasFundingMark);
    }
}
