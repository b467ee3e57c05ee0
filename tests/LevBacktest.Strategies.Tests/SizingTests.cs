using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Sizing;

namespace LevBacktest.Strategies.Tests;

public sealed class SizingTests
{
    private static SizingContext Fill(int bar, int side = 1, double price = 100, double leverage = 10, double stop = double.NaN,
        double mmr = 0.005, double maxLeverage = 125, double fee = 0.0005) =>
        new(bar, side, 10_000, price, leverage, stop, mmr, maxLeverage, fee);

    /// <summary>Closes whose log returns alternate +a, −a, starting at bar 1.</summary>
    private static double[] AlternatingLogReturns(int count, double a)
    {
        var closes = new double[count];
        closes[0] = 100;
        for (int i = 1; i < count; i++)
        {
            closes[i] = closes[i - 1] * Math.Exp(i % 2 == 1 ? a : -a);
        }

        return closes;
    }

    [Fact]
    public void FixedLeverageIsTheLeverageUnderTest()
    {
        var sizing = new FixedLeverageSizing();
        Assert.Equal(7.5, sizing.TargetLeverage(Fill(3, leverage: 7.5)));
        Assert.False(sizing.ShouldRebalance(default));
    }

    [Fact]
    public void FixedFractionalRisksTheFractionToTheStopIncludingFees()
    {
        var sizing = new FixedFractionalSizing(0.01);
        // 5 % to the stop plus 2 × 0.05 % fees: L = 0.01 / 0.051.
        Assert.Equal(0.01 / 0.051, sizing.TargetLeverage(Fill(1, side: 1, stop: 95)), 12);
        Assert.Equal(0.01 / 0.051, sizing.TargetLeverage(Fill(1, side: -1, stop: 105)), 12);
        // 0.1 % to the stop would be 5x; the leverage under test (3x) caps it.
        Assert.Equal(3.0, sizing.TargetLeverage(Fill(1, stop: 99.9, leverage: 3)), 12);
        Assert.Equal(0.0, sizing.TargetLeverage(Fill(1, side: 1, stop: 101))); // stop above a long: do not open
        var error = Assert.Throws<InvalidOperationException>(() => sizing.TargetLeverage(Fill(1)));
        Assert.Contains("no stop price", error.Message);
    }

    [Fact]
    public void VolatilityTargetDividesTheTargetByRealisedVolatility()
    {
        // Log returns ±0.01 over an even window of 4: mean 0, sample variance 4·0.0001/3, so σ per bar is
        // 0.02/√3; hourly bars annualise by √8760.
        var data = TestBars.FromCloses(AlternatingLogReturns(12, 0.01));
        var sizing = new VolatilityTargetSizing(0.5, 4, 0);
        sizing.Prepare(data);
        double sigma = 0.02 / Math.Sqrt(3) * Math.Sqrt(8760);
        Assert.Equal(sigma, sizing.AnnualisedVolatility[4], 10);
        Assert.Equal(0.5 / sigma, sizing.TargetLeverage(Fill(5)), 10); // fill at bar 5 uses returns 1..4
        Assert.Equal(0.0, sizing.TargetLeverage(Fill(4)));             // only 3 returns before bar 4: warm-up
        var aggressive = new VolatilityTargetSizing(5.0, 4, 0);
        aggressive.Prepare(data);
        Assert.Equal(0.3, aggressive.TargetLeverage(Fill(5, leverage: 0.3))); // 5/σ ≈ 4.6, capped at 0.3
    }

    [Fact]
    public void VolatilityTargetHalvesLeverageWhenVolatilityDoublesAndAnnualisesByBarInterval()
    {
        // 8 log returns of ±0.01, then 8 of ±0.02, on daily bars (annualised by √365).
        var closes = new double[17];
        closes[0] = 100;
        for (int i = 1; i < 17; i++)
        {
            double a = i <= 8 ? 0.01 : 0.02;
            closes[i] = closes[i - 1] * Math.Exp(i % 2 == 1 ? a : -a);
        }

        var daily = TestBars.FromCloses(closes, intervalMs: 86_400_000);
        var sizing = new VolatilityTargetSizing(0.2, 4, 0);
        sizing.Prepare(daily);
        double low = 0.2 / (0.02 / Math.Sqrt(3) * Math.Sqrt(365));
        Assert.Equal(low, sizing.TargetLeverage(Fill(9, leverage: 100)), 10);      // returns 5..8: ±0.01
        Assert.Equal(low / 2, sizing.TargetLeverage(Fill(13, leverage: 100)), 10); // returns 9..12: ±0.02
    }

    [Fact]
    public void VolatilityTargetRebalancesOnItsPeriod()
    {
        var sizing = new VolatilityTargetSizing(0.5, 4, 3);
        var position = new PositionView(BarIndex: 11, EntryBarIndex: 5, LastRebalanceBarIndex: 10, 1, 1, 100, 100, 1000, 2, 2, 50, 100, 100, double.NaN);
        Assert.False(sizing.ShouldRebalance(position));                    // next open is bar 12: 2 bars after 10
        Assert.True(sizing.ShouldRebalance(position with { BarIndex = 12 })); // next open is bar 13: 3 bars
        Assert.False(new VolatilityTargetSizing(0.5, 4, 0).ShouldRebalance(position with { BarIndex = 50 }));
    }

