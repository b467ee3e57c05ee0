using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Data;

namespace LevBacktest.Bench;

/// <summary>
/// A sweep of 100 independent runs (leverages 1x … 100x) over 100,000 hourly bars each, spread over
/// <see cref="Threads"/> worker threads with Parallel.For — the way the experiment runner executes a sweep.
/// Target: the 2-thread time is at most 1 / 1.8 of the 1-thread time (compare the two rows' means), and the
/// all-cores row uses every core. Each run allocates its per-bar result arrays (5 × 0.8 MB, large-object heap),
/// so the sweep runs with the server GC, as a sweep host should: with the workstation GC the frequent gen-2
/// collections those allocations trigger suspend every worker and flatten the scaling.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*EngineSweepBenchmark*' --job short
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
public class EngineSweepBenchmark
{
    /// <summary>Runs in the sweep.</summary>
    public const int Runs = 100;

    /// <summary>Bars per run.</summary>
    public const int Bars = 100_000;

    private MarketData _data = null!;
    private double[] _finalEquity = null!;

    /// <summary>Worker threads: 1, 2, and 0 meaning every core (Environment.ProcessorCount).</summary>
    [Params(1, 2, 0)]
    public int Threads { get; set; }

    /// <summary>Builds the market once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = EngineWorkload.Market(Bars, seed: 7);
        _finalEquity = new double[Runs];
    }

    /// <summary>The sweep; returns the sum of final equities so the work cannot be dropped.</summary>
    [Benchmark]
    public double Sweep()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Threads > 0 ? Threads : Environment.ProcessorCount };
        Parallel.For(0, Runs, options, run => _finalEquity[run] = EngineWorkload.Run(_data, 1 + run).Metrics.FinalEquity);
        double sum = 0;
        foreach (double equity in _finalEquity)
        {
            sum += equity;
        }

        return sum;
    }
}
