using LevBacktest.Strategies.Signals;

namespace LevBacktest.Strategies.Tests;

public sealed class SignalTests
{
    // Closes with a hand-computed SMA(2)/SMA(4) crossing: up at bar 5, down at bar 8.
    //   bar 5: fast (10+12)/2 = 11   > slow (10+10+10+12)/4 = 10.5
    //   bar 8: fast (13+9)/2  = 11   < slow (12+14+13+9)/4  = 12
    private static readonly double[] CrossingCloses = [10, 10, 10, 10, 10, 12, 14, 13, 9, 7];

    [Fact]
    public void BuyAndHoldHoldsItsSideFromTheFirstBar()
    {
        var data = TestBars.FromCloses(CrossingCloses);
        Assert.All(TestBars.Sides(new BuyAndHoldSignal(1), data), side => Assert.Equal(1, side));
        Assert.All(TestBars.Sides(new BuyAndHoldSignal(-1), data), side => Assert.Equal(-1, side));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BuyAndHoldSignal(0));
    }

    [Fact]
    public void SimpleCrossoverFlipsOnTheHandComputedBars()
    {
        var data = TestBars.FromCloses(CrossingCloses);
        int[] sides = TestBars.Sides(new MovingAverageCrossSignal(2, 4, MovingAverageKind.Simple, allowShort: true), data);
        // Bars 0-2: warm-up; bars 3-4: averages equal, side kept at flat.
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, -1, -1], sides);

        int[] longOnly = TestBars.Sides(new MovingAverageCrossSignal(2, 4, MovingAverageKind.Simple, allowShort: false), data);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 0, 0], longOnly);
    }

    [Fact]
    public void ExponentialCrossoverUsesTheEmaRecursion()
    {
        // EMA(2) alpha 2/3, EMA(3) alpha 1/2, both seeded with simple means.
        //   bar 2: ema2 = 10 + 2/3(10-10) = 10, ema3 = 10 → equal, flat
        //   bar 3: close 13: ema2 = 10 + 2/3·3 = 12, ema3 = 10 + 1/2·3 = 11.5 → long
        //   bar 4: close 10: ema2 = 12 - 2/3·2 = 10.667, ema3 = 11.5 - 0.75 = 10.75 → short
        double[] closes = [10, 10, 10, 13, 10];
        int[] sides = TestBars.Sides(new MovingAverageCrossSignal(2, 3, MovingAverageKind.Exponential, allowShort: true), TestBars.FromCloses(closes));
        Assert.Equal([0, 0, 0, 1, -1], sides);
    }
}
