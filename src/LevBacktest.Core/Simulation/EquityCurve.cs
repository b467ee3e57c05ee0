namespace LevBacktest.Core.Simulation;

/// <summary>
/// Per-bar state at each bar close, columnar: every array has length <see cref="Count"/> = number of bars
/// and index i is bar i's close (aligned with <see cref="OpenTimeMs"/>, the data's own open-time column).
/// A curve kept by a results folder may hold a subset of the bars (<c>EquityStorage</c>): then index k is the k-th
/// kept bar, at <see cref="OpenTimeMs"/>[k].
/// </summary>
public sealed class EquityCurve
{
    /// <summary>A curve written by the engine into a run's buffers (fresh or recycled: it overwrites every element).</summary>
    internal EquityCurve(ReadOnlyMemory<long> openTimeMs, RunBuffers buffers)
    {
        OpenTimeMs = openTimeMs;
        Equity = buffers.Equity;
        PositionNotional = buffers.PositionNotional;
        EffectiveLeverage = buffers.EffectiveLeverage;
        MarginRatio = buffers.MarginRatio;
        LiquidationPrice = buffers.LiquidationPrice;
    }

    /// <summary>A curve over existing arrays (a subset of a run's bars, as a results folder keeps it); all of one length.</summary>
    internal EquityCurve(long[] openTimeMs, double[] equity, double[] positionNotional, double[] effectiveLeverage, double[] marginRatio, double[] liquidationPrice)
    {
        OpenTimeMs = openTimeMs;
        Equity = equity;
        PositionNotional = positionNotional;
        EffectiveLeverage = effectiveLeverage;
        MarginRatio = marginRatio;
        LiquidationPrice = liquidationPrice;
    }

    /// <summary>Number of bars.</summary>
    public int Count => Equity.Length;

    /// <summary>Bar open times, UTC epoch milliseconds (the run's data column, shared, not copied).</summary>
    public ReadOnlyMemory<long> OpenTimeMs { get; }

    /// <summary>Account equity in USDT at each close: wallet + isolated wallet + uPnL at the mark close.</summary>
    public double[] Equity { get; }

    /// <summary>Absolute position notional in USDT at the mark close (0 when flat).</summary>
    public double[] PositionNotional { get; }

    /// <summary>Position notional / account equity (0 when flat; +∞ if equity is 0 with a position).</summary>
    public double[] EffectiveLeverage { get; }

    /// <summary>Maintenance margin / margin balance (isolated: isolated wallet + uPnL; cross: equity); 1 means liquidation. 0 when flat.</summary>
    public double[] MarginRatio { get; }

    /// <summary>Liquidation price in force at the close (USDT), NaN when flat.</summary>
    public double[] LiquidationPrice { get; }
}
