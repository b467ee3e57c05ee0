using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>Runs whose result has a closed form, computed here directly from the price path.</summary>
public sealed class ClosedFormTests
{
    private static SimulationSettings Costless(double leverage, MarginMode mode) => new()
    {
        InitialCapital = 10_000,
        Leverage = leverage,
        MarginMode = mode,
        Brackets = LeverageBracketSchedule.FlatRate(0.004, 125),
        TakerFeeRate = 0,
        MakerFeeRate = 0,
    };

    private static double[] RandomWalk(int bars, double step, int seed)
    {
        var random = new Random(seed);
        var closes = new double[bars];
        closes[0] = 100;
        for (int i = 1; i < bars; i++)
        {
            closes[i] = closes[i - 1] * (1 + (step * ((2 * random.NextDouble()) - 1)));
        }

        return closes;
    }

    [Theory]
    [InlineData(3.0, MarginMode.Isolated)]
    [InlineData(2.0, MarginMode.Cross)]
    [InlineData(-1.0, MarginMode.Cross)]
    public void Constant_leverage_rebalanced_every_bar_compounds_as_the_product_of_one_plus_L_r(double signedLeverage, MarginMode mode)
    {
        // Bars open at the previous close, so a position resized to L · equity at every open earns L · r_t over
        // bar t, with r_t = c_t / c_{t−1} − 1. The first fill is at bar 1's open: E_T = E_0 · Π_{t=1}^{T} (1 + L·r_t).
        double leverage = Math.Abs(signedLeverage);
        int side = Math.Sign(signedLeverage);
        double[] closes = RandomWalk(300, 0.02, seed: 7);
        var result = Backtester.Run(TestData.FromCloses(closes), Costless(leverage, mode), new ConstantSignal(side), new LeverageUnderTestSizing(rebalanceEveryBar: true), new NoStop());

        double expected = 10_000;
        for (int t = 1; t < closes.Length; t++)
        {
            expected *= 1 + (side * leverage * ((closes[t] / closes[t - 1]) - 1));
        }

        Assert.Empty(result.Liquidations);
        Assert.Equal(expected, result.EquityCurve.Equity[^1], expected * 1e-10);

        // At bar 1's close: notional L·E_0·(1 + r_1) over equity E_0·(1 + side·L·r_1).
        double r1 = (closes[1] / closes[0]) - 1;
        Assert.Equal(leverage * (1 + r1) / (1 + (side * leverage * r1)), result.EquityCurve.EffectiveLeverage[1], 1e-9);
    }

    [Fact]
    public void Volatility_drag_matches_the_analytic_second_order_value_on_small_returns()
    {
        // ln(1 + L r) = L r − L² r²/2 + O(r³) and L ln(1 + r) = L r − L r²/2 + O(r³), so the log drag
        // L ln(P_T/P_0) − ln(E_T/E_0) = (L² − L)/2 · Σ r_t² + O(Σ|r|³). With |r| ≤ 0.2 % the third-order part is
        // about L³ · max|r| / 3 ≈ 0.2 % of the second-order part for L = 3.
        const double leverage = 3;
        double[] closes = RandomWalk(2_000, 0.002, seed: 11);
        var result = Backtester.Run(TestData.FromCloses(closes), Costless(leverage, MarginMode.Cross), new ConstantSignal(1), new LeverageUnderTestSizing(rebalanceEveryBar: true), new NoStop());

        double sumSquares = 0;
        for (int t = 1; t < closes.Length; t++)
        {
            double r = (closes[t] / closes[t - 1]) - 1;
            sumSquares += r * r;
        }

        double analytic = ((leverage * leverage) - leverage) / 2 * sumSquares;
        double simulated = (leverage * Math.Log(closes[^1] / closes[0])) - Math.Log(result.EquityCurve.Equity[^1] / 10_000);
        Assert.Equal(analytic, result.Metrics.AnalyticVolatilityDrag, analytic * 1e-12);
        Assert.Equal(simulated, result.Metrics.VolatilityDrag, 1e-12);
        Assert.True(Math.Abs(simulated - analytic) < 0.01 * analytic, $"simulated {simulated} vs analytic {analytic}");
        Assert.Equal((leverage * ((closes[^1] / closes[0]) - 1)) - ((result.EquityCurve.Equity[^1] / 10_000) - 1), result.Metrics.LeverageDecay, 1e-12);
    }

    [Fact]
    public void Flat_price_with_constant_funding_loses_exactly_the_funding_sum()
    {
        // Price 100 throughout, 3x long: q = 300, each event at rate 0.01 % costs 300 · 100 · 0.0001 = 3 USDT.
        // Events every 8 bars from bar 8 to bar 96: 12 of them settle while the position is held.
        const int bars = 100;
        var closes = Enumerable.Repeat(100.0, bars).ToArray();
        var times = new List<long>();
        for (int i = 8; i < bars; i += 8)
        {
            times.Add(TestData.Start + (i * TestData.Hour));
        }

        var funding = TestData.Funding([.. times], [.. times.Select(_ => 0.0001)]);
        var result = Backtester.Run(TestData.FromCloses(closes, funding), Costless(3, MarginMode.Isolated), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(12, result.FundingPayments.Count);
        Assert.Equal(10_000 - (12 * 3), result.EquityCurve.Equity[^1], 1e-9);
        Assert.Equal(36, result.Metrics.FundingPaid, 1e-9);
        Assert.Equal(0, result.Metrics.TotalReturn + (36 / 10_000.0), 1e-12);
    }
}
