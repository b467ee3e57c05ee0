namespace LevBacktest.Core.Portfolio;

/// <summary>
/// What a portfolio run produced, on its bar clock (the union of the instruments' bar open times): the account's
/// equity, each instrument's notional and liquidation price per bar, the liquidations, and per-instrument totals.
/// Arrays per instrument are indexed [instrument][bar]; all bar arrays have <see cref="OpenTimeMs"/>'s length.
/// </summary>
public sealed class PortfolioResult
{
    internal PortfolioResult(long[] openTimeMs, double[] equity, double[][] notional, double[][] liquidationPrice, IReadOnlyList<PortfolioLiquidationRecord> liquidations,
        double[] fundingPaid, double[] feesPaid, double[] unrealizedPnl, int[] barsWithoutData, int[] fundingEventsSkipped)
    {
        OpenTimeMs = openTimeMs;
        Equity = equity;
        Notional = notional;
        LiquidationPrice = liquidationPrice;
        Liquidations = liquidations;
        FundingPaid = fundingPaid;
        FeesPaid = feesPaid;
        UnrealizedPnl = unrealizedPnl;
        BarsWithoutData = barsWithoutData;
        FundingEventsSkipped = fundingEventsSkipped;
    }

    /// <summary>The clock: bar open times, UTC ms, strictly increasing.</summary>
    public long[] OpenTimeMs { get; }

    /// <summary>Account equity at each bar close (wallets + uPnL at the mark closes), USDT.</summary>
    public double[] Equity { get; }

    /// <summary>Notional of each instrument's position at each bar close (0 when flat), USDT: exposure by instrument.</summary>
    public double[][] Notional { get; }

    /// <summary>Each position's liquidation price at each bar close (cross: with the others' TMM and UPNL at their mark closes); NaN when flat.</summary>
    public double[][] LiquidationPrice { get; }

    /// <summary>Liquidations in time order.</summary>
    public IReadOnlyList<PortfolioLiquidationRecord> Liquidations { get; }

    /// <summary>Net funding paid per instrument (positive = paid), USDT.</summary>
    public double[] FundingPaid { get; }

    /// <summary>Trading fees per instrument, USDT.</summary>
    public double[] FeesPaid { get; }

    /// <summary>uPnL per instrument of positions still open at the end (at the last mark), USDT.</summary>
    public double[] UnrealizedPnl { get; }

    /// <summary>Bars of the clock at which an instrument had no bar (before its listing, or a gap): it did not trade there and was marked at its last mark.</summary>
    public int[] BarsWithoutData { get; }

    /// <summary>Funding events per instrument that fell where it had no bar, and so settled nothing.</summary>
    public int[] FundingEventsSkipped { get; }

    /// <summary>Open time of the first liquidation's bar, UTC ms, or null.</summary>
    public long? FirstLiquidationTimeMs => Liquidations.Count > 0 ? Liquidations[0].TimeMs : null;
}
