using LevBacktest.Core.Data;

namespace LevBacktest.Strategies.Tests;

/// <summary>Builds small MarketData instances for hand-computed cases.</summary>
internal static class TestBars
{
    public const long HourMs = 3_600_000;
    public const long StartMs = 1_704_067_200_000; // 2024-01-01T00:00:00Z

    /// <summary>Bars whose open is the previous close and whose high/low are the open/close extremes.</summary>
    public static MarketData FromCloses(double[] closes, long intervalMs = HourMs, FundingEvents? funding = null)
    {
        int n = closes.Length;
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        for (int i = 0; i < n; i++)
        {
            open[i] = i == 0 ? closes[0] : closes[i - 1];
            high[i] = Math.Max(open[i], closes[i]);
            low[i] = Math.Min(open[i], closes[i]);
        }

        return FromOhlc(open, high, low, closes, intervalMs, funding);
    }

    public static MarketData FromOhlc(double[] open, double[] high, double[] low, double[] close, long intervalMs = HourMs, FundingEvents? funding = null)
    {
        int n = close.Length;
        var times = new long[n];
        var volume = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = StartMs + (i * intervalMs);
            volume[i] = 1.0;
        }

        return new MarketData("TESTUSDT", intervalMs, times, open, high, low, close, volume,
            default, default, default, default, funding ?? FundingEvents.Empty);
    }

    public static int[] Sides(Core.Strategies.ISignal signal, MarketData data)
    {
        signal.Prepare(data);
        var sides = new int[data.Count];
        for (int i = 0; i < sides.Length; i++)
        {
            sides[i] = signal.DesiredSide(i);
        }

        // A signal that gives every answer as an array (the engine then reads it instead of asking) must give the same.
        var prepared = signal.DesiredSides;
        if (!prepared.IsEmpty)
        {
            Assert.Equal(sides, prepared.ToArray().Select(side => (int)side));
        }

        return sides;
    }
}
