using LevBacktest.Core.Margin;
using LevBacktest.Core.Tests.Simulation;

namespace LevBacktest.Core.Tests.Margin;

/// <summary>
/// Liquidation price of Binance COIN-M (inverse) positions, worked out by hand with the BTCUSD brackets of
/// data/tiers/binance-BTCUSD_PERP.json (notional in BTC; level 1 [0, 10) mmr 0.4 % cum 0; level 2 [10, 20) mmr 0.5 %
/// cum 0.01; level 4 [30, 50) mmr 2.5 % cum 0.56 BTC). F = contracts × 100 USD is the face value. From margin balance
/// WB + side·F·(1/entry − 1/P) = maintenance margin (F/P)·mmr − cum:
/// LP = (F·mmr + side·F) / (WB + cum + side·F/entry).
/// </summary>
public sealed class InverseLiquidationPriceTests
{
    private const double ContractSize = 100;

    private static readonly LeverageBracketTable Btcusd = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSD_PERP.json")).Tables[0];

    [Fact]
    public void The_table_reproduces_the_maintenance_amounts_on_Binance_s_page()
    {
        // Binance: level 5 = 50 BTC × (5 % − 2.5 %) + 0.56 BTC = 1.81 BTC; a 300 BTC position: mmr 12.5 %, cum 11.81 BTC;
        // 100 contracts at mark 25 000: notional 0.4 BTC, level 1, maintenance margin 0.4 × 0.4 % = 0.0016 BTC.
        Assert.Equal(1.81, Btcusd.BracketFor(60).MaintenanceAmount, 12);
        Assert.Equal(0.125, Btcusd.BracketFor(300).MaintenanceMarginRate);
        Assert.Equal(11.81, Btcusd.BracketFor(300).MaintenanceAmount, 12);
        Assert.Equal(0.0016, Btcusd.MaintenanceMargin(100 * ContractSize / 25_000), 15);
    }

    [Fact]
    public void Isolated_long_with_a_maintenance_amount()
    {
        // 4 000 contracts (F = 400 000 USD) long at 10 000 with 2 BTC isolated (20x): notional 40 BTC, level 4.
        // LP = (400 000 · 0.025 + 400 000) / (2 + 0.56 + 40) = 410 000 / 42.56 = 9 633.458646…
        // At LP the notional is 400 000 · 42.56 / 410 000 = 41.5220 BTC: level 4 ✓; margin balance 2 + 40 − 41.5220 =
        // 0.478049 BTC = 41.5220 · 0.025 − 0.56 ✓.
        double lp = InverseLiquidationPrice.Compute(+1, 4_000, ContractSize, 10_000, 2, Btcusd);
        Assert.Equal(410_000 / 42.56, lp, 8);
        AssertMarginBalanceEqualsMaintenance(+1, 4_000, 10_000, 2, lp);
    }

    [Fact]
    public void Isolated_short_with_a_maintenance_amount()
    {
        // 4 000 contracts short at 10 000 with 2 BTC: LP = (10 000 − 400 000) / (2 + 0.56 − 40) = 390 000 / 37.44
        // = 10 416.6667 (notional 38.4 BTC, level 4; margin balance 2 − (40 − 38.4) = 0.4 = 38.4 · 0.025 − 0.56 ✓).
        double lp = InverseLiquidationPrice.Compute(-1, 4_000, ContractSize, 10_000, 2, Btcusd);
        Assert.Equal(390_000 / 37.44, lp, 8);
        AssertMarginBalanceEqualsMaintenance(-1, 4_000, 10_000, 2, lp);
    }

    [Fact]
    public void Long_whose_notional_at_the_liquidation_price_moves_up_a_level_is_recomputed_with_that_level()
    {
        // 990 contracts (F = 99 000) long at 10 000: notional 9.9 BTC (level 1), 0.2 BTC isolated.
        // Level 1: LP = 99 000 · 1.004 / (0.2 + 9.9) = 9 841.19 → notional 10.0597 BTC is level 2, so
        // level 2: LP = 99 000 · 1.005 / (0.2 + 0.01 + 9.9) = 99 495 / 10.11 = 9 841.2463 (notional 10.0597: level 2 ✓).
        double lp = InverseLiquidationPrice.Compute(+1, 990, ContractSize, 10_000, 0.2, Btcusd);
        Assert.Equal(99_495 / 10.11, lp, 8);
        Assert.NotEqual(99_396 / 10.1, lp, 3);
        AssertMarginBalanceEqualsMaintenance(+1, 990, 10_000, 0.2, lp);
    }

    [Fact]
    public void Cross_long_carries_the_other_positions_maintenance_margin_and_unrealised_pnl()
    {
        // As the isolated long, with TMM 0.3 BTC and UPNL −0.2 BTC of other BTC-margined positions:
        // LP = 410 000 / (2 − 0.3 − 0.2 + 0.56 + 40) = 410 000 / 42.06 = 9 747.979…
        double lp = InverseLiquidationPrice.Compute(+1, 4_000, ContractSize, 10_000, 2, Btcusd, otherMaintenanceMargin: 0.3, otherUnrealizedPnl: -0.2);
        Assert.Equal(410_000 / 42.06, lp, 8);
    }

    [Fact]
    public void Short_at_one_times_or_less_has_no_liquidation_price()
    {
        // 100 contracts short at 10 000 (F/entry = 1 BTC) with 1 BTC: the denominator 1 + 0 − 1 is 0, and with
        // more wallet it is positive: no positive price makes the margin balance reach maintenance.
        Assert.Equal(double.PositiveInfinity, InverseLiquidationPrice.Compute(-1, 100, ContractSize, 10_000, 1, Btcusd));
        Assert.Equal(double.PositiveInfinity, InverseLiquidationPrice.Compute(-1, 100, ContractSize, 10_000, 1.5, Btcusd));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(20.0)]
    [InlineData(100.0)]
    public void Long_at_leverage_L_with_a_flat_rate_liquidates_at_entry_times_L_one_plus_mmr_over_L_plus_one(double leverage)
    {
        // Flat mmr, no maintenance amount, no fees: the wallet is the initial margin WB = F/(entry·L). Margin balance
        // = maintenance margin reads WB + F/entry − F/P = (F/P)·mmr, so F(1 + mmr)/P = F/entry · (1/L + 1) and
        // P = entry · (1 + mmr) / (1 + 1/L) = entry · L·(1 + mmr)/(L + 1).
        const double mmr = 0.005, entry = 20_000, contracts = 1_000;
        var flat = LeverageBracketSchedule.FlatRate(mmr, 125).Tables[0];
        double wallet = contracts * ContractSize / entry / leverage;
        double lp = InverseLiquidationPrice.Compute(+1, contracts, ContractSize, entry, wallet, flat);
        Assert.Equal(entry * leverage * (1 + mmr) / (leverage + 1), lp, 1e-9 * entry);
    }

    private static void AssertMarginBalanceEqualsMaintenance(int side, double contracts, double entry, double wallet, double lp)
    {
        double face = contracts * ContractSize;
        double marginBalance = wallet + (side * face * ((1 / entry) - (1 / lp)));
        double maintenance = Btcusd.MaintenanceMargin(face / lp);
        Assert.Equal(maintenance, marginBalance, 1e-9);
    }
}
