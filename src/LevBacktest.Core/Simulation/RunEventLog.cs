namespace LevBacktest.Core.Simulation;

/// <summary>The events one run records, in time order: trades, liquidations, funding payments, stop and take-profit fills.</summary>
internal sealed class RunEventLog
{
    /// <summary>An empty log sized for about <paramref name="fundingEvents"/> funding payments, in fresh lists.</summary>
    public RunEventLog(int fundingEvents)
        : this(fundingEvents, new RunBuffers(pool: null, barCount: 0))
    {
    }

    /// <summary>An empty log in the (emptied) lists of a run's buffers, sized for about <paramref name="fundingEvents"/> funding payments.</summary>
    public RunEventLog(int fundingEvents, RunBuffers buffers)
    {
        Trades = buffers.Trades;
        Liquidations = buffers.Liquidations;
        FundingPayments = buffers.FundingPayments;
        FundingPayments.EnsureCapacity(fundingEvents);
        StopEvents = buffers.StopEvents;
    }

    /// <summary>Trades in entry order.</summary>
    public List<TradeRecord> Trades { get; }

    /// <summary>Liquidations.</summary>
    public List<LiquidationRecord> Liquidations { get; }

    /// <summary>Funding settlements on open positions.</summary>
    public List<FundingPaymentRecord> FundingPayments { get; }

    /// <summary>Stop-loss and take-profit fills.</summary>
    public List<StopEventRecord> StopEvents { get; }

    /// <summary>Stop fills.</summary>
    public int StopCount { get; private set; }

    /// <summary>Take-profit fills.</summary>
    public int TakeProfitCount { get; private set; }

    /// <summary>Open time (UTC ms) of the bar of the first liquidation, NaN if none.</summary>
    public double FirstLiquidationTimeMs { get; private set; } = double.NaN;

    /// <summary>Records a stop or take-profit fill.</summary>
    public void AddStop(int bar, long timeMs, StopEventKind kind, double level, double fill, bool gap)
    {
        StopEvents.Add(new StopEventRecord(timeMs, bar, kind, level, fill, gap));
        if (kind == StopEventKind.Stop)
        {
            StopCount++;
        }
        else
        {
            TakeProfitCount++;
        }
    }

    /// <summary>Records a liquidation.</summary>
    public void AddLiquidation(in LiquidationRecord liquidation)
    {
        if (Liquidations.Count == 0)
        {
            FirstLiquidationTimeMs = liquidation.TimeMs;
        }

        Liquidations.Add(liquidation);
    }
}
