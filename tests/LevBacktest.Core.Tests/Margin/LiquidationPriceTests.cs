using LevBacktest.Core.Margin;
using LevBacktest.Core.Tests.Simulation;

namespace LevBacktest.Core.Tests.Margin;

/// <summary>
/// Binance's one-way liquidation price LP = (WB − TMM + UPNL + cum − side·q·entry) / (q·mmr − side·q),
/// checked against values worked out by hand with the BTCUSDT brackets of data/tiers (tier 1: [0, 50 000)
/// mmr 0.4 % cum 0; tier 2: [50 000, 250 000) mmr 0.5 % cum 50; tier 3: [250 000, 3 000 000) mmr 1 % cum 1 300).
/// </summary>
public sealed class LiquidationPriceTests
{
    private static readonly LeverageBracketTable Btc = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json")).Tables[0];

    [Fact]
    public void Isolated_long_in_the_first_tier()
    {
        // 1 BTC long at 10 000 with 1 000 USDT isolated (10x): notional 10 000 is tier 1.
        // LP = (1 000 + 0 − 10 000) / (0.004 − 1) = −9 000 / −0.996 = 9 036.144578…
        double lp = LiquidationPrice.Compute(+1, 1, 10_000, 1_000, Btc);
        Assert.Equal(9_000 / 0.996, lp, 6);
        AssertMarginBalanceEqualsMaintenance(+1, 1, 10_000, 1_000, lp);
    }

    [Fact]
    public void Isolated_short_in_the_first_tier()
    {
        // 1 BTC short at 10 000 with 1 000 USDT: LP = (1 000 + 10 000) / (0.004 + 1) = 10 956.1753…
        double lp = LiquidationPrice.Compute(-1, 1, 10_000, 1_000, Btc);
        Assert.Equal(11_000 / 1.004, lp, 6);
        AssertMarginBalanceEqualsMaintenance(-1, 1, 10_000, 1_000, lp);
    }

    [Fact]
    public void Long_crossing_down_a_tier_boundary_is_recomputed_with_the_lower_tier()
    {
        // 10 BTC long at 26 000 (notional 260 000: tier 3) with 26 000 USDT (10x).
        // Tier 3: LP = (26 000 + 1 300 − 260 000) / (0.1 − 10) = 23 505.05 → notional 235 050 is tier 2, so
        // tier 2: LP = (26 000 + 50 − 260 000) / (0.05 − 10) = 233 950 / 9.95 = 23 512.5628… (notional 235 126: tier 2 ✓).
        double lp = LiquidationPrice.Compute(+1, 10, 26_000, 26_000, Btc);
        Assert.Equal(233_950 / 9.95, lp, 6);
        Assert.NotEqual(232_700 / 9.9, lp, 3);
        AssertMarginBalanceEqualsMaintenance(+1, 10, 26_000, 26_000, lp);
    }

    [Fact]
    public void Short_crossing_up_a_tier_boundary_is_recomputed_with_the_higher_tier()
    {
        // 10 BTC short at 24 000 (notional 240 000: tier 2) with 24 000 USDT.
        // Tier 2: LP = (24 000 + 50 + 240 000) / (0.05 + 10) = 26 273.63 → notional 262 736 is tier 3, so
        // tier 3: LP = (24 000 + 1 300 + 240 000) / (0.1 + 10) = 265 300 / 10.1 = 26 267.3267… (tier 3 ✓).
        double lp = LiquidationPrice.Compute(-1, 10, 24_000, 24_000, Btc);
        Assert.Equal(265_300 / 10.1, lp, 6);
        AssertMarginBalanceEqualsMaintenance(-1, 10, 24_000, 24_000, lp);
    }

    [Fact]
    public void Cross_long_uses_the_cross_wallet_and_the_other_positions()
    {
        // Cross wallet 5 000 backing 1 BTC long at 10 000: LP = (5 000 − 10 000) / (0.004 − 1) = 5 020.0803…
        Assert.Equal(5_000 / 0.996, LiquidationPrice.Compute(+1, 1, 10_000, 5_000, Btc), 6);

        // Other positions with maintenance margin 100 and uPnL −200 eat into the wallet:
        // LP = (5 000 − 100 − 200 − 10 000) / (−0.996) = 5 321.2851…
        Assert.Equal(5_300 / 0.996, LiquidationPrice.Compute(+1, 1, 10_000, 5_000, Btc, otherMaintenanceMargin: 100, otherUnrealizedPnl: -200), 6);
    }

    [Fact]
    public void Cross_short_uses_the_cross_wallet()
    {
        // Cross wallet 20 000 backing 2 BTC short at 30 000 (notional 60 000: tier 2, and at LP still tier 2):
        // LP = (20 000 + 50 + 60 000) / (2·0.005 + 2) = 80 050 / 2.01 = 39 825.87…
        Assert.Equal(80_050 / 2.01, LiquidationPrice.Compute(-1, 2, 30_000, 20_000, Btc), 6);
    }

    [Fact]
    public void Fully_collateralised_long_cannot_be_liquidated()
    {
        // 1x long with the fee paid: wallet ≥ notional ⇒ the formula gives LP ≤ 0, reported as 0.
        Assert.Equal(0, LiquidationPrice.Compute(+1, 1, 10_000, 10_500, Btc));
    }

    [Fact]
    public void Rejects_a_bad_side_or_quantity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LiquidationPrice.Compute(0, 1, 100, 10, Btc));
        Assert.Throws<ArgumentOutOfRangeException>(() => LiquidationPrice.Compute(1, 0, 100, 10, Btc));
    }

    /// <summary>At LP the margin balance WB + side·q·(LP − entry) equals the maintenance margin of q·LP.</summary>
    private static void AssertMarginBalanceEqualsMaintenance(int side, double quantity, double entry, double wallet, double lp)
    {
        double marginBalance = wallet + (side * quantity * (lp - entry));
        double maintenance = Btc.MaintenanceMargin(quantity * lp);
        Assert.Equal(maintenance, marginBalance, 6);
    }
}
