using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// The clearance (liquidation) fee is collected only out of the margin balance left at the liquidation fill:
/// 0 for a position taken over at or beyond its bankruptcy price, else
/// min(rate · notional at the fill, margin balance at the fill) (DESIGN.md "Margin and liquidation"; Binance,
/// "Insurance Fund": the fund collects liquidation fees from liquidations that do not end in bankruptcy).
/// Set-up as in <see cref="ScenarioTests"/>: 10 000 USDT, flat mmr 0.5 %, no trading fees, mark = last. A 10x
/// isolated long at 100 holds q = 1 000, LP = 90 000 / 995 = 90.4523, bankruptcy price 100 − 10 000 / 1 000 = 90;
/// its margin balance at LP is 10 000 + 1 000 · (LP − 100) = 0.005 · 1 000 · LP = 452.2613 (the maintenance margin).
/// </summary>
public sealed class ClearanceFeeTests
{
    private const double LiquidationPrice = 90_000.0 / 995.0;

    private static SimulationSettings Settings(double clearanceFeeRate, MarginMode mode = MarginMode.Isolated) => new()
    {
        InitialCapital = 10_000,
        Leverage = 10,
        MarginMode = mode,
        IsolatedAllocation = 1,
        Brackets = LeverageBracketSchedule.FlatRate(0.005, 100),
        TakerFeeRate = 0,
        MakerFeeRate = 0,
        ClearanceFeeRate = clearanceFeeRate,
        AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun,
    };

    private static RunResult Run(double clearanceFeeRate, double[][] bars, int side = 1, MarginMode mode = MarginMode.Isolated)
    {
        var rows = new double[bars.Length, 4];
        for (int i = 0; i < bars.Length; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                rows[i, k] = bars[i][k];
            }
        }

        return Backtester.Run(TestData.Bars(rows), Settings(clearanceFeeRate, mode), new ConstantSignal(side), new LeverageUnderTestSizing(), new NoStop());
    }

    // Bar 1's low 89 crosses LP inside the bar: the fill is at LP, above the bankruptcy price 90.
    private static readonly double[][] TouchInsideTheBar = [[100, 100, 100, 100], [100, 100, 89, 92], [92, 92, 92, 92]];

    [Fact]
    public void Inside_the_bar_a_small_rate_takes_rate_times_the_notional_at_the_liquidation_price()
    {
        // 0.1 %: 0.001 · 1 000 · 90.4523 = 90.4523 < 452.2613 left.
        var result = Run(0.001, TouchInsideTheBar);
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(0.001 * 1_000 * LiquidationPrice, liquidation.ClearanceFee, 9);
        Assert.Equal(liquidation.ClearanceFee, result.Metrics.ClearanceFees, 12);
    }

    [Fact]
    public void Inside_the_bar_a_large_rate_takes_at_most_the_margin_balance_left_at_the_liquidation_price()
    {
        // 0.75 %: 0.0075 · 1 000 · 90.4523 = 678.39, but only 452.2613 is left at LP: the fee is 452.2613.
        var result = Run(0.0075, TouchInsideTheBar);
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(450_000.0 / 995.0, liquidation.ClearanceFee, 9);
        Assert.Equal(10_000, liquidation.MarginLost, 9);
    }

    [Fact]
    public void A_gap_between_the_liquidation_and_bankruptcy_prices_takes_at_most_what_is_left_at_the_fill()
    {
        // Bar 2's mark opens at 90.2: below LP, above bankruptcy 90. Left at the fill: 10 000 + 1 000 · (90.2 − 100) = 200.
        // 0.5 %: min(0.005 · 1 000 · 90.2 = 451, 200) = 200. 0.01 %: min(9.02, 200) = 9.02.
        double[][] bars = [[100, 100, 100, 100], [100, 101, 99, 100], [90.2, 91, 90, 90.5], [90, 90, 90, 90]];
        var capped = Assert.Single(Run(0.005, bars).Liquidations);
        Assert.Equal(90.2, capped.MarkPrice);
        Assert.Equal(200, capped.ClearanceFee, 9);
        Assert.Equal(9.02, Assert.Single(Run(0.0001, bars).Liquidations).ClearanceFee, 9);
    }

    [Fact]
    public void A_gap_through_the_bankruptcy_price_collects_no_fee()
    {
        // Bar 2's mark opens at 88, below the bankruptcy price 90: the position is bankrupt when taken over.
        double[][] bars = [[100, 100, 100, 100], [100, 101, 99, 100], [88, 90, 87, 89], [89, 89, 89, 89]];
        var result = Run(0.005, bars);
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(0, liquidation.ClearanceFee);
        Assert.Equal(0, result.Metrics.ClearanceFees);
        Assert.Equal(10_000, liquidation.MarginLost, 9);
    }

    [Fact]
    public void A_short_gapping_through_its_bankruptcy_price_and_a_cross_account_gapping_to_zero_collect_no_fee()
    {
        // 10x short at 100: bankruptcy 110; bar 2 opens at 112. Cross long: bar 2 opens at 50, far below 90.
        double[][] shortBars = [[100, 100, 100, 100], [100, 101, 99, 100], [112, 113, 111, 112], [112, 112, 112, 112]];
        Assert.Equal(0, Assert.Single(Run(0.005, shortBars, side: -1).Liquidations).ClearanceFee);
        double[][] crossBars = [[100, 100, 100, 100], [100, 100, 99, 100], [50, 55, 45, 50], [50, 50, 50, 50]];
        Assert.Equal(0, Assert.Single(Run(0.005, crossBars, mode: MarginMode.Cross).Liquidations).ClearanceFee);
    }

    [Fact]
    public void The_fee_is_part_of_the_margin_lost_and_leaves_equity_unchanged()
    {
        var without = Run(0, TouchInsideTheBar);
        var with = Run(0.0075, TouchInsideTheBar);
        Assert.Equal(without.EquityCurve.Equity, with.EquityCurve.Equity);
        Assert.Equal(without.Metrics.MarginLost, with.Metrics.MarginLost);
        Assert.True(with.Metrics.ClearanceFees > 0 && with.Metrics.ClearanceFees <= with.Metrics.MarginLost);
    }
}
