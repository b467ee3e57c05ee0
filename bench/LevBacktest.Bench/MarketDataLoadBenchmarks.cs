using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Bench;

/// <summary>
/// Loading 1,000,000 one-minute OHLCV bars (INT64 open_time_ms + five DOUBLE columns, SNAPPY, as DuckDB
/// exports them) plus their funding file (2,083 settlements every 8 h) into <see cref="MarketData"/>,
/// against the raw column read of the same columns with <see cref="ParquetFileReader"/> (the baseline).
/// The load adds unit detection, validation of every bar and settlement, interval and gap analysis,
/// and funding matching; the files' SHA-256 is computed on another thread while the columns decode, and
/// <see cref="LoadWithFingerprints"/> also waits for it. Target: Load ≤ 1.5 × RawColumnRead.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*MarketDataLoadBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class MarketDataLoadBenchmarks
{
    private const int Rows = 1_000_000;
    private string _prices = string.Empty;
    private string _funding = string.Empty;

    /// <summary>Writes the two files once: a synthetic one-minute market from <see cref="SyntheticMarketGenerator"/>.</summary>
    [GlobalSetup]
    public void WriteFiles()
    {
        var data = SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { IntervalMs = 60_000, Years = Rows / 525_600.0, Seed = 2 });
        if (data.Count != Rows)
        {
            throw new InvalidOperationException($"Generated {data.Count} bars, expected {Rows}.");
        }

        string folder = Path.Combine(Path.GetTempPath(), $"levbt-bench-marketdata-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        _prices = Path.Combine(folder, "BTCUSDT-1m.parquet");
        _funding = Path.Combine(folder, "BTCUSDT-funding.parquet");
        ParquetFileWriter.Write(
            _prices,
            [
                ParquetWriteColumn.Int64("open_time_ms", data.OpenTimeMs.ToArray()),
                ParquetWriteColumn.Double("open", data.Open.ToArray()),
                ParquetWriteColumn.Double("high", data.High.ToArray()),
                ParquetWriteColumn.Double("low", data.Low.ToArray()),
                ParquetWriteColumn.Double("close", data.Close.ToArray()),
                ParquetWriteColumn.Double("volume", data.Volume.ToArray()),
            ]);
        ParquetFileWriter.Write(
            _funding,
            [
                ParquetWriteColumn.Int64("funding_time_ms", data.Funding.TimeMs.ToArray()),
                ParquetWriteColumn.Double("funding_rate", data.Funding.Rate.ToArray()),
            ]);
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void DeleteFiles() => Directory.Delete(Path.GetDirectoryName(_prices)!, recursive: true);

    /// <summary>Baseline: decode the six price columns and the two funding columns, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public long RawColumnRead()
    {
        long checksum;
        using (var reader = ParquetFileReader.Open(_prices))
        {
            checksum = reader.ReadInt64Column("open_time_ms").Length
                + reader.ReadDoubleColumn("open").Length
                + reader.ReadDoubleColumn("high").Length
                + reader.ReadDoubleColumn("low").Length
                + reader.ReadDoubleColumn("close").Length
                + reader.ReadDoubleColumn("volume").Length;
        }

        using (var reader = ParquetFileReader.Open(_funding))
        {
            checksum += reader.ReadInt64Column("funding_time_ms").Length + reader.ReadDoubleColumn("funding_rate").Length;
        }

        return checksum;
    }

    /// <summary>The load: read, convert, validate, align (the SHA-256 fingerprints go on in the background).</summary>
    [Benchmark]
    public int Load() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = _prices, FundingPath = _funding }).Data.Count;

    /// <summary>The load and waiting for the SHA-256 fingerprints of both files.</summary>
    [Benchmark]
    public int LoadWithFingerprints() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = _prices, FundingPath = _funding }).Files.Count;
}
