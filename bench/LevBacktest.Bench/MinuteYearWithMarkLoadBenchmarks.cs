using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;

namespace LevBacktest.Bench;

/// <summary>
/// W1's load in process: a one-minute year (525,600 bars) of last-price bars and mark-price bars as <c>levbt data synth</c>
/// writes them (a symbol column, TIMESTAMP(MILLIS) open time, DOUBLE OHLC(V), SNAPPY, dictionary-encoded) plus their
/// funding file, read into <see cref="MarketData"/> by <see cref="MarketDataLoader.Load"/>: both bar files decoded on two
/// threads, checked, mark aligned to price bars, funding matched. The process-level figure (start-up included) is
/// <c>bench/workloads/run.sh LEVBT w1</c> and <c>levbt run bench/workloads/w1.json --timings</c> ("data ready").
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*MinuteYearWithMarkLoadBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class MinuteYearWithMarkLoadBenchmarks
{
    private string _folder = string.Empty;
    private MarketDataRequest _request = null!;

    /// <summary>Writes the three files once, as <c>levbt data synth --interval 1m --years 1</c> does.</summary>
    [GlobalSetup]
    public void WriteFiles()
    {
        var data = SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { IntervalMs = 60_000, Years = 1 });
        _folder = Path.Combine(Path.GetTempPath(), $"levbt-bench-minute-year-{Environment.ProcessId}");
        var written = MarketDataFileWriter.WriteDirectory(data, _folder);
        _request = new MarketDataRequest { PricesPath = written[0], MarkPath = written[1], FundingPath = written[2] };
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void DeleteFiles() => Directory.Delete(_folder, recursive: true);

    /// <summary>Until the data is ready (the files' SHA-256 fingerprints go on in the background).</summary>
    [Benchmark]
    public int LoadPricesMarkAndFunding() => MarketDataLoader.Load(_request).Data.Count;
}
