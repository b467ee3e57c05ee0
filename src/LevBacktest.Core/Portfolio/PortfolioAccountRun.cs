using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// The account of a portfolio seen as one run, so the single-run writers and reports take it as is: the account's metrics
/// and equity curve, and every instrument's events merged in time order, each list with a parallel array naming the
/// instrument (index into <see cref="PortfolioResult.Instruments"/>) of each record.
/// </summary>
/// <remarks>
/// The records are the instruments' own: their Bar fields index the instrument's own bars, not the portfolio's clock —
/// use their times. Ties in time keep instrument order. RejectedOrders, ReducedOrders and MarkFallbackBars are sums over
/// the instruments.
/// </remarks>
public sealed class PortfolioAccountRun
{
    internal PortfolioAccountRun(RunResult run, int[] tradeInstrument, int[] liquidationInstrument, int[] fundingPaymentInstrument, int[] stopEventInstrument)
    {
        Run = run;
        TradeInstrument = tradeInstrument;
        LiquidationInstrument = liquidationInstrument;
        FundingPaymentInstrument = fundingPaymentInstrument;
        StopEventInstrument = stopEventInstrument;
    }

    /// <summary>Account metrics and curve (as <see cref="PortfolioResult.Metrics"/> and <see cref="PortfolioResult.Account"/>), merged events:
    /// trades in entry-time order, liquidations, funding payments and stop events in time order.</summary>
    public RunResult Run { get; }

    /// <summary>Length Run.Trades.Count: the instrument of each trade.</summary>
    public int[] TradeInstrument { get; }

    /// <summary>Length Run.Liquidations.Count: the instrument of each liquidation record.</summary>
    public int[] LiquidationInstrument { get; }

    /// <summary>Length Run.FundingPayments.Count: the instrument of each funding payment.</summary>
    public int[] FundingPaymentInstrument { get; }

    /// <summary>Length Run.StopEvents.Count: the instrument of each stop or take-profit fill.</summary>
    public int[] StopEventInstrument { get; }

    /// <summary>Merges per-instrument lists by <paramref name="timeOf"/>, ties in instrument then list order.</summary>
    internal static (List<T> Records, int[] Instrument) Merge<T>(IReadOnlyList<IReadOnlyList<T>> lists, Func<T, long> timeOf)
    {
        var keys = new List<(long Time, int Instrument, int Index)>();
        for (int k = 0; k < lists.Count; k++)
        {
            for (int r = 0; r < lists[k].Count; r++)
            {
                keys.Add((timeOf(lists[k][r]), k, r));
            }
        }

        keys.Sort();
        var records = new List<T>(keys.Count);
        var instrument = new int[keys.Count];
        for (int j = 0; j < keys.Count; j++)
        {
            records.Add(lists[keys[j].Instrument][keys[j].Index]);
            instrument[j] = keys[j].Instrument;
        }

        return (records, instrument);
    }
}
