using LevBacktest.Core.Experiments.Results;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class ResultTableAppenderTests : IDisposable
{
    private static readonly ParquetColumnDefinition[] Columns =
    [
        ParquetColumnDefinition.Int32("runIndex"),
        ParquetColumnDefinition.Double("price", optional: true),
        ParquetColumnDefinition.String("kind"),
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("levbt-appender").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Rows 0..n−1: runIndex = row / 4, price = row + 0.5 except NaN and +∞ at rows 3 and 7, kind "a"/"b".</summary>
    private static (int Run, double Price, string Kind) Row(int row)
        => (row / 4, row == 3 ? double.NaN : row == 7 ? double.PositiveInfinity : row + 0.5, row % 3 == 0 ? "a" : "b");

    /// <summary>Writes rows 0..total−1 in Append calls of the given sizes through chunks of <paramref name="chunkRows"/>.</summary>
    private string Write(string name, int chunkRows, params int[] calls)
    {
        string path = Path.Combine(_root, name);
        using var table = ResultTableAppender.Create(path, Columns, ParquetWriterOptions.Default, chunkRows);
        int first = 0;
        foreach (int rows in calls)
        {
            int start = first;
            table.Append(rows, (chunk, at, source, count) =>
            {
                for (int i = 0; i < count; i++)
                {
                    var (run, price, kind) = Row(start + source + i);
                    chunk.Int32s(0)[at + i] = run;
                    chunk.Doubles(1)[at + i] = price;
                    ((string?[])chunk[2])[at + i] = kind;
                }
            });
            first += rows;
        }

        table.Complete();
        return path;
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_500)]
    [InlineData(4_000)]
    public void Equity_chunks_handed_over_as_views_of_the_curves_give_the_bytes_of_copied_chunks(int chunkRows)
    {
        // The fixture's 1,500-bar runs through chunks of 100 (whole chunks from views, runs ending mid-chunk), of exactly
        // one run, and larger than a run (every row copied): the same bytes as the copying path (every bar "kept").
        var runs = ResultsFixture.Outcome.Runs.Take(3).ToArray();
        string Write(string name, bool views)
        {
            string path = Path.Combine(_root, name);
            using var table = ResultTableAppender.Create(path, ResultTables.EquityColumns, ExperimentResultsWriter.EquityOptions, chunkRows);
            foreach (var run in runs)
            {
                if (views)
                {
                    ResultTables.AppendEquity(table, run);
                }
                else
                {
                    ResultTables.AppendEquity(table, run, Enumerable.Range(0, run.Result.EquityCurve.Count).ToArray());
                }
            }

            table.Complete();
            return path;
        }

        Assert.All(runs, r => Assert.Equal(1_500, r.Result.EquityCurve.Count));
        byte[] copied = File.ReadAllBytes(Write("copied.parquet", views: false));
        byte[] viewed = File.ReadAllBytes(Write("viewed.parquet", views: true));
        Assert.True(copied.AsSpan().SequenceEqual(viewed));
        using var reader = ParquetFileReader.Open(Path.Combine(_root, "viewed.parquet"));
        Assert.Equal(runs.SelectMany(r => r.Result.EquityCurve.Equity.Take(1_500)), reader.ReadDoubleColumn("equity"));
        Assert.Equal(runs.SelectMany(r => r.Result.EquityCurve.OpenTimeMs.ToArray().Take(1_500)), reader.ReadInt64Column("time"));
    }

    [Fact]
    public void The_bytes_depend_only_on_the_rows_not_on_how_the_calls_split_them()
    {
        // 23 rows through chunks of 5: calls that cross chunk boundaries in different places, and an empty call.
        byte[] one = File.ReadAllBytes(Write("one.parquet", 5, 23));
        byte[] many = File.ReadAllBytes(Write("many.parquet", 5, 3, 0, 9, 1, 10));
        byte[] single = File.ReadAllBytes(Write("single.parquet", 5, Enumerable.Repeat(1, 23).ToArray()));
        Assert.True(one.AsSpan().SequenceEqual(many));
        Assert.True(one.AsSpan().SequenceEqual(single));
    }

    [Fact]
    public void Rows_read_back_in_order_and_non_finite_values_of_an_optional_column_are_null()
    {
        using var reader = ParquetFileReader.Open(Write("t.parquet", 5, 3, 9, 11));
        Assert.Equal(23, reader.RowCount);
        Assert.True(reader.Schema.FindColumn("price")!.IsOptional);
        var runs = reader.ReadInt32Column("runIndex");
        var price = reader.ReadColumn("price");
        var kind = reader.ReadColumn("kind");
        for (int row = 0; row < 23; row++)
        {
            var (run, expected, text) = Row(row);
            Assert.Equal(run, runs[row]);
            Assert.Equal(!double.IsFinite(expected), price.IsNull(row));
            if (double.IsFinite(expected))
            {
                Assert.Equal(expected, price.Doubles![row]);
            }

            Assert.Equal(text, System.Text.Encoding.UTF8.GetString((byte[])kind.GetValue(row)!));
        }
    }

    [Theory]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(13, double.NaN)]
    [InlineData(31, double.NegativeInfinity)]
    [InlineData(60, double.NaN)]
    [InlineData(62, double.PositiveInfinity)]
    public void One_non_finite_value_anywhere_in_a_chunk_is_the_only_null(int at, double value)
    {
        // 63 rows in one chunk of 64 (the finiteness check runs over vectors of doubles and then the rest one by one):
        // the non-finite value is null wherever it falls, and every finite value, −0 and the largest included, is kept.
        string path = Path.Combine(_root, "one.parquet");
        double Price(int row) => row == at ? value : row % 3 == 0 ? -0.0 : row % 3 == 1 ? double.MaxValue : -row;
        using (var table = ResultTableAppender.Create(path, Columns, ParquetWriterOptions.Default, chunkRows: 64))
        {
            table.Append(63, (chunk, first, source, count) =>
            {
                for (int i = 0; i < count; i++)
                {
                    chunk.Int32s(0)[first + i] = 0;
                    chunk.Doubles(1)[first + i] = Price(source + i);
                    ((string?[])chunk[2])[first + i] = "a";
                }
            });
            table.Complete();
        }

        using var reader = ParquetFileReader.Open(path);
        var price = reader.ReadColumn("price");
        for (int row = 0; row < 63; row++)
        {
            Assert.Equal(row == at, price.IsNull(row));
        }
    }

    [Fact]
    public void Only_double_columns_may_be_optional()
    {
        var exception = Assert.Throws<ArgumentException>(() => ResultTableAppender.Create(
            Path.Combine(_root, "x.parquet"), [ParquetColumnDefinition.Int32("bar", optional: true)], ParquetWriterOptions.Default));
        Assert.Contains("'bar'", exception.Message);
        Assert.Empty(Directory.GetFiles(_root));
    }
}
