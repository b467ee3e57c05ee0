using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace MyStrategies.Tests;

/// <summary>Each example strategy against values worked out by hand.</summary>
public sealed class StrategyTests
{
    /// <summary>Hourly bars with the given closes (open = high = low = close), no mark price, no funding.</summary>
    private static MarketData Bars(params double[] close)
    {
        var time = new long[close.Length];
        for (int i = 0; i < time.Length; i++)
        {
            time[i] = 1_700_000_000_000 + (i * 3_600_000L);
        }

        return new MarketData("TESTUSDT", 3_600_000, time, close, close, close, close, new double[close.Length], default, default, default, default, FundingEvents.Empty);
    }

    [Fact]
    public void Momentum_is_long_only_where_the_close_beats_the_close_lookback_bars_earlier()
    {
        var signal = MomentumSignal.Descriptor.CreateSignal(MomentumSignal.Descriptor.Bind(new Dictionary<string, object?> { ["lookback"] = 2 }));
        signal.Prepare(Bars(100, 101, 102, 100, 99, 105));

        // Bars 0-1 have no close two bars earlier; then 102 > 100, 100 < 101, 99 < 102, 105 > 100.
        Assert.Equal([0, 0, 1, 0, 0, 1], Enumerable.Range(0, 6).Select(signal.DesiredSide).ToArray());
    }

    [Fact]
    public void Scaled_leverage_takes_its_fraction_of_the_leverage_under_test()
    {
        var sizing = new ScaledLeverageSizing(0.5);
        var context = new SizingContext(BarIndex: 10, Side: 1, Equity: 10_000, Price: 50_000, LeverageUnderTest: 8, StopPrice: double.NaN, MaintenanceMarginRate: 0.004, MaxLeverage: 125, TakerFeeRate: 0.0005);

        Assert.Equal(4.0, sizing.TargetLeverage(context));
        Assert.False(sizing.Rebalances);
    }

    [Theory]
    [InlineData(1, 50_000.0, 48_500.0)]   // long: 3 % below entry
    [InlineData(-1, 50_000.0, 51_500.0)]  // short: 3 % above entry
    public void Entry_percent_puts_the_stop_its_distance_from_entry_on_the_losing_side(int side, double entry, double expected)
    {
        var stop = new EntryPercentStopLoss(0.03);
        var position = new PositionView(5, 5, 5, side, 0.1, entry, entry, 10_000, 1, 1, double.NaN, entry, entry, double.NaN);

        var decision = stop.Evaluate(new StopContext(5, IsEntry: true, position));

        Assert.Equal(expected, decision.StopPrice, 6);
        Assert.False(decision.ExitAtNextOpen);
    }

    [Fact]
    public void The_descriptors_have_the_names_a_spec_uses()
    {
        Assert.Equal(("momentum", StrategyKind.Signal), (MomentumSignal.Descriptor.Name, MomentumSignal.Descriptor.Kind));
        Assert.Equal(("scaled-leverage", StrategyKind.Sizing), (ScaledLeverageSizing.Descriptor.Name, ScaledLeverageSizing.Descriptor.Kind));
        Assert.Equal(("entry-percent", StrategyKind.StopLoss), (EntryPercentStopLoss.Descriptor.Name, EntryPercentStopLoss.Descriptor.Kind));
    }
}
