using LevBacktest.Core.Portfolio;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// The per-instrument side of one portfolio run, beside the account's <see cref="Simulation.RunResult"/>: each
/// instrument's exposure, contribution and bars without data, and which instrument each of the account's events
/// belongs to. Money is in the settlement asset (USDT, or the coin of inverse contracts).
/// </summary>
public sealed class PortfolioRunDetail
{
    internal PortfolioRunDetail(PortfolioResult result, int[] tradeInstrument, int[] liquidationInstrument, int[] fundingInstrument, int[] stopInstrument)
        : this(result.OpenTimeMs, result.Instruments, result.Liquidations, tradeInstrument, liquidationInstrument, fundingInstrument, stopInstrument)
    {
    }

    private PortfolioRunDetail(long[] openTimeMs, IReadOnlyList<PortfolioInstrumentResult> instruments, IReadOnlyList<PortfolioLiquidationRecord> accountLiquidations,
        int[] tradeInstrument, int[] liquidationInstrument, int[] fundingInstrument, int[] stopInstrument)
    {
        OpenTimeMs = openTimeMs;
        Instruments = instruments;
        Totals = instruments.Select(PortfolioInstrumentTotals.Of).ToArray();
        AccountLiquidations = accountLiquidations;
        TradeInstrument = tradeInstrument;
        LiquidationInstrument = liquidationInstrument;
        FundingInstrument = fundingInstrument;
        StopInstrument = stopInstrument;
    }

    /// <summary>Each instrument's totals (contribution, counts), in spec order; kept when the rows are dropped.</summary>
    public IReadOnlyList<PortfolioInstrumentTotals> Totals { get; private init; }

    /// <summary>The clock: the union of the instruments' bar open times, UTC ms, length n.</summary>
    public long[] OpenTimeMs { get; }

    /// <summary>Each instrument's result (notional and liquidation price per clock bar, events, contribution), in spec order; empty once the rows are written.</summary>
    public IReadOnlyList<PortfolioInstrumentResult> Instruments { get; }

    /// <summary>The liquidations as the account saw them (a cross liquidation takes every position at one clock bar).</summary>
    public IReadOnlyList<PortfolioLiquidationRecord> AccountLiquidations { get; }

    /// <summary>
    /// This detail once its rows are written (<see cref="Results.ResultsStreamWriter"/>): each instrument's totals
    /// (contribution, counts) without its per-bar arrays and events; the clock and the event owners are dropped too.
    /// </summary>
    internal PortfolioRunDetail WithoutRows()
        => new([], [], AccountLiquidations, [], [], [], []) { Totals = Totals };

    /// <summary>Instrument index of each of the account result's trades (same order and length).</summary>
    public int[] TradeInstrument { get; }

    /// <summary>Instrument index of each of the account result's liquidations.</summary>
    public int[] LiquidationInstrument { get; }

    /// <summary>Instrument index of each of the account result's funding payments.</summary>
    public int[] FundingInstrument { get; }

    /// <summary>Instrument index of each of the account result's stop fills.</summary>
    public int[] StopInstrument { get; }
}
