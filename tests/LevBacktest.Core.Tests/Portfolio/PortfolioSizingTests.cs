using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Simulation;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Core.Tests.Portfolio;

/// <summary>
/// The portfolio sizing rules worked out by hand: the account's target gross leverage L split by equal, fixed and
/// inverse-volatility weights over the instruments whose signals want a position, periodic and band rebalancing, and
/// per-position stops. 10 000 USDT, no fees, no slippage, flat mmr 1 %, mark = last; decisions at a close fill at the next open.
/// </summary>
public sealed class PortfolioSizingTests
{
    private static readonly LeverageBracketSchedule Tiers = LeverageBracketSchedule.FlatRate(0.01, 125);

    private static MarketData Flat(double price, int bars) => TestData.FromCloses([.. Enumerable.Repeat(price, bars)]);

    private static PortfolioSettings Account(double leverage, PortfolioWeighting weighting, MarginMode mode = MarginMode.Cross) =>
        new() { InitialCapital = 10_000, Leverage = leverage, Weighting = weighting, MarginMode = mode, TakerFeeRate = 0, MakerFeeRate = 0 };

    [Fact]
    public void Equal_weights_split_the_gross_leverage_over_the_instruments_the_signals_want_and_a_band_rebalances_when_one_joins()
    {
        // A wants long from bar 0, B from bar 2. Bar 1: only A is wanted (weight 1): A = 2·1·10 000 = 20 000 (200 at 100).
        // Bar 2's close: B joins, weights ½ each. A's leverage on its share is 20 000/(½·10 000) = 4 against the 2 it was
        // filled at: a drift of 100 % > band 10 %, so A is resized at bar 3 to 2·½·10 000 = 10 000 while B opens at 10 000
        // (200 at 50). Without a rebalancing rule A keeps its 20 000 and the account runs at 30 000/10 000 = 3x.
        static PortfolioInstrument[] Legs() =>
        [
            new(Flat(100, 5), Tiers) { Signal = new ScriptedSignal(1) },
            new(Flat(50, 5), Tiers) { Signal = new ScriptedSignal(0, 0, 1) },
        ];

        var banded = PortfolioBacktester.Run(Legs(), Account(2, PortfolioWeighting.Equal) with { RebalanceBand = 0.1 });
        Assert.Equal([0, 20_000, 20_000, 10_000, 10_000], banded.Instruments[0].Notional, Tolerance);
        Assert.Equal([0, 0, 0, 10_000, 10_000], banded.Instruments[1].Notional, Tolerance);
        Assert.Equal(2, banded.Account.EffectiveLeverage[3], 12);
        Assert.Equal(100, Assert.Single(banded.Instruments[0].Trades).ExitQuantity, 12);

        var unbalanced = PortfolioBacktester.Run(Legs(), Account(2, PortfolioWeighting.Equal));
        Assert.Equal(20_000, unbalanced.Instruments[0].Notional[3], 9);
        Assert.Equal(10_000, unbalanced.Instruments[1].Notional[3], 9);
        Assert.Equal(3, unbalanced.Account.EffectiveLeverage[3], 12);
    }

    [Fact]
    public void Fixed_weights_give_each_instrument_its_share_and_isolated_wallets_hold_weight_times_equity()
    {
        // Weights 3 : 1 of L = 2 on 10 000: A 2·¾·10 000 = 15 000 (150 at 100) on a 7 500 wallet, B 2·¼·10 000 = 5 000
        // (100 at 50) on 2 500. A's isolated liquidation price (DESIGN, TMM = UPNL = 0): (7 500 − 150·100)/(150·0.01 − 150)
        // = 7 500/148.5 = 50.505; B's (2 500 − 100·50)/(100·0.01 − 100) = 2 500/99 = 25.2525.
        var result = PortfolioBacktester.Run(
            [new(Flat(100, 3), Tiers, Weight: 3), new(Flat(50, 3), Tiers, Weight: 1)],
            Account(2, PortfolioWeighting.Fixed, MarginMode.Isolated));

        Assert.Equal(15_000, result.Instruments[0].Notional[2], 9);
        Assert.Equal(5_000, result.Instruments[1].Notional[2], 9);
        Assert.Equal(7_500, result.Instruments[0].Trades[0].InitialMargin, 9);
        Assert.Equal(2_500, result.Instruments[1].Trades[0].InitialMargin, 9);
        Assert.Equal(7_500 / 148.5, result.Instruments[0].LiquidationPrice[2], 9);
        Assert.Equal(2_500 / 99.0, result.Instruments[1].LiquidationPrice[2], 9);
        Assert.Equal(0.02, result.Account.MarginRatio[2], 12); // isolated: the highest position ratio, 150/7 500 = 50/2 500 = 2 %
    }

