using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Bench;

/// <summary>
/// The portfolio engine against the single run on <see cref="EngineWorkload"/>'s market (1,000,000 hourly bars, cross margin,
/// always long with a 3 % stop, bracketed maintenance margin, funding every 8 bars): the single run, the same as a portfolio of
/// one instrument (bit-identical results), and a portfolio of two such instruments (equal weights, each liquidation price with
/// the other's TMM/UPNL). What the per-position generality of the portfolio loop costs per bar.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*PortfolioRunBenchmark*' --job short
/// </summary>
[MemoryDiagnoser]
public class PortfolioRunBenchmark
{
    /// <summary>Bars per instrument.</summary>
    public const int Bars = 1_000_000;

    private MarketData _first = null!;
    private MarketData _second = null!;

    /// <summary>Builds the markets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _first = EngineWorkload.Market(Bars, seed: 42);
        _second = EngineWorkload.Market(Bars, seed: 7);
    }

    /// <summary>The single run, cross margin at 3x.</summary>
    /// <returns>Final equity.</returns>
    [Benchmark(Baseline = true)]
    public double SingleRun() =>
        Backtester.Run(_first, Settings, new BuyAndHoldSignal(1), new FixedLeverageSizing(), new FixedPercentStopLoss(0.03)).Metrics.FinalEquity;

    /// <summary>The same run as a portfolio of one instrument.</summary>
    /// <returns>Final equity.</returns>
    [Benchmark]
    public double OneInstrumentPortfolio() => PortfolioBacktester.Run([Leg(_first)], Account).Metrics.FinalEquity;

    /// <summary>Two instruments at 3x gross, equal weights.</summary>
    /// <returns>Final equity.</returns>
    [Benchmark]
    public double TwoInstrumentPortfolio() => PortfolioBacktester.Run([Leg(_first), Leg(_second)], Account).Metrics.FinalEquity;

    private static SimulationSettings Settings => EngineWorkload.Settings(3) with { MarginMode = MarginMode.Cross, IsolatedAllocation = 1 };

    private static PortfolioSettings Account => new()
    {
        InitialCapital = 10_000,
        Leverage = 3,
        MarginMode = MarginMode.Cross,
        Weighting = PortfolioWeighting.Equal,
        TakerFeeRate = 0.0004,
        Slippage = SlippageModel.Fixed(2),
    };

    private static PortfolioInstrument Leg(MarketData data) =>
        new(data, EngineWorkload.Brackets) { Signal = new BuyAndHoldSignal(1), StopLoss = new FixedPercentStopLoss(0.03) };
}
