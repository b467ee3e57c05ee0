using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Reporting.Reports;
using LevBacktest.Strategies;

namespace LevBacktest.Bench;

/// <summary>
/// The report of the 21-leverage example (strategies/examples/buy-and-hold-leverage.json on data/sample, 2
/// years of hourly bars): reading the results folder back, the seven charts (1600×900 PNG) and report.md /
/// report.html — what <c>levbt run</c> adds over <c>--no-charts</c>. Target: well under 2 s on 2 cores.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*ReportBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReportBenchmarks
{
    private string _folder = string.Empty;

    /// <summary>Runs the example once and writes its data files (no charts).</summary>
    [GlobalSetup]
    public void Setup()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LevBacktest.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("LevBacktest.sln not found");
        }

        var spec = ExperimentSpecReader.ReadFile(Path.Combine(root, "strategies", "examples", "buy-and-hold-leverage.json"));
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        var brackets = SimulationSettingsFactory.LoadBrackets(spec.Instrument);
        var loaded = ExperimentDataLoader.Load(spec.Data);
        var outcome = ExperimentRunner.Run(plan, loaded.Data, brackets, new ExperimentRunOptions(), CancellationToken.None);
        _folder = Directory.CreateTempSubdirectory("levbt-report-bench").FullName;
        ExperimentResultsWriter.Write(_folder, outcome, new ResultsProvenance { ToolVersion = "bench", LoadedData = loaded }, CancellationToken.None);
    }

    /// <summary>Removes the folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Reads the folder and writes every chart and both reports.</summary>
    [Benchmark]
    public int WriteReport() => ReportWriter.Write(_folder).Charts.Count;
}
