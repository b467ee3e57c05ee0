using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Strategies.Tests;

public sealed class StopLossTests
{
    private static PositionView Position(int bar, int entryBar, int side, double entry, double highest = double.NaN, double lowest = double.NaN,
        double liquidation = double.NaN, double stop = double.NaN) =>
        new(bar, entryBar, entryBar, side, 1, entry, entry, 1000, 5, 5, liquidation,
            double.IsNaN(highest) ? entry : highest, double.IsNaN(lowest) ? entry : lowest, stop);

    private static StopDecision AtEntry(IStopLoss rule, PositionView position) => rule.Evaluate(new StopContext(position.BarIndex, true, position));

    private static StopDecision AtClose(IStopLoss rule, PositionView position) => rule.Evaluate(new StopContext(position.BarIndex, false, position));

    /// <summary>Bars 0..n−1 with high − low = 2 and no gaps (ATR 2), except bar <paramref name="wideBar"/> whose range is 20.</summary>
    private static Core.Data.MarketData RangeBars(int n, int wideBar = -1)
    {
        var open = Enumerable.Repeat(100.0, n).ToArray();
        var high = Enumerable.Repeat(101.0, n).ToArray();
        var low = Enumerable.Repeat(99.0, n).ToArray();
        if (wideBar >= 0)
        {
            high[wideBar] = 110;
            low[wideBar] = 90;
        }

        return TestBars.FromOhlc(open, high, low, open);
    }

    [Fact]
    public void NoStopHasNoPriceAndNoExit()
    {
        Assert.Equal(StopDecision.None, new NoStopLoss().Evaluate(new StopContext(3, true, Position(3, 3, 1, 100))));
        Assert.True(double.IsNaN(StopDecision.None.StopPrice));
    }

    [Fact]
    public void FixedPercentIsAnchoredAtTheFirstFill()
    {
        var rule = new FixedPercentStopLoss(0.05);
        rule.Prepare(RangeBars(3));
        Assert.Equal(95.0, AtEntry(rule, Position(10, 10, 1, 100)).StopPrice, 12);
        // A rebalance moved the average entry to 104: the stop stays at 95.
        Assert.Equal(95.0, AtClose(rule, Position(12, 10, 1, 104)).StopPrice, 12);
        Assert.Equal(105.0, AtEntry(rule, Position(20, 20, -1, 100)).StopPrice, 12);
        // A new trade whose entry the rule did not see re-anchors.
        Assert.Equal(190.0, AtClose(rule, Position(31, 30, 1, 200)).StopPrice, 12);
    }

    [Fact]
    public void AtrStopUsesTheAtrOfTheBarsBeforeEntryAndStaysPut()
    {
        var rule = new AtrStopLoss(3, 3);
        rule.Prepare(RangeBars(10, wideBar: 5));
        // Entry at bar 5's open: ATR of bars ≤ 4 is 2, so 100.5 − 3·2. Bar 5's wide range is not known yet.
        Assert.Equal(94.5, AtEntry(rule, Position(5, 5, 1, 100.5)).StopPrice, 12);
        Assert.Equal(94.5, AtClose(rule, Position(5, 5, 1, 100.5)).StopPrice, 12);
        Assert.Equal(106.5, AtEntry(rule, Position(5, 5, -1, 100.5)).StopPrice, 12);
    }

    [Fact]
    public void AtrStopIsPlacedOnceTheAtrExists()
    {
        var rule = new AtrStopLoss(3, 3);
        rule.Prepare(RangeBars(10));
        Assert.True(double.IsNaN(AtEntry(rule, Position(1, 1, 1, 100)).StopPrice)); // ATR of bar 0 undefined
        Assert.True(double.IsNaN(AtClose(rule, Position(1, 1, 1, 100)).StopPrice)); // ATR of bar 1 undefined
        Assert.Equal(94.0, AtClose(rule, Position(2, 1, 1, 100)).StopPrice, 12);   // ATR of bar 2 = 2
        Assert.Equal(94.0, AtClose(rule, Position(3, 1, 1, 100)).StopPrice, 12);
    }

    [Fact]
    public void TrailingPercentFollowsTheExtremeSinceEntry()
    {
        var rule = new TrailingPercentStopLoss(0.05);
        Assert.Equal(95.0, AtEntry(rule, Position(4, 4, 1, 100)).StopPrice, 12);
        Assert.Equal(104.5, AtClose(rule, Position(6, 4, 1, 100, highest: 110, lowest: 97)).StopPrice, 12);
        Assert.Equal(94.5, AtClose(rule, Position(6, 4, -1, 100, highest: 104, lowest: 90)).StopPrice, 12);
    }

    [Fact]
    public void ChandelierTrailsKAtrsFromTheExtremeAndNeverLoosens()
    {
        var rule = new ChandelierStopLoss(3, 3);
        rule.Prepare(RangeBars(10, wideBar: 6));
        Assert.Equal(94.0, AtEntry(rule, Position(4, 4, 1, 100)).StopPrice, 12);                   // 100 − 3·ATR(bar 3) = 2
        Assert.Equal(104.0, AtClose(rule, Position(5, 4, 1, 100, highest: 110, stop: 94)).StopPrice, 12);
        // Bar 6's range of 20 lifts the ATR to (2·2 + 20)/3 = 8: 110 − 24 = 86 would loosen; the stop stays at 104.
        Assert.Equal(104.0, AtClose(rule, Position(6, 4, 1, 100, highest: 110, stop: 104)).StopPrice, 12);
        Assert.Equal(96.0, AtClose(rule, Position(5, 4, -1, 100, lowest: 90, stop: 106)).StopPrice, 12); // short: 90 + 6
    }

    [Fact]
    public void TimeStopExitsAfterNBars()
    {
        var rule = new TimeStopLoss(3);
        Assert.False(AtEntry(rule, Position(10, 10, 1, 100)).ExitAtNextOpen);
        Assert.False(AtClose(rule, Position(10, 10, 1, 100)).ExitAtNextOpen);
        Assert.False(AtClose(rule, Position(11, 10, 1, 100)).ExitAtNextOpen);
        var expiry = AtClose(rule, Position(12, 10, 1, 100)); // held bars 10, 11, 12: exit at bar 13's open
        Assert.True(expiry.ExitAtNextOpen);
        Assert.True(double.IsNaN(expiry.StopPrice));
    }

    [Fact]
    public void LiquidationFractionStopsPartWayToTheLiquidationPrice()
    {
        var rule = new LiquidationFractionStopLoss(0.5);
        Assert.Equal(95.0, AtEntry(rule, Position(1, 1, 1, 100, liquidation: 90)).StopPrice, 12);
        Assert.Equal(105.0, AtEntry(rule, Position(1, 1, -1, 100, liquidation: 110)).StopPrice, 12);
        // Funding paid moved the long's liquidation price up to 92: the stop follows to 96.
        Assert.Equal(96.0, AtClose(rule, Position(9, 1, 1, 100, liquidation: 92)).StopPrice, 12);
        Assert.Equal(StopDecision.None, AtEntry(rule, Position(1, 1, 1, 100, liquidation: 0)));
        Assert.Equal(StopDecision.None, AtEntry(rule, Position(1, 1, 1, 100)));
    }
}
