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
        Assert.Equal(10_200 / 198.0, result.LiquidationPrice[0][1], 9);
        Assert.Equal(12_180 / 198.0, result.LiquidationPrice[0][2], 9);
        Assert.Equal(10, result.LiquidationPrice[0][2] - result.LiquidationPrice[0][1], 9);
        Assert.Equal(10_000 - 2_000, result.Equity[2], 9);
        Assert.Equal(20_000, result.Notional[0][2], 9);
        Assert.Equal(18_000, result.Notional[1][2], 9);
    }

    [Fact]
    public void A_joint_crash_liquidates_the_cross_account_at_the_bar_and_prices_worked_out_by_hand()
    {
        // Bar 2: A falls to 60, B to 42. At those adverse extremes at once the margin balance is
        // 10 000 + 200·(60 − 100) + 400·(42 − 50) = −1 200 ≤ maintenance 0.01·(200·60 + 400·42) = 288: the account goes.
        // Recorded prices, each with the other at its extreme: LP_A = (10 000 − 0.01·400·42 + 400·(42 − 50) − 20 000)/(−198)
        // = 13 368/198 = 67.5152; LP_B = (10 000 − 0.01·200·60 + 200·(60 − 100) − 20 000)/(4 − 400) = 18 120/396 = 45.7576.
        double[,] a = { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 100, 100, 60, 65 }, { 65, 70, 65, 70 } };
        double[,] b = { { 50, 50, 50, 50 }, { 50, 50, 50, 50 }, { 50, 50, 42, 44 }, { 44, 46, 44, 46 } };
        var result = RunTwo(a, b, MarginMode.Cross);

        Assert.Equal(2, result.Liquidations.Count);
        Assert.All(result.Liquidations, l => Assert.True(l.AccountLiquidation && l.Bar == 2));
        Assert.Equal(13_368 / 198.0, result.Liquidations.Single(l => l.Instrument == 0).LiquidationPrice, 9);
        Assert.Equal(18_120 / 396.0, result.Liquidations.Single(l => l.Instrument == 1).LiquidationPrice, 9);
        Assert.Equal(10_000, result.Liquidations.Sum(l => l.MarginLost), 9);
        Assert.Equal(0, result.Equity[2]);
        Assert.Equal(0, result.Equity[3]);
        Assert.Equal(10_000, result.Equity[1], 9);
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
        Assert.Equal(15_000 / 396.0, result.LiquidationPrice[1][2], 9);
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
        Assert.Equal([0, 1], result.BarsWithoutData);
        Assert.Equal([0, 1], result.FundingEventsSkipped);
        Assert.Equal(10_000, result.Equity[2], 9);            // B marked at 50 in its gap
        Assert.Equal(10_000, result.Notional[1][2], 9);
        // Bar 3: the event at B's bar settles on 200 B at B's open 40: 200·40·0.001 = 8 paid; B lost 200·10.
        Assert.Equal(8, result.FundingPaid[1], 9);
        Assert.Equal(10_000 - 2_000 - 8, result.Equity[3], 9);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(25.0)]
    public void A_portfolio_of_one_instrument_matches_the_single_instrument_engine_in_cross_margin(double leverage)
    {
        // Same fills, funding, liquidation rule (for one position margin balance ≤ maintenance at the mark low is
        // mark low ≤ LP): the two engines must agree bar by bar up to rounding.
        var random = new Random(5);
        int n = 600;
        var rows = new double[n, 4];
        double price = 100;
        for (int i = 0; i < n; i++)
        {
            double open = price;
            price *= 1 + (0.02 * ((2 * random.NextDouble()) - 1));
            rows[i, 0] = open;
            rows[i, 1] = Math.Max(open, price) * (1 + (0.01 * random.NextDouble()));
            rows[i, 2] = Math.Min(open, price) * (1 - (0.01 * random.NextDouble()));
            rows[i, 3] = price;
        }

        long[] fundingTimes = Enumerable.Range(0, n / 8).Select(k => TestData.Start + (k * 8 * TestData.Hour)).ToArray();
        var funding = TestData.Funding(fundingTimes, fundingTimes.Select((_, k) => k % 3 == 0 ? -0.0002 : 0.0003).ToArray());
        var data = TestData.Bars(rows, funding: funding);
        var brackets = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json"));

        var single = Backtester.Run(data, new SimulationSettings
        {
            InitialCapital = 10_000,
            Leverage = leverage,
            MarginMode = MarginMode.Cross,
            Brackets = brackets,
            TakerFeeRate = 0.0005,
            AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun,
        }, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        var portfolio = PortfolioBacktester.Run(
            [new PortfolioInstrument(data, brackets, +1, 1)],
            new PortfolioSettings { InitialCapital = 10_000, Leverage = leverage, MarginMode = MarginMode.Cross, TakerFeeRate = 0.0005 });

        Assert.Equal(single.Liquidations.Count, portfolio.Liquidations.Count);
        Assert.Equal(leverage > 20, single.Liquidations.Count > 0); // 25x meets its liquidation price on this path, 3x does not
        if (single.Liquidations.Count > 0)
        {
            Assert.Equal(single.Liquidations[0].Bar, portfolio.Liquidations[0].Bar);
            Assert.Equal(single.Liquidations[0].LiquidationPrice, portfolio.Liquidations[0].LiquidationPrice, 1e-9 * price);
        }

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(single.EquityCurve.Equity[i], portfolio.Equity[i], 1e-9 * 10_000);
        }

        Assert.Equal(single.Metrics.FundingPaid - single.Metrics.FundingReceived, portfolio.FundingPaid[0], 1e-9);
    }
}