    [Fact]
    public void Inverse_volatility_weights_are_risk_parity_on_the_realised_volatility_over_the_lookback()
    {
        // Lookback 2 log returns. A's closes 100, 110, 100, … give returns ±ln 1.1; B's 100, 121, 100, … ±ln 1.21 = ±2·ln 1.1.
        // Sample std over (+r, −r): √(2r²/1) = √2·r, so σ_B = 2σ_A and the weights are (1/σ_A):(1/σ_B) = 2/3 : 1/3.
        // Neither has two returns before bar 2's close: no position until then. At bar 3's open (both 100), L = 3:
        // A = 3·⅔·10 000 = 20 000 (200), B = 3·⅓·10 000 = 10 000 (100).
        var a = TestData.FromCloses([100, 110, 100, 110, 100]);
        var b = TestData.FromCloses([100, 121, 100, 121, 100]);
        var result = PortfolioBacktester.Run([new(a, Tiers), new(b, Tiers)],
            Account(3, PortfolioWeighting.InverseVolatility) with { VolatilityLookbackBars = 2 });

        Assert.Equal([0, 0, 0], result.Instruments[0].Side[..3]);
        Assert.Equal(200, result.Instruments[0].Trades[0].EntryQuantity, 9);
        Assert.Equal(100, result.Instruments[1].Trades[0].EntryQuantity, 9);
        Assert.Equal(3, result.Instruments[0].Trades[0].EntryBar);
        Assert.Equal(20_000 * 110 / 100.0, result.Instruments[0].Notional[3], 9);
        Assert.Equal(10_000 * 121 / 100.0, result.Instruments[1].Notional[3], 9);
    }

    [Fact]
    public void Periodic_rebalancing_resizes_every_n_of_an_instrument_s_bars_back_to_its_share_of_gross_leverage()
    {
        // Equal weights, L = 2: bar 1 A 10 000 (100 at 100), B 10 000 (200 at 50). A closes bar 2 at 120: equity 12 000.
        // Every 2 bars since the last fill (bar 1) → at bar 3's open both go back to 2·½·12 000 = 12 000: A is already
        // there (no fill), B grows to 240 (40 bought at 50).
        var a = TestData.FromCloses([100, 100, 120, 120, 120]);
        var result = PortfolioBacktester.Run([new(a, Tiers), new(Flat(50, 5), Tiers)],
            Account(2, PortfolioWeighting.Equal) with { RebalanceEveryBars = 2 });

        Assert.Equal(12_000, result.Equity[2], 9);
        Assert.Equal(12_000, result.Instruments[0].Notional[3], 9);
        Assert.Equal(12_000, result.Instruments[1].Notional[3], 9);
        var bTrade = Assert.Single(result.Instruments[1].Trades);
        Assert.Equal(200, bTrade.EntryQuantity, 9);
        Assert.Equal(240, bTrade.ExitQuantity, 9);
        Assert.Equal(100, Assert.Single(result.Instruments[0].Trades).ExitQuantity, 9);
    }

    [Fact]
    public void A_stop_closes_only_its_own_position_at_its_level_and_the_signal_re_enters_at_its_share_of_the_new_equity()
    {
        // L = 2, equal: A 100 at 100 with a 5 % stop at 95, B 200 at 50. Bar 2: A trades down to 94, the stop fills at 95:
        // −500. B is untouched. A's signal still wants long: at bar 3's open (96) A re-enters at 2·½·9 500 = 9 500.
        double[,] aBars = { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 94, 96 }, { 96, 96, 96, 96 } };
        var result = PortfolioBacktester.Run(
            [new(TestData.Bars(aBars), Tiers) { StopLoss = new FixedPercentStopLoss(0.05) }, new(Flat(50, 4), Tiers)],
            Account(2, PortfolioWeighting.Equal));

        var stopped = result.Instruments[0].Trades[0];
        Assert.Equal(ExitReason.Stop, stopped.ExitReason);
        Assert.Equal(95, stopped.ExitPrice, 9);
        Assert.Equal(-500, stopped.RealizedPnl, 9);
        Assert.Equal(95, Assert.Single(result.Instruments[0].StopEvents).FillPrice, 9);
        Assert.Empty(result.Instruments[1].StopEvents);
        Assert.Equal(9_500, result.Equity[2], 9);
        Assert.Equal(9_500, result.Instruments[0].Notional[3], 9);
        Assert.Equal(10_000, result.Instruments[1].Notional[3], 9);
        Assert.Equal(-500, result.Instruments[0].ProfitAndLoss, 9);
        Assert.Equal(result.Equity[^1] - 10_000, result.Instruments.Sum(i => i.ProfitAndLoss), 9);
    }

    private static readonly IEqualityComparer<double> Tolerance = new NearComparer();

    private sealed class NearComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }
}
