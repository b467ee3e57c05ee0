using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

using LevBacktest.Cli.Benchmarks;
using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Bench;

/// <summary>
/// The hand-over of S1's finished runs to the results writers (what <c>levbt run --timings</c> reports as
/// "hand-over", without the reorder buffer and progress): 10,000 S1-shaped runs appended to the streamed tables of a
/// results folder in a temporary directory, abandoned at the end (no footer, no summary.json). The 10,000 runs are
/// 100 real S1 runs (run indices 101·k: every leverage, stop distances across the range) computed once and handed
/// over 100 times each under the 10,000 run indices, so rows per run are S1's (~138 kept equity bars, 308 funding
/// payments, 28 trades, 27 stop fills on average). Parts: <see cref="Whole"/> = <c>ResultsStreamWriter.Append(run,
/// storage)</c> as <c>levbt run</c> calls it; <see cref="FixedCost"/> = the same with runs without rows (the cost per
/// run that does not depend on rows); <see cref="Equity"/>, <see cref="Funding"/>, <see cref="Trades"/>,
/// <see cref="Stops"/> = one table each (equity with the kept bars computed beforehand, so without the downsampler).
/// Every part includes Arrow's encoding of the full 65,536-row chunks.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*HandOverBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class HandOverBenchmarks
{
    private const int Runs = 10_000;
    private RunOutcome[] _runs = [];
    private RunOutcome[] _empty = [];
    private int[][] _keptBars = [];
    private EquityStorage _storage;
    private string _directory = string.Empty;
    private ExperimentOutcome _outcome = null!;
    private ResultsProvenance _provenance = null!;

    /// <summary>Runs the 100 sample runs of S1 (fresh arrays, kept) and picks S1's equity storage.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var workload = BenchmarkWorkload.Get("s1");
        var data = workload.Market();
        var plan = workload.Plan();
        var brackets = workload.Brackets();
        _runs = Enumerable.Range(0, 100).Select(k => ExperimentRunner.RunOne(plan, data, brackets, 101 * k)).ToArray();
        _storage = EquityStorage.Auto(plan.RunCount, data.Count);
        _keptBars = _runs.Select(run => _storage.KeptBarsOf(run) ?? throw new InvalidOperationException("S1 keeps downsampled curves.")).ToArray();
        _empty = _runs.Select(run => run with { Result = run.Result.WithoutRows() }).ToArray();
        _directory = Directory.CreateTempSubdirectory("levbt-handover-bench").FullName;

        // What a streamed S1 sweep keeps for runs.parquet and summary.json: 10,000 runs with their metrics only.
        var kept = Enumerable.Range(0, Runs).Select(i => _empty[i % _empty.Length] with { Point = plan.GetRun(i) }).ToArray();
        _outcome = new ExperimentOutcome(plan, data, SweepShard.All, kept, _storage);
        var times = data.OpenTimeMs.Span;
        var report = new DataValidationReport
        {
            Symbol = data.Symbol,
            BarIntervalMs = data.BarIntervalMs,
            BarCount = data.Count,
            FirstOpenTimeMs = times[0],
            LastOpenTimeMs = times[^1],
            Gaps = [],
            HasMarkFile = true,
            MarkFallbackBarCount = 0,
            MarkFallbackSpans = [],
            MarkBarsWithoutPriceBar = 0,
            BarsTrimmedToMark = 0,
            FundingEventCount = data.Funding.Count,
            FundingEventsOutsideBars = 0,
            FundingIntervals = [],
            FundingEventsWithJitter = 0,
            Warnings = [],
        };
        var files = new[] { new DataFileFingerprint("prices.parquet", new string('0', 64), data.Count, times[0], times[^1]) };
        _provenance = new ResultsProvenance { ToolVersion = "bench", LoadedData = new LoadedMarketData(data, report, files) };
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>10,000 runs through <c>ResultsStreamWriter.Append(run, storage)</c>: downsampling and every table.</summary>
    [Benchmark]
    public int Whole() => Stream(_runs);

    /// <summary>10,000 runs without rows through the same call: the hand-over's fixed cost per run.</summary>
    [Benchmark]
    public int FixedCost() => Stream(_empty);

    /// <summary>equity.parquet alone, kept bars given (~1.38 M rows).</summary>
    [Benchmark]
    public long Equity() => Table("equity.parquet", ResultTables.EquityColumns, (table, run, k) => ResultTables.AppendEquity(table, run, _keptBars[k]));

    /// <summary>funding.parquet alone (~3.08 M rows).</summary>
    [Benchmark]
    public long Funding() => Table("funding.parquet", ResultTables.Funding.Columns, (table, run, _) => ResultTables.Funding.Append(table, run));

    /// <summary>trades.parquet alone (~280 K rows).</summary>
    [Benchmark]
    public long Trades() => Table("trades.parquet", ResultTables.Trades.Columns, (table, run, _) => ResultTables.Trades.Append(table, run));

    /// <summary>stops.parquet alone (~270 K rows).</summary>
    [Benchmark]
    public long Stops() => Table("stops.parquet", ResultTables.Stops.Columns, (table, run, _) => ResultTables.Stops.Append(table, run));

    /// <summary>funding's rows filled into column arrays only (no Parquet): the 100 sample runs gathered 100 times.</summary>
    [Benchmark]
    public int FundingFills() => Fills(ResultTables.Funding.Gather);

    /// <summary>trades' rows filled into column arrays only (no Parquet).</summary>
    [Benchmark]
    public int TradesFills() => Fills(ResultTables.Trades.Gather);

    /// <summary>stops' rows filled into column arrays only (no Parquet).</summary>
    [Benchmark]
    public int StopsFills() => Fills(ResultTables.Stops.Gather);

    /// <summary>summary.json of S1's 10,000 runs (15 MB), written to a file.</summary>
    [Benchmark]
    public long SummaryJson()
    {
        string path = Path.Combine(_directory, "summary.json");
        SummaryJsonWriter.Write(path, _outcome, _provenance);
        return new FileInfo(path).Length;
    }

    /// <summary>runs.parquet of S1's 10,000 runs (sweep values and every metric).</summary>
    [Benchmark]
    public long RunsTable()
    {
        string path = Path.Combine(_directory, "runs.parquet");
        using (var table = ResultTableAppender.Create(path, ResultTables.RunsColumns(_outcome.Plan.Grid), ExperimentResultsWriter.WriterOptionsOf("runs.parquet")))
        {
            ResultTables.AppendRuns(table, _outcome.Plan.Grid, _outcome.Runs);
            table.Complete();
        }

        return new FileInfo(path).Length;
    }

    private int Fills(Func<IReadOnlyList<RunOutcome>, Array[]> gather)
    {
        int rows = 0;
        for (int pass = 0; pass < Runs / _runs.Length; pass++)
        {
            rows += gather(_runs)[0].Length;
        }

        return rows;
    }

    private int Stream(RunOutcome[] sample)
    {
        string folder = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        int kept = 0;
        using (var writer = ResultsStreamWriter.Create(folder))
        {
            for (int i = 0; i < Runs; i++)
            {
                var run = sample[i % sample.Length];
                kept += writer.Append(run with { Point = run.Point with { RunIndex = i } }, _storage).Point.RunIndex & 1;
            }
        }

        Directory.Delete(folder, recursive: true);
        return kept;
    }

    private long Table(string fileName, IReadOnlyList<Parquet.Writer.ParquetColumnDefinition> columns, Action<ResultTableAppender, RunOutcome, int> append)
    {
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + fileName);
        using (var table = ResultTableAppender.Create(path, columns, ExperimentResultsWriter.WriterOptionsOf(fileName)))
        {
            for (int i = 0; i < Runs; i++)
            {
                int k = i % _runs.Length;
                var run = _runs[k];
                append(table, run with { Point = run.Point with { RunIndex = i } }, k);
            }
        }

        return path.Length;
    }
}
