using LevBacktest.Core.Data;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// What one instrument of a portfolio did: its exposure and liquidation price per clock bar, its events (as a single run
/// records them, bar indices into the instrument's OWN bars), and its contribution to the account. Money in the
/// portfolio's settlement asset; per-bar arrays have the clock's length n.
/// </summary>
public sealed class PortfolioInstrumentResult
{
    internal PortfolioInstrumentResult(string symbol, int[] barIndex, int barsWithoutData, int fundingEventsSkipped, double[] notional, sbyte[] side,
        double[] liquidationPrice, IReadOnlyList<TradeRecord> trades, IReadOnlyList<LiquidationRecord> liquidations, IReadOnlyList<FundingPaymentRecord> fundingPayments,
        IReadOnlyList<StopEventRecord> stopEvents, double realizedPnl, double unrealizedPnl, double feesPaid, double fundingPaid, double marginLost, long barIntervalMs)
    {
        _barIntervalMs = barIntervalMs;
        Symbol = symbol;
        BarIndex = barIndex;
        BarsWithoutData = barsWithoutData;
        FundingEventsSkipped = fundingEventsSkipped;
        Notional = notional;
        Side = side;
        LiquidationPrice = liquidationPrice;
        Trades = trades;
        Liquidations = liquidations;
        FundingPayments = fundingPayments;
        StopEvents = stopEvents;
        RealizedPnl = realizedPnl;
        UnrealizedPnl = unrealizedPnl;
        FeesPaid = feesPaid;
        FundingPaid = fundingPaid;
        MarginLost = marginLost;
    }

    private readonly long _barIntervalMs;

    /// <summary>The instrument's symbol (from its market data).</summary>
    public string Symbol { get; }

    /// <summary>Length n: for each clock bar, the instrument's own bar index there, or −1 where it has no bar (before its
    /// listing, after its last bar, or a gap): there it did not trade, settled no funding and was marked at its last mark.</summary>
    public int[] BarIndex { get; }

    /// <summary>Number of clock bars where <see cref="BarIndex"/> is −1.</summary>
    public int BarsWithoutData { get; }

    /// <summary>The spans of consecutive clock bars where <see cref="BarIndex"/> is −1, in time order (computed on each call):
    /// FromMs = open time of the span's first clock bar, ToMs = open time of its last + the bar interval (exclusive).</summary>
    /// <param name="clock">The portfolio's clock, <see cref="PortfolioResult.OpenTimeMs"/>.</param>
    /// <returns>One span per run of missing bars.</returns>
    /// <exception cref="ArgumentException"><paramref name="clock"/>'s length is not <see cref="BarIndex"/>'s.</exception>
    public IReadOnlyList<BarSpan> SpansWithoutData(long[] clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.Length != BarIndex.Length)
        {
            throw new ArgumentException($"The clock has {clock.Length} bars, this instrument's map {BarIndex.Length}.", nameof(clock));
        }

        var spans = new List<BarSpan>();
        for (int i = 0; i < BarIndex.Length; i++)
        {
            if (BarIndex[i] >= 0)
            {
                continue;
            }

            int start = i;
            while (i + 1 < BarIndex.Length && BarIndex[i + 1] < 0)
            {
                i++;
            }

            spans.Add(new BarSpan(clock[start], clock[i] + _barIntervalMs, i - start + 1));
        }

        return spans;
    }

    /// <summary>Funding events that fell at clock bars where the instrument had no bar, and so settled nothing.</summary>
    public int FundingEventsSkipped { get; }

    /// <summary>Length n: the position's notional (money, ≥ 0) at each bar close, at the instrument's mark close (its last mark where it has no bar).</summary>
    public double[] Notional { get; }

    /// <summary>Length n: the position's side at each bar close (+1, −1, 0 flat).</summary>
    public sbyte[] Side { get; }

    /// <summary>Length n: the position's liquidation price at each bar close (quote currency; cross: with every other position's
    /// TMM and UPNL at their mark closes), NaN when flat; 0 (long) or +∞ (short) when no price liquidates it.</summary>
    public double[] LiquidationPrice { get; }

    /// <summary>Trades in entry order, with their exit reason; a position open at the end is a trade with reason End.</summary>
    public IReadOnlyList<TradeRecord> Trades { get; }

    /// <summary>This instrument's liquidations (own bar index; cross: the account's liquidation as it hit this position).</summary>
    public IReadOnlyList<LiquidationRecord> Liquidations { get; }

    /// <summary>Funding settled on this instrument's position.</summary>
    public IReadOnlyList<FundingPaymentRecord> FundingPayments { get; }

    /// <summary>Stop-loss and take-profit fills of this instrument.</summary>
    public IReadOnlyList<StopEventRecord> StopEvents { get; }

    /// <summary>Realised PnL of its closes and reductions (money).</summary>
    public double RealizedPnl { get; }

    /// <summary>uPnL of its position still open at the end, at its last mark close (money).</summary>
    public double UnrealizedPnl { get; }

    /// <summary>Trading fees paid on it (money).</summary>
    public double FeesPaid { get; }

    /// <summary>Net funding paid on it (money; positive = paid, negative = received).</summary>
    public double FundingPaid { get; }

    /// <summary>Money lost with it to liquidation.</summary>
    public double MarginLost { get; }

    /// <summary>Its contribution to the account: <see cref="RealizedPnl"/> + <see cref="UnrealizedPnl"/> − <see cref="FeesPaid"/>
    /// − <see cref="FundingPaid"/> − <see cref="MarginLost"/>. The contributions add up to final equity − initial capital.</summary>
    public double ProfitAndLoss => RealizedPnl + UnrealizedPnl - FeesPaid - FundingPaid - MarginLost;
}
