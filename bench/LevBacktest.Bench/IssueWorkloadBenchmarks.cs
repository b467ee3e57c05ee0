using BenchmarkDotNet.Attributes;

namespace LevBacktest.Bench;

/// <summary>
/// Issue 16's single-run and small workloads as engine time: W1 (always long at 3x, 5 % stop, re-enter when flat),
/// W2 (SMA 50/200 cross long/short at 5x, 2 % stop), W3 (W1 at leverages 1..20), each over the 525,600-bar
/// <c>levbt data synth</c> minute year with fee 0.04 % a side, no slippage and zero funding every 8 h: the specs of
/// bench/workloads, built by the same code as <c>levbt bench --workload</c> (<see cref="WorkloadEngine"/>), no
/// results folder. "Mbar-steps/s" = runs × bars / mean time. Target (issue 16): W1 ≥ 100 million bar-steps/s on one core.
/// The sweeps S1 and S2 are <see cref="IssueSweepWorkloadBenchmarks"/>.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*IssueWorkloadBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadColumnsConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class IssueWorkloadBenchmarks
{
    private WorkloadEngine _engine = null!;

    /// <summary>The workload: w1, w2 or w3.</summary>
    [Params("w1", "w2", "w3")]
    public string Workload { get; set; } = "w1";

    /// <summary>Builds the synthetic year and binds the spec once.</summary>
    [GlobalSetup]
    public void Setup() => _engine = new WorkloadEngine(Workload);

    /// <summary>The whole workload; returns the sum of final equities.</summary>
    [Benchmark]
    public double Engine() => _engine.Run();
}
