using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Simulation;

public sealed class BacktesterSmokeTests
{
    [Fact]
    public void Flat_price_without_costs_keeps_equity_and_records_every_bar()
    {
        var data = TestData.FromCloses([100, 100, 100, 100, 100]);
        var settings = new SimulationSettings
        {
            Brackets = LeverageBracketSchedule.FlatRate(0.005, 100),
            Leverage = 3,
            TakerFeeRate = 0,
            MakerFeeRate = 0,
        };

        var result = Backtester.Run(data, settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());

        Assert.Equal(5, result.EquityCurve.Count);
        Assert.All(result.EquityCurve.Equity, e => Assert.Equal(10_000, e, 9));
        Assert.Equal(0, result.EquityCurve.PositionNotional[0]);
        Assert.Equal(30_000, result.EquityCurve.PositionNotional[1], 6); // filled at bar 1's open
        Assert.Single(result.Trades);
        Assert.Equal(ExitReason.End, result.Trades[0].ExitReason);
        Assert.Equal(1, result.Metrics.TradeCount);
    }
}
