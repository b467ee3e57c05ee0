using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// Hand-built OHLC paths, one per rule of DESIGN.md "Order of events inside bar i". Every expected value
/// is worked out in the comments from the rule, not read back from the engine.
/// Common set-up unless stated: 10 000 USDT, flat maintenance margin rate 0.5 % (max 100x), no fees, no
/// slippage, mark = last. A 10x long at 100 holds q = 10 · 10 000 / 100 = 1 000 and (isolated, whole
/// equity allocated) LP = (10 000 − 1 000·100) / (1 000·0.005 − 1 000) = 90 000 / 995 = 90.4523.
/// </summary>
public sealed class ScenarioTests
{
    private const double LongLiquidationPrice = 90_000.0 / 995.0;

    private static SimulationSettings Settings(double leverage = 10, MarginMode mode = MarginMode.Isolated, double allocation = 1) => new()
    {
        InitialCapital = 10_000,
        Leverage = leverage,
        MarginMode = mode,
        IsolatedAllocation = allocation,
        Brackets = LeverageBracketSchedule.FlatRate(0.005, 100),
        TakerFeeRate = 0,
        MakerFeeRate = 0,
    };

    private static double[,] Rows(params double[][] bars)
    {
        var rows = new double[bars.Length, 4];
        for (int i = 0; i < bars.Length; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                rows[i, k] = bars[i][k];
            }
        }

