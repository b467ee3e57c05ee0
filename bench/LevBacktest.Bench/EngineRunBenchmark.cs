using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

using LevBacktest.Core.Data;

namespace LevBacktest.Bench;

/// <summary>
/// One backtest over 1,000,000 hourly bars: fixed leverage, fixed 3 % stop, funding every 8 bars, mark price,
/// isolated margin, bracketed maintenance margin (see <see cref="EngineWorkload"/>). Target: ≥ 50 million
/// bar-steps per second on one core ("Mbar-steps/s" column) and no allocation in the bar loop: the allocation
/// reported must be about the per-run result arrays (5 × 8 MB = 40 MB) plus the funding records, nothing per bar.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*EngineRunBenchmark*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BarStepsConfig))]
public class EngineRunBenchmark
{
    /// <summary>Bars per run.</summary>
    public const int Bars = 1_000_000;

    private MarketData _data = null!;

    /// <summary>Leverage under test.</summary>
    [Params(3.0, 20.0)]
    public double Leverage { get; set; }

    /// <summary>Builds the market once.</summary>
    [GlobalSetup]
    public void Setup() => _data = EngineWorkload.Market(Bars, seed: 42);

    /// <summary>One run; returns the final equity so the work cannot be dropped.</summary>
    [Benchmark]
    public double Run() => EngineWorkload.Run(_data, Leverage).Metrics.FinalEquity;

    private sealed class BarStepsConfig : ManualConfig
    {
        public BarStepsConfig() => AddColumn(new BarStepsColumn("Bars simulated (10^6 per run) divided by the mean time, in millions per second", _ => Bars));
    }
}
