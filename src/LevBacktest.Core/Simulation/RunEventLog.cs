namespace LevBacktest.Core.Simulation;

/// <summary>The events one run records, in time order: trades, liquidations, funding payments, stop and take-profit fills.</summary>
internal sealed class RunEventLog
{
    /// <summary>An empty log sized for about <paramref name="fundingEvents"/> funding payments.</summary>
    public RunEventLog(int fundingEvents) => FundingPayments = new List<FundingPaymentRecord>(Math.Max(4, fundingEvents));

    /// <summary>Trades in entry order.</summary>
    public List<TradeRecord> Trades { get; } = new(16);

    /// <summary>Liquidations.</summary>
    public List<LiquidationRecord> Liquidations { get; } = new(4);

    /// <summary>Funding settlements on open positions.</summary>
    public List<FundingPaymentRecord> FundingPayments { get; }

    /// <summary>Stop-loss and take-profit fills.</summary>
    public List<StopEventRecord> StopEvents { get; } = new(16);

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