        return rows;
    }

    [Fact]
    public void Stop_above_the_liquidation_price_is_met_first()
    {
        // Bar 1 falls to 89: both the 5 % stop (95) and LP (90.45) are crossed. For a long the higher level
        // is met first on the way down, so the stop fills at 95: PnL = 1 000 · (95 − 100) = −5 000.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 89, 92], [92, 92, 92, 92]));
        var result = Backtester.Run(data, Settings(), new ScriptedSignal(1, 0), new LeverageUnderTestSizing(), new FixedFractionStop(0.05));

        Assert.Empty(result.Liquidations);
        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.Stop, trade.ExitReason);
        Assert.Equal(95, trade.ExitPrice, 9);
        Assert.Equal(1, trade.ExitBar);
        Assert.Equal(5_000, result.EquityCurve.Equity[^1], 6);
        var stop = Assert.Single(result.StopEvents);
        Assert.False(stop.Gap);
    }

    [Fact]
    public void Liquidation_above_the_stop_is_met_first_and_isolated_loses_only_its_margin()
    {
        // Half the equity allocated: margin 5 000, q = 10 · 5 000 / 100 = 500,
        // LP = (5 000 − 50 000) / (500·0.005 − 500) = 45 000 / 497.5 = 90.4523 — above the 15 % stop at 85.
        // Bar 1's mark low 89 crosses LP first: the isolated wallet (5 000) is lost, the free 5 000 stays.
        // Bankruptcy price = 100 − 5 000 / 500 = 90.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 89, 92], [92, 92, 92, 92]));
        var result = Backtester.Run(data, Settings(allocation: 0.5) with { AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun },
            new ConstantSignal(1), new LeverageUnderTestSizing(), new FixedFractionStop(0.15));

        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(1, liquidation.Bar);
        Assert.Equal(45_000 / 497.5, liquidation.LiquidationPrice, 9);
        Assert.Equal(liquidation.LiquidationPrice, liquidation.MarkPrice, 9); // touched inside the bar
        Assert.Equal(90, liquidation.BankruptcyPrice, 9);
        Assert.Equal(5_000, liquidation.MarginLost, 9);
        Assert.Empty(result.StopEvents);
        Assert.Equal(ExitReason.Liquidation, result.Trades[0].ExitReason);
        Assert.Equal(-5_000, result.Trades[0].NetPnl, 9);
        Assert.All(result.EquityCurve.Equity.AsSpan(1).ToArray(), e => Assert.Equal(5_000, e, 9));
        Assert.Equal(1, result.Metrics.TradeCount); // EndRun: no re-entry
        Assert.Equal(data.OpenTimeMs.Span[1], result.Metrics.FirstLiquidationTime);
    }

    [Fact]
    public void Stop_and_liquidation_at_the_same_price_go_to_the_stop()
    {
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 89, 92], [92, 92, 92, 92]));
        var result = Backtester.Run(data, Settings(), new ScriptedSignal(1, 0), new LeverageUnderTestSizing(), new FixedPriceStop(LongLiquidationPrice));
        Assert.Empty(result.Liquidations);
        Assert.Equal(ExitReason.Stop, result.Trades[0].ExitReason);
    }

    [Fact]
    public void Gap_through_the_stop_fills_at_the_open_with_slippage()
    {
        // 10 bp slippage: entry fills at 100 · 1.001 = 100.1 (q = 10 · 10 000 / 100 = 1 000, sized without slippage);
        // the 5 % stop sits at 100.1 · 0.95 = 95.095. Bar 2 opens at 93 (below the stop, above LP): the stop fills
        // at 93 · 0.999 = 92.907. Equity = 10 000 + 1 000 · (92.907 − 100.1) = 2 807.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 101, 99, 100], [93, 94, 92, 93], [93, 93, 93, 93]));
        var settings = Settings() with { Slippage = SlippageModel.Fixed(10) };
        var result = Backtester.Run(data, settings, new ScriptedSignal(1, 1, 0), new LeverageUnderTestSizing(), new FixedFractionStop(0.05));

        var trade = Assert.Single(result.Trades);
        Assert.Equal(100.1, trade.EntryPrice, 9);
        Assert.Equal(92.907, trade.ExitPrice, 9);
        Assert.Equal(2, trade.ExitBar);
        var stop = Assert.Single(result.StopEvents);
        Assert.True(stop.Gap);
        Assert.Equal(100.1 * 0.95, stop.TriggerPrice, 9);
        Assert.Equal(2_807, result.EquityCurve.Equity[^1], 6);
    }

    [Fact]
    public void Gap_through_the_liquidation_price_liquidates_at_the_mark_open_before_the_stop()
    {
        // Bar 2's mark opens at 88, below LP 90.45 (and below the 95 stop): step 2 tests liquidation first,
        // so the position is liquidated at the mark open 88 and the whole 10 000 isolated wallet is lost.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 101, 99, 100], [88, 90, 87, 89], [89, 89, 89, 89]));
        var result = Backtester.Run(data, Settings(), new ConstantSignal(1), new LeverageUnderTestSizing(), new FixedFractionStop(0.05));

        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(2, liquidation.Bar);
        Assert.Equal(88, liquidation.MarkPrice);
        Assert.Equal(LongLiquidationPrice, liquidation.LiquidationPrice, 9);
        Assert.Equal(10_000, liquidation.MarginLost, 9);
        Assert.Empty(result.StopEvents);
        Assert.Equal(0, result.EquityCurve.Equity[^1], 9);
        Assert.Single(result.Trades); // nothing left to re-enter with
    }

    [Fact]
    public void Liquidation_uses_the_mark_price_not_the_last_price()
    {
        // Last price wicks to 85 (below LP 90.45) but the mark low is 91: no liquidation.
        var last = Rows([100, 100, 100, 100], [100, 100, 85, 95], [95, 95, 95, 95]);
        var mark = Rows([100, 100, 100, 100], [100, 100, 91, 95], [95, 95, 95, 95]);
        var result = Backtester.Run(TestData.Bars(last, mark), Settings(), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Empty(result.Liquidations);
        Assert.Equal(10_000 + (1_000 * (95 - 100)), result.EquityCurve.Equity[^1], 6);
        Assert.Equal(0, result.MarkFallbackBars);

        // Without the mark series the last price stands in and the wick liquidates.
        var lastOnly = Backtester.Run(TestData.Bars(last), Settings(), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Single(lastOnly.Liquidations);
        Assert.Equal(3, lastOnly.MarkFallbackBars);
    }

    [Fact]
    public void Short_is_liquidated_on_the_mark_high()
    {
        // 10x short at 100: LP = (10 000 + 100 000) / (1 000 · 1.005) = 109.4527. Mark high 110 liquidates.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 110, 99, 105], [105, 105, 105, 105]));
        var result = Backtester.Run(data, Settings(), new ConstantSignal(-1), new LeverageUnderTestSizing(), new NoStop());
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(110_000 / 1_005.0, liquidation.LiquidationPrice, 9);
        Assert.Equal(-1, liquidation.Side);
    }

    [Fact]
    public void Cross_liquidation_takes_equity_to_zero_and_never_below()
    {
        // Cross 10x long, wallet 10 000: LP = 90.4523 as above. Bar 2 gaps to a mark open of 50 — far below the
        // bankruptcy price 90 — and the account ends at exactly 0, not −40 000.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 99, 100], [50, 55, 45, 50], [50, 50, 50, 50]));
        var result = Backtester.Run(data, Settings(mode: MarginMode.Cross), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(50, liquidation.MarkPrice);
        Assert.Equal(10_000, liquidation.MarginLost, 9);
        Assert.Equal(0, result.EquityCurve.Equity[2]);
        Assert.Equal(0, result.EquityCurve.Equity[3]);
        Assert.Equal(-1, result.Metrics.TotalReturn, 12);
    }

    [Fact]
    public void Funding_is_paid_by_a_long_and_received_by_a_short()
    {
        // Flat price 100, 2x: q = 2 · 10 000 / 100 = 200. One event at bar 2's open + 3 ms of jitter, rate 0.1 %,
        // no mark price in the file: it settles at bar 2 (openTime ≥ T − 1 000 ms) at the mark open 100:
        // payment = 200 · 100 · 0.001 = 20, paid by the long, received by the short.
        long t = TestData.Start + (2 * TestData.Hour) + 3;
        var funding = TestData.Funding([t], [0.001]);
        var data = TestData.FromCloses([100, 100, 100, 100], funding);

        var longRun = Backtester.Run(data, Settings(leverage: 2), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        var payment = Assert.Single(longRun.FundingPayments);
        Assert.Equal(2, payment.Bar);
        Assert.Equal(t, payment.TimeMs);
        Assert.Equal(20, payment.Payment, 9);
        Assert.Equal(20, longRun.Metrics.FundingPaid, 9);
        Assert.Equal(0, longRun.Metrics.FundingReceived);
        Assert.Equal(9_980, longRun.EquityCurve.Equity[^1], 9);
        Assert.Equal(10_000, longRun.EquityCurve.Equity[1], 9); // nothing before bar 2

        var shortRun = Backtester.Run(data, Settings(leverage: 2), new ConstantSignal(-1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(-20, Assert.Single(shortRun.FundingPayments).Payment, 9);
        Assert.Equal(20, shortRun.Metrics.FundingReceived, 9);
        Assert.Equal(10_020, shortRun.EquityCurve.Equity[^1], 9);
    }

    [Fact]
    public void Funding_uses_the_events_mark_price_and_any_interval()
    {
        // Events 1 h, then 4 h apart (not 8 h): at bar 2 (mark 101 given in the file) and bar 6 (no mark: bar's mark open 100).
        // 1x long, q = 100: payments 100 · 101 · 0.0002 = 2.02 and 100 · 100 · −0.0001 = −1.
        var funding = TestData.Funding(
            [TestData.Start + (2 * TestData.Hour), TestData.Start + (6 * TestData.Hour) - 2],
            [0.0002, -0.0001],
            [101, double.NaN]);
        var data = TestData.FromCloses([100, 100, 100, 100, 100, 100, 100, 100], funding);
        var result = Backtester.Run(data, Settings(leverage: 1), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(2, result.FundingPayments.Count);
        Assert.Equal((2, 101.0, 2.02), (result.FundingPayments[0].Bar, result.FundingPayments[0].MarkPrice, Math.Round(result.FundingPayments[0].Payment, 9)));
        Assert.Equal((6, 100.0, -1.0), (result.FundingPayments[1].Bar, result.FundingPayments[1].MarkPrice, Math.Round(result.FundingPayments[1].Payment, 9)));
        Assert.Equal(10_000 - 2.02 + 1, result.EquityCurve.Equity[^1], 9);
    }

    [Fact]
    public void Funding_moves_the_isolated_liquidation_price_into_reach()
    {
        // 10x long, LP 90.4523. A funding event at bar 2 with rate 3 % costs 1 000 · 100 · 0.03 = 3 000 from the
        // isolated wallet: LP = (7 000 − 100 000) / (−995) = 93.4673. Bar 2's low of 93 is above the old LP but
        // below the new one, so the position is liquidated in bar 2 with 7 000 left to lose.
        var funding = TestData.Funding([TestData.Start + (2 * TestData.Hour)], [0.03]);
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 99, 100], [100, 100, 93, 95], [95, 95, 95, 95]), funding: funding);
        var result = Backtester.Run(data, Settings(), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(2, liquidation.Bar);
        Assert.Equal(93_000 / 995.0, liquidation.LiquidationPrice, 9);
        Assert.Equal(7_000, liquidation.MarginLost, 9);
        Assert.Equal(LongLiquidationPrice, result.EquityCurve.LiquidationPrice[1], 9); // before the event

        var noFunding = Backtester.Run(TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 99, 100], [100, 100, 93, 95], [95, 95, 95, 95])),
            Settings(), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Empty(noFunding.Liquidations);
    }

    [Fact]
    public void A_new_bracket_table_takes_effect_at_its_date()
    {
        // From bar 3 the table says mmr 5 %: LP = (10 000 − 100 000) / (1 000 · 0.05 − 1 000) = 94.7368.
        // Bar 3's low 94 liquidates under the new table (it would not under the old one: 90.45).
        var early = new LeverageBracketTable(TestData.Start, [new LeverageBracket(0, double.PositiveInfinity, 100, 0.005, 0)]);
        var late = new LeverageBracketTable(TestData.Start + (3 * TestData.Hour), [new LeverageBracket(0, double.PositiveInfinity, 20, 0.05, 0)]);
        var schedule = new LeverageBracketSchedule("TESTUSDT", "test", [early, late]);
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 99, 100], [100, 100, 99, 100], [100, 100, 94, 96], [96, 96, 96, 96]));
        var result = Backtester.Run(data, Settings() with { Brackets = schedule }, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());

        Assert.Equal(LongLiquidationPrice, result.EquityCurve.LiquidationPrice[2], 9);
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(3, liquidation.Bar);
        Assert.Equal(90_000 / 950.0, liquidation.LiquidationPrice, 9);
    }

    [Fact]
    public void Orders_beyond_the_brackets_max_leverage_are_reduced_or_rejected_and_counted()
    {
        // Brackets: [0, 50 000) up to 20x; [50 000, ∞) up to 4x. 10x on 10 000 asks for 100 000 notional:
        // the second bracket allows only 40 000 (below its floor), the first allows up to its cap 50 000.
        var table = new LeverageBracketTable(TestData.Start, [
            new LeverageBracket(0, 50_000, 20, 0.01, 0),
            new LeverageBracket(50_000, double.PositiveInfinity, 4, 0.05, 2_000)]);
        var schedule = new LeverageBracketSchedule("TESTUSDT", "test", [table]);
        var data = TestData.FromCloses([100, 100, 100]);

        var reduced = Backtester.Run(data, Settings() with { Brackets = schedule }, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(1, reduced.ReducedOrders);
        Assert.Equal(500, reduced.Trades[0].EntryQuantity, 1e-4); // just under 50 000 / 100
        Assert.True(reduced.EquityCurve.PositionNotional[1] < 50_000);

        var rejected = Backtester.Run(data, Settings() with { Brackets = schedule, OverLeveragePolicy = OverLeveragePolicy.Reject },
            new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(2, rejected.RejectedOrders); // tried again after each close
        Assert.Empty(rejected.Trades);
        Assert.Equal(10_000, rejected.EquityCurve.Equity[^1]);
    }

    [Fact]
    public void Fees_and_slippage_arithmetic()
    {
        // Cross 2x, taker 0.05 %, slippage 10 bp. Bar 1 open 100: q = 200, buy fill 100.1, fee 0.0005·200·100.1 = 10.01.
        // The signal goes flat at bar 2's close; bar 3 opens at 110: sell fill 109.89, PnL 200·(109.89 − 100.1) = 1 958,
        // fee 0.0005·200·109.89 = 10.989. Final = 10 000 − 10.01 + 1 958 − 10.989 = 11 937.001.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 105, 99, 104], [104, 111, 103, 110], [110, 112, 109, 111]));
        var settings = Settings(leverage: 2, mode: MarginMode.Cross) with { TakerFeeRate = 0.0005, Slippage = SlippageModel.Fixed(10) };
        var result = Backtester.Run(data, settings, new ScriptedSignal(1, 1, 0), new LeverageUnderTestSizing(), new NoStop());

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.Signal, trade.ExitReason);
        Assert.Equal(100.1, trade.EntryPrice, 9);
        Assert.Equal(109.89, trade.ExitPrice, 9);
        Assert.Equal(10.01 + 10.989, trade.Fees, 9);
        Assert.Equal(1_958, trade.RealizedPnl, 9);
        Assert.Equal(11_937.001, result.EquityCurve.Equity[^1], 6);
        Assert.Equal(10.01 + 10.989, result.Metrics.FeesPaid, 9);
    }

    [Fact]
    public void Take_profit_fills_at_its_limit_with_the_maker_fee()
    {
        // Cross 2x, entry at 100 (q = 200), take-profit 5 % at 105. Bar 2's high 106 reaches it: fill 105, no slippage,
        // maker fee 0.0002 · 200 · 105 = 4.2; taker fee at entry 0.0005 · 200 · 100 = 10. Final = 10 000 − 10 + 1 000 − 4.2.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 101, 99, 100], [100, 106, 99, 104], [104, 104, 104, 104]));
        var settings = Settings(leverage: 2, mode: MarginMode.Cross) with { TakerFeeRate = 0.0005, MakerFeeRate = 0.0002, TakeProfitFraction = 0.05 };
        var result = Backtester.Run(data, settings, new ScriptedSignal(1, 1, 0), new LeverageUnderTestSizing(), new NoStop());
        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.TakeProfit, trade.ExitReason);
        Assert.Equal(105, trade.ExitPrice, 9);
        Assert.Equal(10_000 - 10 + 1_000 - 4.2, result.EquityCurve.Equity[^1], 9);
    }

    [Fact]
    public void Decisions_fill_at_the_next_open_unless_bar_close_fills_are_asked_for()
    {
        // Bar 0 closes at 100; bar 1 opens at 102 and closes at 104. Next-open: entry 102; bar-close: entry 100 at bar 0.
        var data = TestData.Bars(Rows([99, 101, 98, 100], [102, 105, 101, 104], [104, 104, 104, 104]));
        var next = Backtester.Run(data, Settings(leverage: 1), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal((1, 102.0), (next.Trades[0].EntryBar, next.Trades[0].EntryPrice));
        Assert.Equal(0, next.EquityCurve.PositionNotional[0]);

        var atClose = Backtester.Run(data, Settings(leverage: 1) with { Fill = FillTiming.BarClose }, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal((0, 100.0), (atClose.Trades[0].EntryBar, atClose.Trades[0].EntryPrice));
        Assert.Equal(10_000, atClose.EquityCurve.PositionNotional[0], 9);
        // q = 100 from bar 0's close; equity at the end = 10 000 + 100 · (104 − 100).
        Assert.Equal(10_400, atClose.EquityCurve.Equity[^1], 9);
    }

    [Fact]
    public void A_stop_at_the_open_cancels_the_pending_order_and_the_strategy_decides_again()
    {
        // The signal asks to reverse to short at bar 1's close, but bar 2 gaps through the stop: the stop fills at the
        // open, the pending reversal is cancelled, and the signal (still −1) opens the short at bar 3's open.
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 101, 99, 100], [90, 92, 89, 91], [91, 92, 90, 91], [91, 91, 91, 91]));
        var result = Backtester.Run(data, Settings(leverage: 2), new ScriptedSignal(1, -1), new LeverageUnderTestSizing(), new FixedFractionStop(0.05));
        Assert.Equal(2, result.Trades.Count);
        Assert.Equal((ExitReason.Stop, 2, 90.0), (result.Trades[0].ExitReason, result.Trades[0].ExitBar, result.Trades[0].ExitPrice));
        Assert.Equal((-1, 3, 91.0), (result.Trades[1].Side, result.Trades[1].EntryBar, result.Trades[1].EntryPrice));
    }

    [Fact]
    public void After_a_liquidation_the_strategy_re_enters_with_the_free_balance_or_the_run_ends()
    {
        // Half allocated, liquidated in bar 1 (see the liquidation test). ReEnter: at bar 2's open half of the remaining
        // 5 000 goes in again (margin 2 500, q = 10 · 2 500 / 92 = 271.739…).
        var data = TestData.Bars(Rows([100, 100, 100, 100], [100, 100, 89, 92], [92, 92, 92, 92], [92, 92, 92, 92]));
        var again = Backtester.Run(data, Settings(allocation: 0.5), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(2, again.Trades.Count);
        Assert.Equal(25_000 / 92.0, again.Trades[1].EntryQuantity, 9);
        Assert.Equal(2_500, again.Trades[1].InitialMargin, 9);

        var ended = Backtester.Run(data, Settings(allocation: 0.5) with { AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun },
            new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Single(ended.Trades);
        Assert.Equal(5_000, ended.EquityCurve.Equity[^1], 9);
    }

    [Fact]
    public void Volatility_proportional_slippage_follows_the_standard_deviation_of_past_log_returns()
    {
        // Closes 100, 110, 99, 108.9: at bar 3 the window of 2 returns holds ln(110/100) and ln(99/110).
        double r1 = Math.Log(1.1), r2 = Math.Log(0.9);
        double mean = (r1 + r2) / 2;
        double sigma = Math.Sqrt((((r1 - mean) * (r1 - mean)) + ((r2 - mean) * (r2 - mean))) / 1);
        var model = SlippageModel.VolatilityProportional(0.5, 2, floorBasisPoints: 1);
        double[] perBar = model.PerBar([100, 110, 99, 108.9])!;
        Assert.Equal(0.0001, perBar[0], 15);
        Assert.Equal(0.0001, perBar[2], 15); // only one return known before bar 2
        Assert.Equal(0.0001 + (0.5 * sigma), perBar[3], 12);
    }

    [Fact]
    public void Settings_validation_names_the_field()
    {
        var data = TestData.FromCloses([100, 100]);
        void Expect(string field, SimulationSettings settings)
        {
            var error = Assert.Throws<ArgumentException>(() => Backtester.Run(data, settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop()));
            Assert.Equal(field, error.ParamName);
        }

        Expect("InitialCapital", Settings() with { InitialCapital = 0 });
        Expect("IsolatedAllocation", Settings() with { IsolatedAllocation = 1.5 });
        Expect("Leverage", Settings() with { Leverage = double.NaN });
        Expect("TakerFeeRate", Settings() with { TakerFeeRate = -0.001 });
        Expect("Slippage", Settings() with { Slippage = SlippageModel.Fixed(-1) });
        Expect("TakeProfitFraction", Settings() with { TakeProfitFraction = -0.1 });
        Expect("ClearanceFeeRate", Settings() with { ClearanceFeeRate = 0.5 });
    }
}
