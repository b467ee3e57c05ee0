using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// Two per-run facts: orders capped by the bracket table (with the effective leverage they were filled at), and
/// leverage decay, which is undefined for a run whose equity reached zero.
/// Set-up: 10 000 USDT, flat mmr 0.5 %, no fees, mark = last, isolated, whole equity allocated.
/// </summary>
public sealed class CappedAndWipedOutRunTests
{
    private static SimulationSettings Settings(double leverage, double maxLeverage, MarginMode mode = MarginMode.Isolated) => new()
    {
        InitialCapital = 10_000,
        Leverage = leverage,
        MarginMode = mode,
        IsolatedAllocation = 1,
        Brackets = LeverageBracketSchedule.FlatRate(0.005, maxLeverage),
        TakerFeeRate = 0,
        MakerFeeRate = 0,
        AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun,
    };

    private static RunResult Run(SimulationSettings settings, double[,] rows) =>
        Backtester.Run(TestData.Bars(rows), settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());

    private static readonly double[,] Calm = { { 100, 100, 100, 100 }, { 100, 100.2, 99.9, 100.1 }, { 100.1, 100.3, 100, 100.2 } };

    [Fact]
    public void A_200x_order_against_a_125x_table_is_filled_at_125x_and_the_run_is_marked_capped()
    {
        // Notional asked: 200 · 10 000 = 2 000 000; allowed: 125 · 10 000 = 1 250 000 → q = 12 500 at 100.
        var capped = Run(Settings(200, 125), Calm);
        Assert.True(capped.OrdersCapped);
        Assert.Equal(1, capped.ReducedOrders);
        Assert.Equal(125, capped.Metrics.MaxOrderLeverage, 9);
        Assert.Equal(12_500, capped.Trades[0].EntryQuantity, 6);

        var free = Run(Settings(20, 125), Calm);
        Assert.False(free.OrdersCapped);
        Assert.Equal(20, free.Metrics.MaxOrderLeverage, 9);
    }

    [Fact]
    public void Leverage_decay_is_undefined_for_a_wiped_out_run_and_L_u_minus_r_otherwise()
    {
        // Cross 10x long; bar 2 gaps to 50, far below the bankruptcy price 90: equity ends at exactly 0.
        double[,] crash = { { 100, 100, 100, 100 }, { 100, 100, 99, 100 }, { 50, 55, 45, 50 }, { 50, 50, 50, 50 } };
        var wiped = Run(Settings(10, 100, MarginMode.Cross), crash);
        Assert.Equal(0, wiped.Metrics.FinalEquity);
        Assert.True(double.IsNaN(wiped.Metrics.LeverageDecay), $"leverage decay {wiped.Metrics.LeverageDecay}");

        // Surviving 2x run over Calm: u = 100.2 / 100 − 1 = 0.002; q = 200 bought at 100, equity 10 000 + 200 · 0.2 = 10 040,
        // r = 0.004; decay = 2 · 0.002 − 0.004 = 0.
        var survived = Run(Settings(2, 100), Calm);
        Assert.Equal(0.004, survived.Metrics.TotalReturn, 12);
        Assert.Equal(0, survived.Metrics.LeverageDecay, 12);
    }
}
