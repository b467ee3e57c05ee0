using LevBacktest.Core.Data;
using LevBacktest.Strategies.Signals;

namespace LevBacktest.Strategies.Tests;

public sealed class SignalTests
{
    // Closes with a hand-computed SMA(2)/SMA(4) crossing: up at bar 5, down at bar 8.
    //   bar 5: fast (10+12)/2 = 11   > slow (10+10+10+12)/4 = 10.5
    //   bar 8: fast (13+9)/2  = 11   < slow (12+14+13+9)/4  = 12
    private static readonly double[] CrossingCloses = [10, 10, 10, 10, 10, 12, 14, 13, 9, 7];

    [Fact]
    public void EveryBuiltInSignalGivesItsSidesAsAnArrayOfOnePerBar()
    {
        // TestBars.Sides checks the array against DesiredSide bar by bar; here: every built-in signal has one.
        var data = TestBars.FromCloses(CrossingCloses);
        Core.Strategies.ISignal[] signals =
        [
            new BuyAndHoldSignal(1),
            new MovingAverageCrossSignal(2, 4, MovingAverageKind.Simple, allowShort: true),
            new DonchianBreakoutSignal(3, 2, allowShort: true),
            new FundingCarrySignal(0.1, 1),
        ];
        foreach (var signal in signals)
        {
            Assert.True(signal.DesiredSides.IsEmpty, $"{signal.GetType().Name} before Prepare");
            TestBars.Sides(signal, data);
            Assert.Equal(data.Count, signal.DesiredSides.Length);
        }
    }

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

    [Fact]
    public void DonchianBreakoutEntersExitsAndReversesOnTheHandComputedBars()
    {
        // Bars open at the previous close; high/low are the open/close extremes.
        //   bar 4: close 12 > max high of bars 1-3 (11)                  → long
        //   bar 7: close 9 < min low of bars 5-6 (11): exit; and < min low of bars 4-6 (10.5) → short
        //   bar 9: close 11.5 > max high of bars 7-8 (11): exit; not > max high of bars 6-8 (11.5) → flat
        double[] closes = [10, 11, 10, 10.5, 12, 11.5, 11, 9, 8, 11.5];
        var data = TestBars.FromCloses(closes);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, -1, -1, 0], TestBars.Sides(new DonchianBreakoutSignal(3, 2, allowShort: true), data));
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 0, 0, 0], TestBars.Sides(new DonchianBreakoutSignal(3, 2, allowShort: false), data));
    }

    [Fact]
    public void DonchianBreakoutNeedsAFullChannelBeforeEntering()
    {
        // A close above everything before it at bar 2, but the 3-bar channel exists only from bar 3 on.
        double[] closes = [10, 10, 20, 21, 22];
        Assert.Equal([0, 0, 0, 1, 1], TestBars.Sides(new DonchianBreakoutSignal(3, 3, allowShort: true), TestBars.FromCloses(closes)));
    }

    [Fact]
    public void FundingCarryAnnualisesFromTheObservedIntervalAndUsesOnlySettledEvents()
    {
        // Settlements at 0 h, 8 h, 16 h, then the schedule switches to 4 h: 20 h, 24 h. Hourly bars.
        long h = TestBars.HourMs;
        long[] times = [TestBars.StartMs, TestBars.StartMs + (8 * h), TestBars.StartMs + (16 * h), TestBars.StartMs + (20 * h), TestBars.StartMs + (24 * h)];
        double[] rates = [0.0001, 0.0001, 0.00004, 0.00004, -0.00005];
        var data = TestBars.FromCloses(Enumerable.Repeat(100.0, 30).ToArray(), funding: new FundingEvents(times, rates, default));
        var signal = new FundingCarrySignal(threshold: 0.10, events: 1);
        int[] sides = TestBars.Sides(signal, data);

        // Annualised: 0.0001 · 8760/8 = 0.1095 (> 0.10: short); 0.00004 · 1095 = 0.0438 and 0.00004 · 2190 = 0.0876 (flat);
        // -0.00005 · 2190 = -0.1095 (long). An assumed 8 h interval would give -0.05475 there and stay flat.
        Assert.Equal(0.1095, signal.AnnualisedFunding[8], 12);
        Assert.Equal(0.0876, signal.AnnualisedFunding[20], 12);
        Assert.Equal(-0.1095, signal.AnnualisedFunding[24], 12);

        // The 8 h event settles at the open of bar 8 (its close is 9 h), so bar 7 (closing at 8 h) does not know it.
        int[] expected = new int[30];
        for (int i = 8; i < 16; i++)
        {
            expected[i] = -1;
        }

        for (int i = 24; i < 30; i++)
        {
            expected[i] = 1;
        }

        Assert.Equal(expected, sides);
        Assert.True(double.IsNaN(signal.AnnualisedFunding[7])); // only the first event: no interval observed yet
    }

    [Fact]
    public void FundingCarryAveragesTheLatestEvents()
    {
        long h = TestBars.HourMs;
        long[] times = [TestBars.StartMs, TestBars.StartMs + (8 * h), TestBars.StartMs + (16 * h), TestBars.StartMs + (24 * h)];
        double[] rates = [0.0, 0.0003, -0.0001, 0.0];
        var data = TestBars.FromCloses(Enumerable.Repeat(100.0, 30).ToArray(), funding: new FundingEvents(times, rates, default));
        var signal = new FundingCarrySignal(threshold: 0.10, events: 2);
        int[] sides = TestBars.Sides(signal, data);
        Assert.True(double.IsNaN(signal.AnnualisedFunding[15])); // one annualised value, two needed
        Assert.Equal(((0.0003 - 0.0001) / 2) * 1095, signal.AnnualisedFunding[16], 12); // 0.1095: short
        Assert.Equal((-0.0001 / 2) * 1095, signal.AnnualisedFunding[24], 12);          // -0.05475: flat
        Assert.Equal(0, sides[15]);
        Assert.Equal(-1, sides[16]);
        Assert.Equal(0, sides[24]);
    }

    [Fact]
    public void FundingCarryWithoutFundingStaysFlat()
    {
        var data = TestBars.FromCloses([100, 101, 102]);
        Assert.Equal([0, 0, 0], TestBars.Sides(new FundingCarrySignal(0.0, 1), data));
    }
}
