using LevBacktest.Parquet.Library;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Required columns are read into arrays that are not zeroed first (every element is written by the decoder): the values
/// must be exactly those written, in every row group, and the columns with nulls (zeroed as before) must keep their nulls.
/// </summary>
public sealed class LargeColumnArrayTests
{
    [Fact]
    public void A_year_of_minute_values_in_several_row_groups_reads_back_exactly()
    {
        const int rows = 525_600; // a minute year: 4.2 MB per 8-byte column
        long[] times = new long[rows];
        double[] prices = new double[rows];
        int[] counts = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            times[i] = 1_672_531_200_000 + (i * 60_000L);
            prices[i] = 20_000 + Math.Round(Math.Sin(i * 0.001) * 500, 1);
            counts[i] = i % 977;
        }

        bool[] present = Enumerable.Range(0, rows).Select(i => i % 1000 != 7).ToArray();
        var stream = new MemoryStream();
        using (var writer = ParquetTableWriter.Create(stream, [
            ParquetColumnDefinition.Timestamp("open_time", ParquetTimeUnit.Millis),
            ParquetColumnDefinition.Double("open"),
            ParquetColumnDefinition.Int32("count"),
            ParquetColumnDefinition.Double("close", optional: true),
        ]))
        {
            // Three row groups of unequal size, so each group's values land at an offset into the one array.
            foreach (var (from, to) in new[] { (0, 100_000), (100_000, 400_001), (400_001, rows) })
            {
                writer.Append([
                    ParquetWriteColumn.Timestamp("open_time", times[from..to], ParquetTimeUnit.Millis),
                    ParquetWriteColumn.Double("open", prices[from..to]),
                    ParquetWriteColumn.Int32("count", counts[from..to]),
                    ParquetWriteColumn.Double("close", prices[from..to], present[from..to]),
                ]);
                writer.FlushRowGroup();
            }

            writer.Complete();
        }

        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "minutes.parquet");
        Assert.Equal(3, reader.Metadata.RowGroups.Count);
        Assert.Equal(times, reader.ReadInt64Column("open_time"));
        Assert.Equal(prices, reader.ReadDoubleColumn("open"));
        Assert.Equal(counts, reader.ReadInt32Column("count"));
        var close = reader.ReadColumn("close");
        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(!present[i], close.IsNull(i));
            Assert.Equal(present[i] ? prices[i] : 0, close.Doubles![i]);
        }
    }

    [Fact]
    public void Arrays_holding_references_are_zeroed_and_others_have_the_asked_length()
    {
        Assert.All(ColumnArrays.Allocate<byte[]>(1 << 20), Assert.Null);
        Assert.Equal(1 << 20, ColumnArrays.Allocate<double>(1 << 20).Length);
        Assert.Empty(ColumnArrays.Allocate<long>(0));
    }
}
