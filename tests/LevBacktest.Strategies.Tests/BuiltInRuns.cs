using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Signals;

namespace LevBacktest.Strategies.Tests;

/// <summary>
/// The market, settings and signal the tests of the built-ins' declarations run them on: a quarter year of the
/// synthetic hourly market (seed 11) and an EMA 10/30 crossover that also goes short, which gives dozens of
/// trades and first enters after bar 30, past the 14- and 22-bar ATR warm-ups of 'atr' and 'chandelier'.
/// </summary>
internal static class BuiltInRuns
{
    public static MarketData Market { get; } = SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { Seed = 11, Years = 0.25 });

    public static SimulationSettings Settings { get; } = new()
    {
        Brackets = LeverageBracketSchedule.FlatRate(0.005, 50),
        Leverage = 8,
        TakerFeeRate = 0.0005,
        MakerFeeRate = 0.0002,
        Slippage = SlippageModel.Fixed(1),
    };

    public static StrategyCatalog Catalog { get; } = BuiltInStrategies.CreateCatalog();

    public static ISignal Signal() => new MovingAverageCrossSignal(10, 30, MovingAverageKind.Exponential, allowShort: true);

    public static IEnumerable<string> Names(StrategyKind kind) => Catalog.OfKind(kind).Select(d => d.Name);

    public static IStopLoss CreateStop(string name)
    {
        var descriptor = Catalog.Find(StrategyKind.StopLoss, name);
        return descriptor.CreateStopLoss(descriptor.BindDefaults());
    }

    public static ISizing CreateSizing(string name)
    {
        var descriptor = Catalog.Find(StrategyKind.Sizing, name);
        return descriptor.CreateSizing(descriptor.BindDefaults());
    }
}
