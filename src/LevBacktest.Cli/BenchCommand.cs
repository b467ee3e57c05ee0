using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt bench [--rows N] [--codec snappy|zstd|gzip|none] [--repeat R] [--engine-bars B] [--sweep-runs M]</c>
/// or <c>levbt bench --workload w1|w2|w3|s1|s2 [--threads T] [--repeat R]</c> (only that workload, see
/// <see cref="Benchmarks.WorkloadCheck"/>): a quick check of this machine's Parquet and engine speed. Writes a synthetic one-minute OHLCV file (INT64 open_time_ms + five DOUBLE columns, 48 bytes per
/// row decoded) to a temporary folder, then reads all columns and the close column R times and prints the best
/// and median decoded throughput (10^6 bytes per MB) and the bytes allocated per read. The authoritative figures
/// come from BenchmarkDotNet (bench/LevBacktest.Bench, ParquetReadBenchmarks). Then times the engine
/// (<see cref="EngineSpeedCheck"/>).
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] PriceColumns = ["open", "high", "low", "close", "volume"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Rows of the synthetic OHLCV file (≥ 1).", DefaultValueFactory = _ => 1_000_000 };
        var codec = new Option<string>("--codec") { Description = "Page compression of the file.", DefaultValueFactory = _ => "snappy" };
        codec.AcceptOnlyFromAmong("snappy", "zstd", "gzip", "none");
        var repeat = new Option<int>("--repeat") { Description = "Timed reads of each kind (≥ 1); the best and the median are shown.", DefaultValueFactory = _ => 5 };
        var engineBars = new Option<int>("--engine-bars") { Description = "Bars of the timed engine run (0 skips the engine check); the sweep's runs have a tenth of them.", DefaultValueFactory = _ => 1_000_000 };
        var sweepRuns = new Option<int>("--sweep-runs") { Description = "Runs of the timed sweep, on one thread and on every core (0 skips it).", DefaultValueFactory = _ => 100 };
        var workload = new Option<string?>("--workload") { Description = "Run only this issue-16 workload in process (bench/workloads/NAME.json on the synthetic year): engine time, bar-steps/s, process CPU and peak RSS. --repeat passes (default 3 for w1-w3, 1 for s1, s2)." };
        workload.AcceptOnlyFromAmong([.. Benchmarks.BenchmarkWorkload.Names]);
        var threads = new Option<int?>("--threads") { Description = "Worker threads of --workload (default: all cores)." };
        var command = new Command("bench", "Measure Parquet write and read throughput and engine speed on this machine with synthetic data.");
        command.Options.Add(rows);
        command.Options.Add(codec);
        command.Options.Add(repeat);
        command.Options.Add(engineBars);
        command.Options.Add(sweepRuns);
        command.Options.Add(workload);
        command.Options.Add(threads);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            int repeatCount = parse.GetValue(repeat);
            if (parse.GetValue(workload) is { } name)
            {
                var chosen = Benchmarks.BenchmarkWorkload.Get(name);
                bool repeatGiven = parse.GetResult(repeat) is { Implicit: false };
                int passes = repeatGiven ? repeatCount : chosen.Name.StartsWith('s') ? 1 : 3;
                Benchmarks.WorkloadCheck.Run(chosen, parse.GetValue(threads) ?? Environment.ProcessorCount, passes, output);
                return CommandLineApplication.ExitSuccess;
            }

            EngineSpeedCheck.Validate(parse.GetValue(engineBars), parse.GetValue(sweepRuns));
            Run(parse.GetValue(rows), ParseCodec(parse.GetValue(codec)!), repeatCount, output);
            EngineSpeedCheck.Run(parse.GetValue(engineBars), parse.GetValue(sweepRuns), repeatCount, output);
            return CommandLineApplication.ExitSuccess;
        });
        return command;
    }

    /// <summary>Runs the benchmark and writes its report.</summary>
    /// <param name="rowCount">Rows of the synthetic file.</param>
    /// <param name="codec">Compression of the file.</param>
    /// <param name="repeat">Timed reads of each kind.</param>
    /// <param name="output">Where the report goes.</param>
    /// <exception cref="ArgumentException"><paramref name="rowCount"/> or <paramref name="repeat"/> is below 1.</exception>
    internal static void Run(int rowCount, ParquetCompressionCodec codec, int repeat, TextWriter output)
    {
        if (rowCount < 1)
        {
            throw new ArgumentException($"--rows must be at least 1 (got {rowCount}).");
        }

        if (repeat < 1)
        {
            throw new ArgumentException($"--repeat must be at least 1 (got {repeat}).");
        }

        string folder = Directory.CreateTempSubdirectory("levbt-bench-").FullName;
        try
        {
            string path = Path.Combine(folder, "ohlcv.parquet");
            ParquetWriteColumn[] columns = SyntheticOhlcv(rowCount);
            var stopwatch = Stopwatch.StartNew();
            ParquetFileWriter.Write(path, columns, new ParquetWriterOptions { Codec = codec });
            double writeSeconds = stopwatch.Elapsed.TotalSeconds;
            double decodedAll = rowCount * 48.0, decodedOne = rowCount * 8.0;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Parquet benchmark: {rowCount:N0} rows of OHLCV (open_time_ms INT64 + 5 DOUBLE = {decodedAll / 1e6:F1} MB decoded), codec {codec}"));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"write:              {writeSeconds * 1e3,9:F1} ms = {decodedAll / 1e6 / writeSeconds,7:F0} MB/s, file {new FileInfo(path).Length / 1e6:F1} MB"));
            Report(output, "read all columns:", decodedAll, Measure(repeat, () => ReadAll(path)));
            Report(output, "read close column:", decodedOne, Measure(repeat, () => ReadClose(path)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ParquetCompressionCodec ParseCodec(string name) => name switch
    {
        "zstd" => ParquetCompressionCodec.Zstd,
        "gzip" => ParquetCompressionCodec.Gzip,
        "none" => ParquetCompressionCodec.Uncompressed,
        _ => ParquetCompressionCodec.Snappy,
    };

    /// <summary>A one-minute random walk around 30,000 USDT on a 0.1 tick, with log-normal volumes (fixed seed).</summary>
    private static ParquetWriteColumn[] SyntheticOhlcv(int rowCount)
    {
        var random = new Random(20240101);
        var openTime = new long[rowCount];
        double[] open = new double[rowCount], high = new double[rowCount], low = new double[rowCount], close = new double[rowCount], volume = new double[rowCount];
        double price = 30_000;
        for (int i = 0; i < rowCount; i++)
        {
            openTime[i] = 1_577_836_800_000L + (i * 60_000L);
            double next = price * Math.Exp(0.0008 * Gaussian(random));
            open[i] = Tick(price);
            close[i] = Tick(next);
            high[i] = Tick(Math.Max(price, next) * (1 + (0.0004 * Math.Abs(Gaussian(random)))));
            low[i] = Tick(Math.Min(price, next) * (1 - (0.0004 * Math.Abs(Gaussian(random)))));
            volume[i] = Math.Round(Math.Exp(3 + Gaussian(random)), 3);
            price = next;
        }

        return
        [
            ParquetWriteColumn.Int64("open_time_ms", openTime),
            ParquetWriteColumn.Double("open", open),
            ParquetWriteColumn.Double("high", high),
            ParquetWriteColumn.Double("low", low),
            ParquetWriteColumn.Double("close", close),
            ParquetWriteColumn.Double("volume", volume),
        ];
    }

    private static double Tick(double price) => Math.Round(price * 10) / 10;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static long ReadAll(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        long rows = reader.ReadInt64Column("open_time_ms").Length;
        foreach (string name in PriceColumns)
        {
            rows += reader.ReadDoubleColumn(name).Length;
        }

        return rows;
    }

    private static long ReadClose(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        return reader.ReadDoubleColumn("close").Length;
    }

    /// <summary>Times <paramref name="read"/> once untimed (warm-up) then <paramref name="repeat"/> times.</summary>
    private static (double[] Seconds, long AllocatedBytes) Measure(int repeat, Func<long> read)
    {
        read();
        var seconds = new double[repeat];
        long allocated = 0;
        for (int i = 0; i < repeat; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            read();
            seconds[i] = stopwatch.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(seconds);
        return (seconds, allocated);
    }

    private static void Report(TextWriter output, string label, double decodedBytes, (double[] Seconds, long AllocatedBytes) result)
    {
        double best = result.Seconds[0], median = result.Seconds[result.Seconds.Length / 2];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-19} best {best * 1e3,9:F1} ms = {decodedBytes / 1e6 / best,7:F0} MB/s, median {median * 1e3:F1} ms = {decodedBytes / 1e6 / median:F0} MB/s, allocated {result.AllocatedBytes / 1e6:F1} MB per read"));
    }
}
