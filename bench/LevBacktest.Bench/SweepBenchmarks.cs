using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Margin;
using LevBacktest.Strategies;

namespace LevBacktest.Bench;

/// <summary>
/// The main job at full size: example 2 (strategies/examples/ma-cross-trailing-stop.json, moving-average
/// crossover with a trailing stop, 10 leverages × 20 stop distances = 200 runs) over all 6.7 years of real
/// BTCUSDT 1h data (58,623 bars with mark price and 7,323 funding events, ../shared/data/binance-um), on all
/// cores. Phases: loading and validating the three files; running the 200 runs; running and writing the
/// complete results folder (summary.json and six Parquet files, 11.7 million equity rows) atomically.
/// Target: load + run + write under 5 s on the 2-core reference machine.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*SweepBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SweepBenchmarks
{
    private ExperimentSpec _spec = null!;
    private ExperimentPlan _plan = null!;
    private LoadedMarketData _loaded = null!;
    private LeverageBracketSchedule _brackets = null!;
    private string _outputRoot = string.Empty;
    private ExperimentOutcome? _outcome;

    /// <summary>Reads the spec, points it at the real files, and loads them once for the run benchmarks.</summary>
    /// <exception cref="FileNotFoundException">The real data is not at ../shared/data/binance-um.</exception>
    [GlobalSetup]
    public void Setup()
    {
        string root = RepositoryRoot();
        string data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "binance-um"));
        if (!File.Exists(Path.Combine(data, "BTCUSDT-1h.parquet")))
        {
            throw new FileNotFoundException($"The sweep benchmark needs the real data at {data}.");
        }

        var spec = ExperimentSpecReader.ReadFile(Path.Combine(root, "strategies", "examples", "ma-cross-trailing-stop.json"));
        _spec = spec with
        {
            Data = spec.Data with
            {
                PricesPath = Path.Combine(data, "BTCUSDT-1h.parquet"),
                MarkPath = Path.Combine(data, "BTCUSDT-1h-mark.parquet"),
                FundingPath = Path.Combine(data, "BTCUSDT-funding.parquet"),
            },
        };
        _plan = ExperimentPlan.Create(_spec, BuiltInStrategies.CreateCatalog());
        _brackets = SimulationSettingsFactory.LoadBrackets(_spec.Instrument);
        _loaded = ExperimentDataLoader.Load(_spec.Data);
        _outputRoot = Directory.CreateTempSubdirectory("levbt-sweep-bench").FullName;
    }

    /// <summary>Removes the results folders.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_outputRoot, recursive: true);

    /// <summary>Loading and validating prices, mark prices and funding (done once per sweep).</summary>
    [Benchmark]
    public int LoadData() => ExperimentDataLoader.Load(_spec.Data).Data.Count;

    /// <summary>The 200 runs on all cores, results in memory.</summary>
    [Benchmark]
    public int RunSweep() => Run().Runs.Count;

    /// <summary>The 200 runs and the complete results folder, as <c>levbt run … --no-charts</c> does after loading.</summary>
    [Benchmark]
    public string RunSweepAndWriteResults()
    {
        var outcome = Run();
        var provenance = new ResultsProvenance { ToolVersion = "bench", LoadedData = _loaded };
        return ExperimentResultsWriter.Publish(Path.Combine(_outputRoot, "results"), outcome, provenance, null, CancellationToken.None);
    }

    /// <summary>Only the write phase of <c>levbt run … --no-charts</c>: the results folder of 200 finished runs.</summary>
    [Benchmark]
    public string WriteResults()
    {
        _outcome ??= Run();
        var provenance = new ResultsProvenance { ToolVersion = "bench", LoadedData = _loaded };
        return ExperimentResultsWriter.Publish(Path.Combine(_outputRoot, "written"), _outcome, provenance, null, CancellationToken.None);
    }

    private ExperimentOutcome Run()
        => ExperimentRunner.Run(_plan, _loaded.Data, _brackets, new ExperimentRunOptions(), CancellationToken.None);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}
