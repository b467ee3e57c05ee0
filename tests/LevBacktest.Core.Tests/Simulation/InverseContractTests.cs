using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// Inverse (coin-margined) runs against closed forms: money is in the coin, the payoff is
/// side · contracts · size · (1/entry − 1/P). Capital 1 BTC, contracts of 100 USD, no fees, flat mmr.
/// </summary>
public sealed class InverseContractTests
{
    private const double Mmr = 0.004;

    private static SimulationSettings Inverse(double leverage, MarginMode mode = MarginMode.Isolated) => new()
    {
        Contract = ContractKind.Inverse,
        ContractSize = 100,
        InitialCapital = 1,
        Leverage = leverage,
        MarginMode = mode,
        Brackets = LeverageBracketSchedule.FlatRate(Mmr, 125),
        TakerFeeRate = 0,
        MakerFeeRate = 0,
    };

    [Fact]
    public void One_times_short_holds_a_constant_usd_value_and_is_never_liquidated()
    {
        // Short F = 10 000 USD (1 BTC at 10 000) on 1 BTC: equity = 1 − F·(1/10 000 − 1/P) = F/P BTC, worth F USD at
        // any price. A linear 1x short would be liquidated near twice the entry; this one rides a 5x rise.
        double[] closes = [10_000, 10_000, 20_000, 50_000, 30_000, 5_000, 2_000, 8_000];
        var result = Backtester.Run(TestData.FromCloses(closes), Inverse(1), new ConstantSignal(-1), new LeverageUnderTestSizing(), new NoStop());

        Assert.Empty(result.Liquidations);
        Assert.Equal(100, result.Trades[0].EntryQuantity, 12); // contracts: 1 BTC · 10 000 / 100
        for (int i = 1; i < closes.Length; i++)
        {
            Assert.Equal(10_000, result.EquityCurve.Equity[i] * closes[i], 1e-8);
            Assert.True(double.IsNaN(result.EquityCurve.LiquidationPrice[i]) || double.IsPositiveInfinity(result.EquityCurve.LiquidationPrice[i]));
        }

        // In USD (initial 1 BTC at the first open, 10 000): no return and no drawdown; in the coin, −20 % at 50 000.
        var usd = Assert.IsType<LevBacktest.Core.Metrics.UsdEquityMetrics>(result.UsdMetrics);
        Assert.Equal(0, usd.TotalReturnUsd, 12);
        Assert.Equal(0, usd.MaxDrawdownUsd, 12);
        Assert.Equal(10_000.0 / 50_000, result.EquityCurve.Equity[3], 12);
    }

    [Fact]
    public void One_times_long_is_a_two_times_usd_exposure_and_liquidates_near_half_the_entry()
    {
        // Long F = 10 000 USD on 1 BTC: equity = 1 + F·(1/10 000 − 1/P) = 2 − 10 000/P BTC, so its USD value is
        // 2P − 10 000: it moves 2 USD per USD of price, a 2x USD exposure. LP = 10 000 · (1 + mmr)/2 = 5 020 (from the
        // L(1 + mmr)/(L + 1) rule at L = 1); bankruptcy where the equity is 0: P = 5 000.
        double[] closes = [10_000, 10_000, 12_000, 15_000, 8_000, 6_000, 4_000];
        var result = Backtester.Run(TestData.FromCloses(closes), Inverse(1), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());

        for (int i = 1; i <= 5; i++)
        {
            Assert.Equal((2 * closes[i]) - 10_000, result.EquityCurve.Equity[i] * closes[i], 1e-8);
            Assert.Equal(10_000 * (1 + Mmr) / 2, result.EquityCurve.LiquidationPrice[i], 1e-8);
        }

        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(6, liquidation.Bar); // the bar from 6 000 to 4 000 crosses 5 020
        Assert.Equal(5_020, liquidation.LiquidationPrice, 1e-8);
        Assert.Equal(5_000, liquidation.BankruptcyPrice, 1e-8);
        Assert.Equal(1, liquidation.MarginLost, 1e-12); // the whole isolated BTC
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(25.0)]
    public void Long_at_leverage_L_has_the_closed_form_liquidation_price(double leverage)
    {
        // See InverseLiquidationPriceTests: with a flat mmr, no maintenance amount and no fees, LP = entry · L(1 + mmr)/(L + 1).
        double[] closes = [10_000, 10_000, 10_000];
        var result = Backtester.Run(TestData.FromCloses(closes), Inverse(leverage), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(10_000 * leverage * (1 + Mmr) / (leverage + 1), result.EquityCurve.LiquidationPrice[1], 1e-8);
        Assert.Equal(leverage, result.EquityCurve.EffectiveLeverage[1], 1e-12);
    }

    [Fact]
    public void Funding_is_paid_in_the_coin_on_the_notional_at_the_event_mark()
    {
        // 100 contracts (F = 10 000 USD) long; event at bar 2's open with mark 20 000 and rate 0.0001:
        // payment = side · F / mark · rate = 10 000 / 20 000 · 0.0001 = 0.00005 BTC, paid by the long.
        double[] closes = [10_000, 10_000, 20_000, 20_000];
        var funding = TestData.Funding([TestData.Start + (2 * TestData.Hour)], [0.0001], [20_000]);
        var result = Backtester.Run(TestData.FromCloses(closes, funding), Inverse(1), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());

        var payment = Assert.Single(result.FundingPayments);
        Assert.Equal(0.00005, payment.Payment, 15);
        Assert.Equal(0.00005, result.Metrics.FundingPaid, 15);

        // Equity at bar 2's close: 2 − 10 000/20 000 − 0.00005 BTC.
        Assert.Equal(1.5 - 0.00005, result.EquityCurve.Equity[2], 12);
    }
}
