namespace LevBacktest.Core.Simulation;

/// <summary>
/// One run's storage: the five equity-curve arrays of <see cref="BarCount"/> elements each (see <see cref="EquityCurve"/>)
/// and the four event lists, fresh or rented from a <see cref="RunBufferPool"/>. The engine overwrites every curve
/// element at every bar close, so neither a fresh set (uninitialised memory) nor a reused one needs clearing beyond
/// emptying its lists.
/// </summary>
internal sealed class RunBuffers
{
    /// <summary>Fresh buffers for runs of <paramref name="barCount"/> bars, belonging to <paramref name="pool"/> (null: to no pool).</summary>
    public RunBuffers(RunBufferPool? pool, int barCount)
    {
        Pool = pool;
        Equity = GC.AllocateUninitializedArray<double>(barCount);
        PositionNotional = GC.AllocateUninitializedArray<double>(barCount);
        EffectiveLeverage = GC.AllocateUninitializedArray<double>(barCount);
        MarginRatio = GC.AllocateUninitializedArray<double>(barCount);
        LiquidationPrice = GC.AllocateUninitializedArray<double>(barCount);
    }

    /// <summary>The pool the set goes back to; null for a run without one.</summary>
    public RunBufferPool? Pool { get; }

    /// <summary>Length of every curve array: the bars of the runs this set serves.</summary>
    public int BarCount => Equity.Length;

    /// <summary><see cref="EquityCurve.Equity"/>'s array.</summary>
    public double[] Equity { get; }

    /// <summary><see cref="EquityCurve.PositionNotional"/>'s array.</summary>
    public double[] PositionNotional { get; }

    /// <summary><see cref="EquityCurve.EffectiveLeverage"/>'s array.</summary>
    public double[] EffectiveLeverage { get; }

    /// <summary><see cref="EquityCurve.MarginRatio"/>'s array.</summary>
    public double[] MarginRatio { get; }

    /// <summary><see cref="EquityCurve.LiquidationPrice"/>'s array.</summary>
    public double[] LiquidationPrice { get; }

    /// <summary><see cref="RunResult.Trades"/>' list.</summary>
    public List<TradeRecord> Trades { get; } = new(16);

    /// <summary><see cref="RunResult.Liquidations"/>' list.</summary>
    public List<LiquidationRecord> Liquidations { get; } = new(4);

    /// <summary><see cref="RunResult.FundingPayments"/>' list.</summary>
    public List<FundingPaymentRecord> FundingPayments { get; } = new(4);

    /// <summary><see cref="RunResult.StopEvents"/>' list.</summary>
    public List<StopEventRecord> StopEvents { get; } = new(16);

    /// <summary>Empties the event lists (keeping their capacity) for the next run.</summary>
    public void ClearEvents()
    {
        Trades.Clear();
        Liquidations.Clear();
        FundingPayments.Clear();
        StopEvents.Clear();
    }
}
