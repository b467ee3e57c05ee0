using System.Globalization;

using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.MonteCarlo;
using LevBacktest.Strategies;

namespace LevBacktest.Bench;

/// <summary>
/// The Monte Carlo runner on the workload shape, scaled down: <see cref="Paths"/> one-year paths of hourly bars
/// (8,760 bars) bootstrapped from <see cref="EngineWorkload"/>'s two-year synthetic market with three-day mean blocks,
/// each carrying a 20-run sweep (buy-and-hold long at 1x … 20x, isolated, funding every 8 h, liquidation ends the run),
/// exactly as <c>levbt montecarlo</c> runs it. Scale the time by 10,000 / <see cref="Paths"/> for the 10,000
/// paths × 20 leverages (1.75 × 10⁹ bar-steps; target ≤ 60 s on 2 cores, ≤ 1 GB; the whole command is measured with
/// <c>/usr/bin/time -v</c>, README "Risk of ruin"). Allocation per operation shows that memory does not grow with the
/// paths beyond the 48-byte rows.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*MonteCarloBenchmark*' --job short
/// </summary>
[MemoryDiagnoser]
public class MonteCarloBenchmark
{
    /// <summary>Paths per operation.</summary>
    public const int Paths = 200;

    private MarketData _history = null!;
    private ExperimentPlan _plan = null!;
    private StationaryBlockBootstrap _generator = null!;

    /// <summary>Worker threads: 1, and 0 meaning every core.</summary>
    [Params(1, 0)]
    public int Threads { get; set; }

    /// <summary>Builds the history, the generator and the sweep once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _history = EngineWorkload.Market(2 * 8_760, seed: 11);
        _generator = new StationaryBlockBootstrap(_history, 8_760, 72);
        string leverages = string.Join(", ", Enumerable.Range(1, 20).Select(l => l.ToString(CultureInfo.InvariantCulture)));
        string json = $$"""
            {
              "name": "montecarlo-benchmark",
              "data": { "prices": "in-memory.parquet" },
              "instrument": { "maintenanceMarginRate": 0.004, "maxLeverage": 125, "marginMode": "isolated", "takerFeeRate": 0.0005, "slippage": { "basisPoints": 1 } },
              "initialCapital": 10000,
              "strategy": { "signal": "buy-and-hold-long", "sizing": "fixed-leverage" },
              "sweep": { "leverage": [{{leverages}}] },
              "afterLiquidation": "endRun"
            }
            """;
        _plan = ExperimentPlan.Create(ExperimentSpecReader.Parse(json, Path.GetTempPath()), BuiltInStrategies.CreateCatalog());
    }

    /// <summary>All paths with their 20 runs; returns the number of liquidated (path, run) pairs so the work cannot be dropped.</summary>
    [Benchmark]
    public int Run()
    {
        var options = new MonteCarloRunOptions { MaxDegreeOfParallelism = Threads > 0 ? Threads : Environment.ProcessorCount };
        var outcome = MonteCarloRunner.Run(_plan, _generator, EngineWorkload.Brackets, Paths, 1, options, CancellationToken.None);
        return outcome.Rows.Count(row => row.Liquidated);
    }
}
