using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Bench;

/// <summary>
/// The downsampled equity curve of S1 (bench/workloads/s1.json: 10,000 runs × 8,760 hourly bars, 100 buckets per run as
/// <see cref="EquityStorage.Auto"/> picks), per run: <see cref="EquityDownsampler.KeptBars(ReadOnlySpan{double}, int, ReadOnlySpan{int})"/>
/// on a sample of S1's own curves (every 101st run, 100 of them: stopped-out flat stretches, liquidations and re-entries as the sweep
/// makes them), the same on a random walk of 8,760 bars that is never flat (the worst case: every bucket has a fresh
/// minimum and maximum, and the drawdown keeps moving), and the writers' whole equity hand-over before Parquet
/// (kept bars, then the six columns gathered into chunk-sized arrays). Times are per run (OperationsPerInvoke).
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*EquityDownsamplerBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class EquityDownsamplerBenchmarks
{
    // Every 101st run walks the 100 × 100 grid's diagonal: every leverage and every stop distance once, whichever axis
    // is outer. 100 curves of 70 KB (7 MB) are not all in a core's cache, nor is a curve the engine just wrote on another core.
    private const int SampleEvery = 101;
    private const int SampledRuns = 100;

    private readonly List<(EquityCurve Curve, int[] LiquidationBars)> _sample = [];
    private double[] _randomWalk = [];
    private int _buckets;
    private long[] _times = [];
    private double[][] _columns = [];

    /// <summary>Runs S1 once and keeps every 101st run's curve and liquidation bars; builds the random walk.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var workload = Cli.Benchmarks.BenchmarkWorkload.Get("s1");
        var plan = workload.Plan();
        var data = workload.Market();
        _buckets = EquityStorage.Auto(plan.RunCount, data.Count).Buckets;
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        ExperimentRunner.Stream(
            plan,
            data,
            workload.Brackets(),
            options,
            run =>
            {
                if (run.Point.RunIndex % SampleEvery == 0)
                {
                    var result = run.Result;
                    _sample.Add((result.EquityCurve, result.Liquidations.Select(l => l.Bar).ToArray()));
                }
            },
            CancellationToken.None);
        if (_sample.Count != SampledRuns)
        {
            throw new InvalidOperationException($"Sampled {_sample.Count} of S1's runs, expected {SampledRuns}.");
        }

        var random = new Random(16);
        _randomWalk = new double[data.Count];
        double value = 10_000;
        for (int i = 0; i < _randomWalk.Length; i++)
        {
            value *= Math.Exp(0.01 * ((2 * random.NextDouble()) - 1));
            _randomWalk[i] = value;
        }

        int mostRows = (2 * _buckets) + 3 + _sample.Max(s => s.LiquidationBars.Length);
        _times = new long[mostRows];
        _columns = [.. Enumerable.Range(0, 5).Select(_ => new double[mostRows])];
    }

    /// <summary>Kept bars of one S1 run (mean over the sample); returns the rows kept so the work cannot be dropped.</summary>
    [Benchmark(OperationsPerInvoke = SampledRuns)]
    public int KeptBarsS1()
    {
        int rows = 0;
        foreach (var (curve, liquidationBars) in _sample)
        {
            rows += EquityDownsampler.KeptBars(curve.Equity, _buckets, liquidationBars).Length;
        }

        return rows;
    }

    /// <summary>Kept bars of an 8,760-bar random walk, never flat.</summary>
    [Benchmark]
    public int KeptBarsRandomWalk() => EquityDownsampler.KeptBars(_randomWalk, _buckets, []).Length;

    /// <summary>Kept bars of one S1 run and its six equity columns gathered at them (the hand-over's equity part before Parquet).</summary>
    [Benchmark(OperationsPerInvoke = SampledRuns)]
    public double KeptBarsAndGatherS1()
    {
        double sum = 0;
        foreach (var (curve, liquidationBars) in _sample)
        {
            int[] bars = EquityDownsampler.KeptBars(curve.Equity, _buckets, liquidationBars);
            EquityDownsampler.Gather(curve, bars, _times, _columns[0], _columns[1], _columns[2], _columns[3], _columns[4]);
            sum += _columns[0][bars.Length - 1];
        }

        return sum;
    }
}
