using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace LevBacktest.Bench;

/// <summary>
/// Issue 16's sweeps as engine time on every core: S1 = 10,000 runs of W1's rules (100 leverages × 100 stop
/// distances) over the 8,760-bar hourly synthetic year, S2 = 1,000 runs (100 leverages × 10 stops) over the
/// 525,600-bar minute year; specs bench/workloads/s1.json and s2.json, each run dropped as it ends
/// (<see cref="WorkloadEngine"/>). Seconds per pass, so a few monitored passes rather than a steady-state search.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*IssueSweepWorkloadBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadColumnsConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class IssueSweepWorkloadBenchmarks
{
    private WorkloadEngine _engine = null!;

    /// <summary>The workload: s1 or s2.</summary>
    [Params("s1", "s2")]
    public string Workload { get; set; } = "s1";

    /// <summary>Builds the synthetic year and binds the spec once.</summary>
    [GlobalSetup]
    public void Setup() => _engine = new WorkloadEngine(Workload);

    /// <summary>The whole sweep; returns the sum of final equities.</summary>
    [Benchmark]
    public double Engine() => _engine.Run();
}