    [Fact]
    public void KellyIsTheFractionOfMeanOverVariance()
    {
        // Simple returns alternate +3 %, −1 %: over 4 of them μ = 0.01, sample σ² = 4·0.02²/3, so μ/σ² = 18.75.
        var closes = new double[10];
        closes[0] = 100;
        for (int i = 1; i < closes.Length; i++)
        {
            closes[i] = closes[i - 1] * (i % 2 == 1 ? 1.03 : 0.99);
        }

        var sizing = new FractionalKellySizing(0.5, 4);
        sizing.Prepare(TestBars.FromCloses(closes));
        Assert.Equal(0.5 * 18.75, sizing.TargetLeverage(Fill(6, leverage: 20)), 9);
        Assert.Equal(5.0, sizing.TargetLeverage(Fill(6, leverage: 5)));  // capped
        Assert.Equal(0.0, sizing.TargetLeverage(Fill(6, side: -1)));     // negative edge for a short
        Assert.Equal(0.0, sizing.TargetLeverage(Fill(4)));               // 3 returns before bar 4: warm-up
    }

    [Fact]
    public void ConstantLeverageRebalancesOnPeriodAndBand()
    {
        var position = new PositionView(BarIndex: 11, EntryBarIndex: 10, LastRebalanceBarIndex: 10, 1, 1, 100, 100, 1000,
            EffectiveLeverage: 3.0, TargetLeverage: 3.0, 50, 100, 100, double.NaN);
        var everyBar = new ConstantLeverageSizing(1, 0);
        Assert.True(everyBar.ShouldRebalance(position with { BarIndex = 10 })); // entry bar's close: resize at bar 11

        var everyThree = new ConstantLeverageSizing(3, 0);
        Assert.False(everyThree.ShouldRebalance(position));
        Assert.True(everyThree.ShouldRebalance(position with { BarIndex = 12 }));

        var band = new ConstantLeverageSizing(0, 0.1);
        Assert.False(band.ShouldRebalance(position with { BarIndex = 500, EffectiveLeverage = 3.29 }));
        Assert.True(band.ShouldRebalance(position with { EffectiveLeverage = 3.31 }));
        Assert.True(band.ShouldRebalance(position with { EffectiveLeverage = 2.69 }));
        Assert.False(band.ShouldRebalance(position with { EffectiveLeverage = 2.71 }));
        Assert.Equal(4.0, band.TargetLeverage(Fill(3, leverage: 4)));
    }

    [Fact]
    public void LiquidationAwareKeepsTheLiquidationPriceKAtrsBeyondTheStop()
    {
        // Constant bars (high 101, low 99, close 100): every true range is 2, so ATR = 2.
        int n = 10;
        var data = TestBars.FromOhlc(Enumerable.Repeat(100.0, n).ToArray(), Enumerable.Repeat(101.0, n).ToArray(),
            Enumerable.Repeat(99.0, n).ToArray(), Enumerable.Repeat(100.0, n).ToArray());
        var sizing = new LiquidationAwareSizing(atrMultiple: 2, atrPeriod: 3);
        sizing.Prepare(data);

        // Long, stop 95: liquidation must be at or below 95 − 2·2 = 91.
        double longLeverage = sizing.TargetLeverage(Fill(5, side: 1, stop: 95, leverage: 50));
        Assert.Equal(91.0, BinanceIsolatedLiquidationPrice(1, 100, longLeverage, 0.005, 0.0005), 9);
        Assert.Equal(1 / ((0.09 * 0.995) + 0.0055), longLeverage, 12);

        // Short, stop 105: liquidation at or above 109.
        double shortLeverage = sizing.TargetLeverage(Fill(5, side: -1, stop: 105, leverage: 50));
        Assert.Equal(109.0, BinanceIsolatedLiquidationPrice(-1, 100, shortLeverage, 0.005, 0.0005), 9);

        // No stop: 2 ATRs from the entry.
        double noStop = sizing.TargetLeverage(Fill(5, side: 1, leverage: 50));
        Assert.Equal(96.0, BinanceIsolatedLiquidationPrice(1, 100, noStop, 0.005, 0.0005), 9);

        Assert.Equal(5.0, sizing.TargetLeverage(Fill(5, stop: 95, leverage: 5)));                  // leverage under test caps
        Assert.Equal(4.0, sizing.TargetLeverage(Fill(5, stop: 95, leverage: 50, maxLeverage: 4))); // tier max caps
        Assert.Equal(0.0, sizing.TargetLeverage(Fill(2, stop: 95)));                                // ATR of bar 1 undefined
        Assert.True(sizing.TargetLeverage(Fill(3, stop: 95)) > 0);                                  // ATR of bar 2 defined

        Assert.Equal(91.0, LiquidationAwareSizing.IsolatedLiquidationPrice(1, 100, longLeverage, 0.005, 0.0005), 9);
    }

    /// <summary>
    /// DESIGN.md's one-position liquidation price, LP = (WB − TMM + UPNL + cum − side·q·entry) / (q·mmr − side·q),
    /// isolated (TMM = UPNL = 0), first tier (cum = 0), wallet = initial margin − opening fee.
    /// </summary>
    private static double BinanceIsolatedLiquidationPrice(int side, double entry, double leverage, double mmr, double fee)
    {
        double quantity = 3.0;
        double notional = quantity * entry;
        double wallet = (notional / leverage) - (notional * fee);
        return (wallet - (side * quantity * entry)) / ((quantity * mmr) - (side * quantity));
    }
}
