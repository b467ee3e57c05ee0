using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Simulation;

namespace LevBacktest.Core.Tests.Portfolio;

/// <summary>
/// Two linear perpetuals in one account, worked out by hand. A at 100 and B at 50, 10 000 USDT, target gross
/// leverage 4, equal weights: 20 000 USDT of each, q_A = 200, q_B = 400, long both, flat mmr 1 %, no fees, mark = last.
/// Binance: LP_k = (WB − TMM + UPNL + cum − side·q·entry) / (q·mmr − side·q), TMM and UPNL of the other position.
/// </summary>
public sealed class PortfolioBacktesterTests
{
    private const double Mmr = 0.01;

    private static PortfolioResult RunTwo(double[,] a, double[,] b, MarginMode mode) =>
        PortfolioBacktester.Run(
            [
                new PortfolioInstrument(TestData.Bars(a), LeverageBracketSchedule.FlatRate(Mmr, 125), +1, 1),
                new PortfolioInstrument(TestData.Bars(b), LeverageBracketSchedule.FlatRate(Mmr, 125), +1, 1),
            ],
            new PortfolioSettings { InitialCapital = 10_000, Leverage = 4, MarginMode = mode, TakerFeeRate = 0 });

    [Fact]
    public void A_loss_on_one_position_moves_the_other_s_cross_liquidation_price_by_the_formula_s_tmm_and_upnl_terms()
    {
        // Bar 1 close, B at 50: TMM = 0.01·400·50 = 200, UPNL = 0: LP_A = (10 000 − 200 − 20 000) / (2 − 200) = 51.5152.
        // Bar 2 close, B at 45: TMM = 180, UPNL = 400·(45 − 50) = −2 000: LP_A = (10 000 − 180 − 2 000 − 20 000) / (−198)
        // = 61.5152. The move is (ΔUPNL − ΔTMM) / (q·mmr − q) = (−2 000 + 20) / (−198) = 10 exactly.
        double[,] a = { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 100, 100 } };
        double[,] b = { { 50, 50, 50, 50 }, { 50, 50, 50, 50 }, { 50, 50, 45, 45 } };
        var result = RunTwo(a, b, MarginMode.Cross);

