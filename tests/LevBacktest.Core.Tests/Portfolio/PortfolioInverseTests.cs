using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Simulation;

namespace LevBacktest.Core.Tests.Portfolio;

/// <summary>
/// Inverse (coin-margined) contracts inside a portfolio: one account in the coin, the instruments' payoffs
/// side · contracts · size · (1/entry − 1/P), each liquidation price with the others' TMM and UPNL in the coin.
/// Capital 1 BTC, no fees, flat mmr 0.4 %, contracts of 100 (and 10) USD.
/// </summary>
public sealed class PortfolioInverseTests
{
    private const double Mmr = 0.004;
    private static readonly LeverageBracketSchedule Tiers = LeverageBracketSchedule.FlatRate(Mmr, 125);

    private static PortfolioInstrument Coin(MarketData data, double contractSize, int side = 1) =>
        new(data, Tiers, side) { Contract = ContractKind.Inverse, ContractSize = contractSize, SettlementAsset = "BTC" };

    private static PortfolioSettings Account(double leverage, MarginMode mode = MarginMode.Cross) =>
        new() { InitialCapital = 1, Leverage = leverage, MarginMode = mode, Weighting = PortfolioWeighting.Equal, TakerFeeRate = 0, MakerFeeRate = 0 };

    [Fact]
    public void Two_inverse_shorts_at_one_times_gross_hold_a_constant_usd_value()
    {
        // Each short gets 0.5 BTC of notional at 10 000: 50 contracts of 100 USD and 500 of 10 USD, 5 000 USD each.
        // Equity = 1 − Σ c·s·(1/10 000 − 1/P) = 1 − 10 000·(1/10 000 − 1/P) = 10 000/P BTC: always 10 000 USD.
        double[] closes = [10_000, 10_000, 20_000, 50_000, 5_000, 2_000, 8_000];
        var result = PortfolioBacktester.Run(
            [Coin(TestData.FromCloses(closes), 100, -1), Coin(TestData.FromCloses(closes), 10, -1)], Account(1));

        Assert.Empty(result.Liquidations);
        Assert.Equal(50, result.Instruments[0].Trades[0].EntryQuantity, 9);
        Assert.Equal(500, result.Instruments[1].Trades[0].EntryQuantity, 9);
        for (int i = 1; i < closes.Length; i++)
        {
            Assert.Equal(10_000, result.Equity[i] * closes[i], 1e-8);
        }

        var usd = Assert.IsType<LevBacktest.Core.Metrics.UsdEquityMetrics>(result.UsdMetrics);
        Assert.Equal(0, usd.TotalReturnUsd, 12);
    }

    [Fact]
    public void A_loss_on_one_inverse_position_moves_the_other_s_cross_liquidation_price_by_the_tmm_and_upnl_terms_in_the_coin()
    {
        // L = 2, equal: A and B long 1 BTC of notional each at 10 000 = 100 contracts of 100 USD (c·s = 10 000 USD).
        // Margin balance = maintenance margin for A, B fixed: WB − TMM + UPNL + c·s·(1/e − 1/P) = c·s·mmr/P, so
        // LP_A = c·s·(1 + mmr) / (WB − TMM + UPNL + c·s/e) = 10 040 / (2 − TMM + UPNL).
        // Bar 1, B at 10 000: TMM = 10 000/10 000·0.004 = 0.004, UPNL = 0 → LP_A = 10 040/1.996.
        // Bar 2, B at 8 000: TMM = 10 000/8 000·0.004 = 0.005, UPNL = 10 000·(1/10 000 − 1/8 000) = −0.25 → LP_A = 10 040/1.745.
        var a = TestData.FromCloses([10_000, 10_000, 10_000, 10_000]);
        var b = TestData.FromCloses([10_000, 10_000, 8_000, 8_000]);
        var result = PortfolioBacktester.Run([Coin(a, 100), Coin(b, 100)], Account(2));

        Assert.Empty(result.Liquidations);
        Assert.Equal(10_040 / 1.996, result.Instruments[0].LiquidationPrice[1], 8);
        Assert.Equal(10_040 / 1.745, result.Instruments[0].LiquidationPrice[2], 8);
        Assert.Equal(0.75, result.Equity[2], 12);
        Assert.Equal(10_000 / 8_000.0, result.Instruments[1].Notional[2], 12); // notional in the coin
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(5.0)]
    public void An_inverse_long_alone_in_a_portfolio_liquidates_at_entry_times_L_one_plus_mmr_over_L_plus_one(double leverage)
    {
        // Derivation: wallet W = 1 BTC backs c·s = L·W·e USD. Margin balance W + c·s·(1/e − 1/P) equals maintenance
        // c·s·mmr/P when W + L·W − L·W·e/P = L·W·e·mmr/P, i.e. (1 + L)·P = L·e·(1 + mmr): P = e·L·(1 + mmr)/(L + 1).
        var result = PortfolioBacktester.Run([Coin(TestData.FromCloses([10_000, 10_000, 10_000]), 100)], Account(leverage, MarginMode.Isolated));
        Assert.Equal(10_000 * leverage * (1 + Mmr) / (leverage + 1), result.Instruments[0].LiquidationPrice[1], 8);
    }

    [Fact]
    public void A_portfolio_mixing_linear_and_inverse_or_two_coins_is_rejected_with_the_reason()
    {
        var data = TestData.FromCloses([10_000, 10_000]);
        var mixed = Assert.Throws<ArgumentException>(() => PortfolioBacktester.Run([new PortfolioInstrument(data, Tiers), Coin(data, 100)], Account(1)));
        Assert.Contains("cannot mix linear and inverse", mixed.Message);

        var twoCoins = Assert.Throws<ArgumentException>(() => PortfolioBacktester.Run([Coin(data, 100), Coin(data, 10) with { SettlementAsset = "ETH" }], Account(1)));
        Assert.Contains("settles in ETH", twoCoins.Message);
        Assert.Contains("one account holds one asset", twoCoins.Message);

        var unnamed = Assert.Throws<ArgumentException>(() => PortfolioBacktester.Run([Coin(data, 100) with { SettlementAsset = null }], Account(1)));
        Assert.Contains("must name its settlement asset", unnamed.Message);

        var signal = new ConstantSignal(1);
        var shared = Assert.Throws<ArgumentException>(() => PortfolioBacktester.Run(
            [new PortfolioInstrument(data, Tiers) { Signal = signal }, new PortfolioInstrument(data, Tiers) { Signal = signal }], Account(1)));
        Assert.Contains("shares its ConstantSignal instance", shared.Message);
    }
}
