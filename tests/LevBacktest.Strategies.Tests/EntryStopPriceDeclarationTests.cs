using LevBacktest.Core.Data;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;

namespace LevBacktest.Strategies.Tests;

/// <summary>
/// The built-in stop-loss rules' <see cref="StrategyDescriptor.Provides"/> declarations of
/// <see cref="StrategyCapabilities.EntryStopPrice"/> are true: with fixed-fractional sizing (which requires it),
/// a run with a stop that declares it trades, and a run with one that does not reaches the engine's own check
/// at its first entry. The experiment plan relies on these declarations to reject the latter before any run.
/// </summary>
public sealed class EntryStopPriceDeclarationTests
{
    public static TheoryData<string> StopRules() => [.. BuiltInRuns.Names(StrategyKind.StopLoss)];

    [Fact]
    public void Fixed_fractional_requires_an_entry_stop_price_and_exactly_three_built_in_stops_lack_one()
    {
        var catalog = BuiltInStrategies.CreateCatalog();
        Assert.Equal(StrategyCapabilities.EntryStopPrice, FixedFractionalSizing.Descriptor.Requires);
        var withoutPrice = catalog.OfKind(StrategyKind.StopLoss).Where(d => d.Provides == StrategyCapabilities.None).Select(d => d.Name);
        Assert.Equal(["none", "time", "liquidation-fraction"], withoutPrice);
        Assert.All(catalog.OfKind(StrategyKind.Sizing).Where(d => d.Name != "fixed-fractional"), d => Assert.Equal(StrategyCapabilities.None, d.Requires));
    }

    [Theory]
    [MemberData(nameof(StopRules))]
    public void A_stop_declared_to_give_an_entry_price_sizes_fixed_fractional_runs_and_one_declared_not_to_fails_at_the_first_entry(string name)
    {
        var descriptor = BuiltInStrategies.CreateCatalog().Find(StrategyKind.StopLoss, name);
        var signal = BuiltInRuns.Signal(); // first enters after the ATR warm-ups of 'atr' and 'chandelier'
        var stop = descriptor.CreateStopLoss(descriptor.BindDefaults());
        var sizing = new FixedFractionalSizing(0.01);
        if (descriptor.Provides.HasFlag(StrategyCapabilities.EntryStopPrice))
        {
            var result = Backtester.Run(BuiltInRuns.Market, BuiltInRuns.Settings, signal, sizing, stop);
            Assert.True(result.Metrics.TradeCount >= 10, $"{name}: expected many trades, got {result.Metrics.TradeCount}");
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => Backtester.Run(BuiltInRuns.Market, BuiltInRuns.Settings, signal, sizing, stop));
            Assert.Contains("has no stop price", error.Message, StringComparison.Ordinal);
        }
    }
}