        Assert.Empty(result.Liquidations);
        Assert.Equal(10_200 / 198.0, result.Instruments[0].LiquidationPrice[1], 9);
        Assert.Equal(12_180 / 198.0, result.Instruments[0].LiquidationPrice[2], 9);
        Assert.Equal(10, result.Instruments[0].LiquidationPrice[2] - result.Instruments[0].LiquidationPrice[1], 9);
        Assert.Equal(10_000 - 2_000, result.Equity[2], 9);
        Assert.Equal(20_000, result.Instruments[0].Notional[2], 9);
        Assert.Equal(18_000, result.Instruments[1].Notional[2], 9);
    }

    [Fact]
    public void A_joint_crash_liquidates_the_cross_account_at_the_bar_and_prices_worked_out_by_hand()
    {
        // Bar 2: A falls to 60, B to 42. At those adverse extremes at once the margin balance is
        // 10 000 + 200·(60 − 100) + 400·(42 − 50) = −1 200 ≤ maintenance 0.01·(200·60 + 400·42) = 288: the account goes.
        // A (first in order) meets its liquidation price with B at its extreme 42:
        // LP_A = (10 000 − 0.01·400·42 + 400·(42 − 50) − 20 000)/(0.01·200 − 200) = 13 368/198 = 67.5152; B is taken at 42,
        // where, with A at LP_A, the account's margin balance equals its maintenance margin: B's own liquidation price there.
        // Check: 10 000 + 200·(67.5152 − 100) + 400·(42 − 50) = 303.03 = 0.01·(200·67.5152 + 400·42) = 303.03.
        // The wallet (10 000) is lost, shared by notional there: A 200·67.5152 = 13 503.03, B 400·42 = 16 800.
        double[,] a = { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 60, 65 }, { 65, 70, 65, 70 } };
        double[,] b = { { 50, 50, 50, 50 }, { 50, 50, 50, 50 }, { 50, 50, 42, 44 }, { 44, 46, 44, 46 } };
        var result = RunTwo(a, b, MarginMode.Cross);

        Assert.Equal(2, result.Liquidations.Count);
        Assert.All(result.Liquidations, l => Assert.True(l.AccountLiquidation && l.Bar == 2));
        double lpA = 13_368 / 198.0;
        Assert.Equal(lpA, result.Liquidations.Single(l => l.Instrument == 0).LiquidationPrice, 9);
        Assert.Equal(42, result.Liquidations.Single(l => l.Instrument == 1).LiquidationPrice, 9);
        Assert.Equal(10_000 * (200 * lpA) / ((200 * lpA) + 16_800), result.Liquidations.Single(l => l.Instrument == 0).MarginLost, 9);
        Assert.Equal(10_000, result.Liquidations.Sum(l => l.MarginLost), 9);
        Assert.Equal(0.01 * ((200 * lpA) + 16_800), 10_000 + (200 * (lpA - 100)) + (400 * (42 - 50)), 9); // the account sits exactly at maintenance
        var a0 = Assert.Single(result.Instruments[0].Liquidations);
        Assert.Equal(lpA, a0.LiquidationPrice, 9);
        // A's bankruptcy price, B at 42: 10 000 + 400·(42 − 50) + 200·(P − 100) = 0 → P = 66.
        Assert.Equal(66, a0.BankruptcyPrice, 9);
        Assert.Equal(ExitReason.Liquidation, Assert.Single(result.Instruments[1].Trades).ExitReason);
        Assert.Equal(0, result.Equity[2]);
        Assert.Equal(0, result.Equity[3]);
        Assert.Equal(10_000, result.Equity[1], 9);
        Assert.Equal(1, result.Metrics.LiquidationCount);
        Assert.Equal([0, 1], result.AccountRun.LiquidationInstrument);
        Assert.Equal([0, 1], result.AccountRun.TradeInstrument);
        Assert.Equal(result.Instruments[1].Trades[0], result.AccountRun.Run.Trades[1]);
    }

    [Fact]
    public void The_same_crash_in_isolated_margin_liquidates_only_the_losing_position()
    {
        // Isolated: 5 000 each. LP_A = (5 000 − 20 000)/(2 − 200) = 75.7576 (A's low 60 reaches it);
        // LP_B = (5 000 − 20 000)/(4 − 400) = 37.8788 (B's low 42 does not). After bar 2: B's wallet 5 000 + uPnL
        // 400·(44 − 50) = 2 600; at bar 3's close 5 000 + 400·(46 − 50) = 3 400.
        double[,] a = { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 60, 65 }, { 65, 70, 65, 70 } };
        double[,] b = { { 50, 50, 50, 50 }, { 50, 50, 50, 50 }, { 50, 50, 42, 44 }, { 44, 46, 44, 46 } };
        var result = RunTwo(a, b, MarginMode.Isolated);

        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(0, liquidation.Instrument);
        Assert.Equal(2, liquidation.Bar);
        Assert.False(liquidation.AccountLiquidation);
        Assert.Equal(15_000 / 198.0, liquidation.LiquidationPrice, 9);
        Assert.Equal(5_000, liquidation.MarginLost, 9);
        Assert.Equal(15_000 / 396.0, result.Instruments[1].LiquidationPrice[2], 9);
        Assert.Equal(2_600, result.Equity[2], 9);
        Assert.Equal(3_400, result.Equity[3], 9);
    }

    [Fact]
    public void An_instrument_without_a_bar_does_not_trade_is_marked_at_its_last_mark_and_settles_no_funding()
    {
        // B has no bar at clock bar 2 (a gap): its funding event there is skipped, it keeps its bar-1 mark (50).
        double[,] a = { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 100, 100 } };
        var bData = TestData.Bars(new double[,] { { 50, 50, 50, 50 }, { 50, 50, 50, 50 }, { 40, 40, 40, 40 } });
        long[] bTimes = [TestData.Start, TestData.Start + TestData.Hour, TestData.Start + (3 * TestData.Hour)];
        var funding = TestData.Funding([TestData.Start + (2 * TestData.Hour), TestData.Start + (3 * TestData.Hour)], [0.001, 0.001]);
        var b = new MarketData("B", TestData.Hour, bTimes, bData.Open, bData.High, bData.Low, bData.Close, bData.Volume, default, default, default, default, funding);
        var result = PortfolioBacktester.Run(
            [
                new PortfolioInstrument(TestData.Bars(a), LeverageBracketSchedule.FlatRate(Mmr, 125), +1, 1),
                new PortfolioInstrument(b, LeverageBracketSchedule.FlatRate(Mmr, 125), +1, 1),
            ],
            new PortfolioSettings { InitialCapital = 10_000, Leverage = 2, TakerFeeRate = 0 });

        Assert.Equal(4, result.OpenTimeMs.Length);
        Assert.Equal([0, 1], result.Instruments.Select(r => r.BarsWithoutData));
        Assert.Equal([0, 1], result.Instruments.Select(r => r.FundingEventsSkipped));
        Assert.Equal([new BarSpan(TestData.Start + (2 * TestData.Hour), TestData.Start + (3 * TestData.Hour), 1)], result.Instruments[1].SpansWithoutData(result.OpenTimeMs));
        Assert.Empty(result.Instruments[0].SpansWithoutData(result.OpenTimeMs));
        Assert.Equal(10_000, result.Equity[2], 9);            // B marked at 50 in its gap
        Assert.Equal(10_000, result.Instruments[1].Notional[2], 9);
        // Bar 3: the event at B's bar settles on 200 B at B's open 40: 200·40·0.001 = 8 paid; B lost 200·10.
        Assert.Equal(8, result.Instruments[1].FundingPaid, 9);
        Assert.Equal(10_000 - 2_000 - 8, result.Equity[3], 9);
    }
}
