using System.Globalization;

using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Bench;

/// <summary>
/// A sweep of 100 runs (leverages 1x … 100x) of <see cref="EngineWorkload"/>'s strategy over 100,000 hourly
/// bars each, executed by <see cref="ExperimentRunner"/> exactly as <c>levbt run</c> executes a sweep (the
/// spec is bound from JSON, every run gets its own strategy instances, all results are kept until the sweep
/// ends), on <see cref="Threads"/> worker threads. Target: the 2-thread time is at most 1 / 1.8 of the
/// 1-thread time (compare the two rows' means), and the all-cores row uses every core.
/// The process uses the workstation GC, as levbt does: measured on this workload the server GC was slower
/// at one thread and at two (more gen-2 collections, about twice the page faults).
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*EngineSweepBenchmark*' --job short
/// </summary>
[MemoryDiagnoser]
public class EngineSweepBenchmark
{
    /// <summary>Runs in the sweep.</summary>
    public const int Runs = 100;

    /// <summary>Bars per run.</summary>
    public const int Bars = 100_000;

    private MarketData _data = null!;
    private ExperimentPlan _plan = null!;

    /// <summary>Worker threads: 1, 2, and 0 meaning every core (Environment.ProcessorCount).</summary>
    [Params(1, 2, 0)]
    public int Threads { get; set; }

    /// <summary>Builds the market and binds the sweep's spec once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = EngineWorkload.Market(Bars, seed: 7);
        string leverages = string.Join(", ", Enumerable.Range(1, Runs).Select(l => l.ToString(CultureInfo.InvariantCulture)));
        string json = $$"""
            {
              "name": "engine-sweep-benchmark",
              "data": { "prices": "in-memory.parquet" },
              "instrument": {
                "maintenanceMarginRate": 0.004, "maxLeverage": 125, "marginMode": "isolated", "isolatedAllocation": 0.5,
                "takerFeeRate": 0.0004, "makerFeeRate": 0.0002, "slippage": { "basisPoints": 2 }
              },
              "initialCapital": 10000,
              "strategy": {
                "signal": "buy-and-hold-long",
                "sizing": "fixed-leverage",
                "stop": { "name": "fixed-percent", "parameters": { "distance": 0.03 } }
              },
              "sweep": { "leverage": [{{leverages}}] }
            }
            """;
        var spec = ExperimentSpecReader.Parse(json, Path.GetTempPath());
        _plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        if (_plan.RunCount != Runs)
        {
            throw new InvalidOperationException($"The benchmark's sweep has {_plan.RunCount} runs, expected {Runs}.");
        }
    }

    /// <summary>The sweep; returns the sum of final equities so the work cannot be dropped.</summary>
    [Benchmark]
    public double Sweep()
    {
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = Threads > 0 ? Threads : Environment.ProcessorCount };
        var outcome = ExperimentRunner.Run(_plan, _data, EngineWorkload.Brackets, options, CancellationToken.None);
        double sum = 0;
        foreach (var run in outcome.Runs)
        {
            sum += run.Result.Metrics.FinalEquity;
        }

        return sum;
    }
}
