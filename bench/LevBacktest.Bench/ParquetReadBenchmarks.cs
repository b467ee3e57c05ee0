using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Bench;

/// <summary>
/// Reading a 1,000,000-row OHLCV file (INT64 open_time_ms + five DOUBLE columns = 48 MB decoded) written by our
/// writer, SNAPPY and ZSTD: all columns, and one projected column (8 MB). The "Decoded MB/s" column is decoded
/// column bytes / mean time (10^6 bytes per MB). Targets: ≥ 400 MB/s on one core, allocation ≤ 2× decoded size.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*ParquetReadBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ParquetReadBenchmarks
{
    private const int Rows = 1_000_000;
    private static readonly string[] PriceColumns = ["open", "high", "low", "close", "volume"];

    private string _path = string.Empty;

    /// <summary>Codec of the file read.</summary>
    [Params(ParquetCompressionCodec.Snappy, ParquetCompressionCodec.Zstd)]
    public ParquetCompressionCodec Codec { get; set; }

    /// <summary>Writes the file once per codec: a one-minute random walk around 30,000 USDT on a 0.1 tick.</summary>
    [GlobalSetup]
    public void WriteFile()
    {
        var random = new Random(20240101);
        var openTime = new long[Rows];
        double[] open = new double[Rows], high = new double[Rows], low = new double[Rows], close = new double[Rows], volume = new double[Rows];
        double price = 30_000;
        for (int i = 0; i < Rows; i++)
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

        _path = Path.Combine(Path.GetTempPath(), $"levbt-bench-ohlcv-{Codec}-{Environment.ProcessId}.parquet");
        ParquetFileWriter.Write(
            _path,
            [
                ParquetWriteColumn.Int64("open_time_ms", openTime),
                ParquetWriteColumn.Double("open", open),
                ParquetWriteColumn.Double("high", high),
                ParquetWriteColumn.Double("low", low),
                ParquetWriteColumn.Double("close", close),
                ParquetWriteColumn.Double("volume", volume),
            ],
            new ParquetWriterOptions { Codec = Codec });
    }

    /// <summary>Removes the file.</summary>
    [GlobalCleanup]
    public void DeleteFile() => File.Delete(_path);

    /// <summary>Opens the file and decodes all six columns (48 MB).</summary>
    [Benchmark(Baseline = true)]
    public long ReadAllColumns()
    {
        using var reader = ParquetFileReader.Open(_path);
        long checksum = reader.ReadInt64Column("open_time_ms").Length;
        foreach (string name in PriceColumns)
        {
            checksum += reader.ReadDoubleColumn(name).Length;
        }

        return checksum;
    }

    /// <summary>
    /// The same six columns through ParquetSharp (Apache Arrow's C++ Parquet) with page checksum verification on,
    /// each column read physically into one preallocated array: the library's floor for our adapter.
    /// </summary>
    [Benchmark]
    public long ReadAllColumnsParquetSharp()
    {
        using var properties = ParquetSharp.ReaderProperties.GetDefaultReaderProperties();
        properties.EnablePageChecksumVerification();
        using var reader = new ParquetSharp.ParquetFileReader(_path, properties);
        using var metadata = reader.FileMetaData;
        int rows = checked((int)metadata.NumRows);
        long checksum = 0;
        for (int column = 0; column < 6; column++)
        {
            checksum += column == 0 ? ReadWithParquetSharp<long>(reader, column, new long[rows]) : ReadWithParquetSharp<double>(reader, column, new double[rows]);
        }

        return checksum;
    }

    /// <summary>Opens the file and decodes only the close column (8 MB).</summary>
    [Benchmark]
    public long ReadCloseColumn()
    {
        using var reader = ParquetFileReader.Open(_path);
        return reader.ReadDoubleColumn("close").Length;
    }

    private static long ReadWithParquetSharp<T>(ParquetSharp.ParquetFileReader reader, int column, T[] values)
        where T : unmanaged
    {
        int offset = 0;
        for (int group = 0; group < reader.FileMetaData.NumRowGroups; group++)
        {
            using var rowGroup = reader.RowGroup(group);
            using var columnReader = (ParquetSharp.ColumnReader<T>)rowGroup.Column(column);
            while (columnReader.HasNext)
            {
                columnReader.ReadBatch(values.Length - offset, values.AsSpan(offset), out long read);
                offset += (int)read;
            }
        }

        return offset;
    }

    private static double Tick(double price) => Math.Round(price * 10) / 10;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Adds the decoded-bytes throughput column.</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new DecodedThroughputColumn());
    }

    /// <summary>Decoded column bytes per second of mean time: 48 MB for all columns, 8 MB for one.</summary>
    private sealed class DecodedThroughputColumn : IColumn
    {
        public string Id => nameof(DecodedThroughputColumn);

        public string ColumnName => "Decoded MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Decoded column bytes (10^6 per MB) divided by the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (meanNanoseconds is not > 0)
            {
                return "NA";
            }

            double bytes = benchmarkCase.Descriptor.WorkloadMethod.Name is nameof(ReadAllColumns) or nameof(ReadAllColumnsParquetSharp) ? Rows * 48.0 : Rows * 8.0;
            return (bytes / 1e6 / (meanNanoseconds.Value / 1e9)).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
