using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>Signal that answers from a script: sides[i] at bar i's close (the last value repeats).</summary>
internal sealed class ScriptedSignal(params int[] sides) : ISignal
{
    public void Prepare(MarketData data)
    {
    }

    public int DesiredSide(int barIndex) => sides[Math.Min(barIndex, sides.Length - 1)];
}

/// <summary>Always the same side.</summary>
internal sealed class ConstantSignal(int side) : ISignal
{
    public void Prepare(MarketData data)
    {
    }

    public int DesiredSide(int barIndex) => side;
}

/// <summary>
/// Sizing at the leverage under test, optionally rebalancing at every close; <paramref name="rebalances"/> is
/// what it declares as <see cref="ISizing.Rebalances"/> (the interface's default, true, unless given).
/// </summary>
internal sealed class LeverageUnderTestSizing(bool rebalanceEveryBar = false, bool rebalances = true) : ISizing
{
    public bool Rebalances => rebalances;

    public void Prepare(MarketData data)
    {
    }

    public double TargetLeverage(in SizingContext context) => context.LeverageUnderTest;

    public bool ShouldRebalance(in PositionView position) => rebalanceEveryBar;
}

/// <summary>No stop.</summary>
internal sealed class NoStop : IStopLoss
{
    public void Prepare(MarketData data)
    {
    }

    public StopDecision Evaluate(in StopContext context) => StopDecision.None;
}

/// <summary>Stop at a fixed fraction from the first fill price (anchored at entry).</summary>
internal sealed class FixedFractionStop(double fraction) : IStopLoss
{
    private double _stop = double.NaN;

    public void Prepare(MarketData data)
    {
    }

    public StopDecision Evaluate(in StopContext context)
    {
        if (context.IsEntry)
        {
            _stop = context.Position.EntryPrice * (1 - (context.Position.Side * fraction));
        }

        return new StopDecision(_stop, false);
    }
}

/// <summary>Stop at a fixed absolute price.</summary>
internal sealed class FixedPriceStop(double price) : IStopLoss
{
    public void Prepare(MarketData data)
    {
    }

    public StopDecision Evaluate(in StopContext context) => new(price, false);
}

/// <summary>Builds small hand-made market data.</summary>
internal static class TestData
{
    public const long Hour = 3_600_000;
    public const long Start = 1_577_836_800_000; // 2020-01-01T00:00:00Z

    /// <summary>Bars from (open, high, low, close) rows; mark = last unless given; funding optional.</summary>
    public static MarketData Bars(double[,] ohlc, double[,]? markOhlc = null, FundingEvents? funding = null, long interval = Hour)
    {
        int n = ohlc.GetLength(0);
        var time = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = Start + (i * interval);
            o[i] = ohlc[i, 0];
            h[i] = ohlc[i, 1];
            l[i] = ohlc[i, 2];
            c[i] = ohlc[i, 3];
            v[i] = 1;
        }

        double[] mo = [], mh = [], ml = [], mc = [];
        if (markOhlc is not null)
        {
            mo = new double[n];
            mh = new double[n];
            ml = new double[n];
            mc = new double[n];
            for (int i = 0; i < n; i++)
            {
                mo[i] = markOhlc[i, 0];
                mh[i] = markOhlc[i, 1];
                ml[i] = markOhlc[i, 2];
                mc[i] = markOhlc[i, 3];
            }
        }

        return new MarketData("TESTUSDT", interval, time, o, h, l, c, v, mo, mh, ml, mc, funding ?? FundingEvents.Empty);
    }

    /// <summary>Flat bars (open = high = low = close = price) from a close path.</summary>
    public static MarketData FromCloses(double[] closes, FundingEvents? funding = null)
    {
        var rows = new double[closes.Length, 4];
        for (int i = 0; i < closes.Length; i++)
        {
            double open = i == 0 ? closes[0] : closes[i - 1];
            rows[i, 0] = open;
            rows[i, 1] = Math.Max(open, closes[i]);
            rows[i, 2] = Math.Min(open, closes[i]);
            rows[i, 3] = closes[i];
        }

        return Bars(rows, funding: funding);
    }

    public static FundingEvents Funding(long[] timeMs, double[] rate, double[]? markPrice = null) =>
        new(timeMs, rate, markPrice ?? ReadOnlyMemory<double>.Empty);
}
