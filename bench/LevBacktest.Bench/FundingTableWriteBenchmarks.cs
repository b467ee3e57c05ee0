using BenchmarkDotNet.Attributes;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Bench;

/// <summary>
/// Encoding an S1-shaped <c>funding.parquet</c> (bench/workloads/s1.json: 10,000 runs over one hourly year with a
/// zero funding rate every 8 h, 3.08 million payment rows) in memory, handed to the writer in chunks of
/// <see cref="ResultTableAppender.ChunkRows"/> rows as <c>levbt run</c> does: with the options results folders use now
/// (<see cref="ExperimentResultsWriter.WriterOptionsOf"/>) and with those of the sixth session (dictionaries on runIndex,
/// rate, markPrice and side; statistics on every column), so a change of encoding has a number. Values are shaped like
/// S1's: runs of 1–615 settlements (308 on average) from the year's first, each on the shared mark-price path, one
/// quantity per run, rate and payment 0. Rows sorted by run, then time.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*FundingTableWriteBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class FundingTableWriteBenchmarks
{
    private const int Runs = 10_000;
    private const int SettlementsInYear = 1_095;
    private const long YearStartMs = 1_672_531_200_000L;
    private const long EightHoursMs = 8 * 3_600_000L;

    private static readonly ParquetWriterOptions SixthSessionOptions = ExperimentResultsWriter.TableOptions with
    {
        ColumnsWithoutDictionary = ["time", "bar", "quantity", "payment"],
    };

    private ParquetWriteColumn[][] _chunks = [];

    /// <summary>Which options encode the table.</summary>
    [Params("now", "sixth-session")]
    public string Options { get; set; } = "now";

    /// <summary>Builds the rows once and cuts them into the writer's chunks.</summary>
    [GlobalSetup]
    public void BuildRows()
    {
        var random = new Random(16);
        var markPath = new double[SettlementsInYear];
        double price = 16_500;
        for (int j = 0; j < markPath.Length; j++)
        {
            price *= Math.Exp(0.01 * (random.NextDouble() - 0.5));
            markPath[j] = Math.Round(price, 1);
        }

        var runIndex = new List<int>();
        var time = new List<long>();
        var bar = new List<int>();
        var mark = new List<double>();
        var quantity = new List<double>();
        for (int run = 0; run < Runs; run++)
        {
            int settlements = 1 + (int)((run * 7_919L) % 615);
            double held = (1 + (run % 100)) * 10_000 / 16_500.0 * (0.9 + (0.2 * random.NextDouble()));
            for (int j = 0; j < settlements; j++)
            {
                runIndex.Add(run);
                time.Add(YearStartMs + ((j + 1) * EightHoursMs));
                bar.Add((j + 1) * 8);
                mark.Add(markPath[j]);
                quantity.Add(held);
            }
        }

        int rows = runIndex.Count;
        var chunks = new List<ParquetWriteColumn[]>();
        for (int start = 0; start < rows; start += ResultTableAppender.ChunkRows)
        {
            int count = Math.Min(ResultTableAppender.ChunkRows, rows - start);
            chunks.Add(
            [
                ParquetWriteColumn.Int32("runIndex", runIndex.GetRange(start, count).ToArray()),
                ParquetWriteColumn.Timestamp("time", time.GetRange(start, count).ToArray(), LevBacktest.Parquet.ParquetTimeUnit.Millis),
                ParquetWriteColumn.Int32("bar", bar.GetRange(start, count).ToArray()),
                // OPTIONAL columns without validity, as ResultTableAppender hands over a chunk whose values are all finite.
                ParquetWriteColumn.Double("rate", new double[count]),
                ParquetWriteColumn.Double("markPrice", mark.GetRange(start, count).ToArray()),
                ParquetWriteColumn.Int32("side", Enumerable.Repeat(1, count).ToArray()),
                ParquetWriteColumn.Double("quantity", quantity.GetRange(start, count).ToArray()),
                ParquetWriteColumn.Double("payment", new double[count]),
            ]);
        }

        _chunks = [.. chunks];
    }

    /// <summary>Writes the whole table into memory; returns its size in bytes.</summary>
    [Benchmark]
    public long WriteFundingTable()
    {
        var options = Options == "now" ? ExperimentResultsWriter.WriterOptionsOf("funding.parquet") : SixthSessionOptions;
        using var stream = new MemoryStream();
        using (var table = ParquetTableWriter.Create(stream, ResultTables.Funding.Columns, options))
        {
            foreach (var chunk in _chunks)
            {
                table.Append(chunk);
            }

            table.Complete();
        }

        return stream.Length;
    }
}
