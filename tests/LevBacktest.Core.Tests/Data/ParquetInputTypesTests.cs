using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Sources;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

using static LevBacktest.Core.Tests.Data.Csv;

namespace LevBacktest.Core.Tests.Data;

/// <summary>The Parquet types the loader accepts for times and prices, in files built with the project writer (and a Spark INT96 file from the corpus).</summary>
public sealed class ParquetInputTypesTests : IDisposable
{
    private static readonly long[] Times = [Start, Start + Hour, Start + (2 * Hour)];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, params ParquetWriteColumn[] columns)
    {
        string path = _dir.File(name);
        ParquetFileWriter.Write(path, columns);
        return path;
    }

    [Fact]
    public void Timestamp_micros_float_prices_decimal_close_and_integer_volume_are_converted_exactly()
    {
        string path = Write(
            "T-micros.parquet",
            ParquetWriteColumn.Timestamp("timestamp", Times.Select(t => (t * 1000) + 999).ToArray(), ParquetTimeUnit.Micros),
            ParquetWriteColumn.Float("Open", [100.5f, 101.25f, 99.75f]),
            ParquetWriteColumn.Float("High", [102f, 103.5f, 101f]),
            ParquetWriteColumn.Float("Low", [99f, 99.5f, 98.5f]),
            ParquetWriteColumn.Decimal("Close", [101.25m, 99.75m, 100.01m], 10, 2),
            ParquetWriteColumn.Int32("Volume", [5, 0, 7]));
        var data = MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "T" }).Data;
        Assert.Equal(Times, data.OpenTimeMs.ToArray()); // 999 µs floored away
        Assert.Equal(new[] { 100.5, 101.25, 99.75 }, data.Open.ToArray());
        Assert.Equal(new[] { 101.25, 99.75, 100.01 }, data.Close.ToArray()); // 10001 / 100 rounds to the double nearest 100.01
        Assert.Equal(new[] { 5.0, 0, 7 }, data.Volume.ToArray());
    }

    [Fact]
    public void Timestamp_nanos_and_millis_and_date_columns_give_epoch_milliseconds()
    {
        string nanos = Write(
            "N.parquet",
            ParquetWriteColumn.Timestamp("datetime", Times.Select(t => t * 1_000_000).ToArray(), ParquetTimeUnit.Nanos),
            ParquetWriteColumn.Double("open", [1, 1, 1]),
            ParquetWriteColumn.Double("high", [2, 2, 2]),
            ParquetWriteColumn.Double("low", [0.5, 0.5, 0.5]),
            ParquetWriteColumn.Double("close", [1.5, 1.5, 1.5]),
            ParquetWriteColumn.Double("volume", [1, 1, 1]));
        Assert.Equal(Times, MarketDataLoader.Load(new MarketDataRequest { PricesPath = nanos, Symbol = "T" }).Data.OpenTimeMs.ToArray());

        int day = (int)(Start / 86_400_000);
        string daily = Write(
            "D.parquet",
            ParquetWriteColumn.Date("date", [day, day + 1, day + 3]),
            ParquetWriteColumn.Double("open", [1, 1, 1]),
            ParquetWriteColumn.Double("high", [2, 2, 2]),
            ParquetWriteColumn.Double("low", [0.5, 0.5, 0.5]),
            ParquetWriteColumn.Double("close", [1.5, 1.5, 1.5]),
            ParquetWriteColumn.Double("volume", [1, 1, 1]));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = daily, Symbol = "T" });
        Assert.Equal(new[] { Start, Start + 86_400_000, Start + (3 * 86_400_000) }, loaded.Data.OpenTimeMs.ToArray());
        Assert.Equal(86_400_000, loaded.Data.BarIntervalMs);
        Assert.Equal(new DataGap(Start + 86_400_000, Start + (3 * 86_400_000), 1), Assert.Single(loaded.Report.Gaps));
    }

    [Fact]
    public void Open_time_ms_wins_over_open_time_when_a_file_has_both()
    {
        // Deliberately inconsistent columns show which one is used.
        string path = Write(
            "BOTH.parquet",
            ParquetWriteColumn.Timestamp("open_time", Times.Select(t => t + (5 * Hour)).ToArray(), ParquetTimeUnit.Millis),
            ParquetWriteColumn.Int64("open_time_ms", Times),
            ParquetWriteColumn.Double("open", [1, 1, 1]),
            ParquetWriteColumn.Double("high", [2, 2, 2]),
            ParquetWriteColumn.Double("low", [0.5, 0.5, 0.5]),
            ParquetWriteColumn.Double("close", [1.5, 1.5, 1.5]),
            ParquetWriteColumn.Double("volume", [1, 1, 1]));
        Assert.Equal(Times, MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "T" }).Data.OpenTimeMs.ToArray());
    }

    [Fact]
    public void A_null_price_is_an_error_naming_row_and_column()
    {
        string path = Write(
            "NULLS.parquet",
            ParquetWriteColumn.Int64("open_time_ms", Times),
            ParquetWriteColumn.Double("open", [1, 1, 1]),
            ParquetWriteColumn.Double("high", [2, 2, 2]),
            ParquetWriteColumn.Double("low", [0.5, 0.5, 0.5]),
            ParquetWriteColumn.Double("close", [1.5, 1.5, 1.5], [true, true, false]),
            ParquetWriteColumn.Double("volume", [1, 1, 1]));
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "T" }));
        Assert.Equal("row 2", error.Row);
        Assert.Equal("close", error.Column);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Out_of_order_rows_in_parquet_are_named_by_row_index()
    {
        string path = Write(
            "ORDER.parquet",
            ParquetWriteColumn.Int64("open_time_ms", [Start, Start + (2 * Hour), Start + Hour]),
            ParquetWriteColumn.Double("open", [1, 1, 1]),
            ParquetWriteColumn.Double("high", [2, 2, 2]),
            ParquetWriteColumn.Double("low", [0.5, 0.5, 0.5]),
            ParquetWriteColumn.Double("close", [1.5, 1.5, 1.5]),
            ParquetWriteColumn.Double("volume", [1, 1, 1]));
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "T" }));
        Assert.Equal($"{path}, row 2, column 'open_time_ms': open time 2024-01-01 01:00:00Z is earlier than 2024-01-01 02:00:00Z in row 1; times must be strictly increasing.", error.Message);
    }

    [Fact]
    public void String_symbol_column_filters_a_multi_symbol_funding_file()
    {
        string prices = Write(
            "AAAUSDT-1h.parquet",
            ParquetWriteColumn.Int64("open_time_ms", Times),
            ParquetWriteColumn.Double("open", [1, 1, 1]),
            ParquetWriteColumn.Double("high", [2, 2, 2]),
            ParquetWriteColumn.Double("low", [0.5, 0.5, 0.5]),
            ParquetWriteColumn.Double("close", [1.5, 1.5, 1.5]),
            ParquetWriteColumn.Double("volume", [1, 1, 1]));
        string funding = Write(
            "venues.parquet",
            ParquetWriteColumn.String("venue_symbol", ["AAAUSDT", "BBBUSDT", "AAAUSDT", "BBBUSDT"]),
            ParquetWriteColumn.Timestamp("settlement_ts", [Start * 1000, Start * 1000, (Start + Hour) * 1000, (Start + Hour) * 1000], ParquetTimeUnit.Micros),
            ParquetWriteColumn.Double("rate_raw", [0.0001, 0.02, -0.0003, 0.03]));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, FundingPath = funding });
        Assert.Equal("AAAUSDT", loaded.Data.Symbol);
        Assert.Equal(new[] { 0.0001, -0.0003 }, loaded.Data.Funding.Rate.ToArray());
        Assert.Equal(2, loaded.Files[1].RowCount);
    }

    [ParquetCorpusFact]
    public void Spark_int96_timestamps_become_epoch_milliseconds_and_nulls_are_kept()
    {
        // parquet-testing data/int96_from_spark.parquet; expected/…jsonl: row 0 = 2024-01-01T20:34:56.123456Z, row 4 = null.
        string path = SharedFolder.Corpus("data/int96_from_spark.parquet");
        using var table = ParquetSourceTable.Open(path);
        var info = Assert.Single(table.Columns);
        Assert.Equal(SourceTimeKind.TimestampMillis, info.TimeKind);
        var column = table.Read(info);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 20, 34, 56, 123, TimeSpan.Zero).ToUnixTimeMilliseconds(), column.Integers![0]);
        Assert.Equal(new DateTimeOffset(2024, 12, 30, 23, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), column.Integers[3]);
        Assert.True(column.IsNull(4));
        Assert.False(column.IsNull(0));
    }

    [Fact]
    public void A_symbol_column_whose_statistics_bound_it_to_one_value_is_known_without_decoding_and_reads_as_decoded()
    {
        // 3 row groups of 2 rows; statistics per row group: min = max = "BTCUSDT" (written by the project writer).
        string constant = WriteInRowGroups("constant.parquet", ["BTCUSDT", "BTCUSDT", "BTCUSDT", "BTCUSDT", "BTCUSDT", "BTCUSDT"]);
        string mixed = WriteInRowGroups("mixed.parquet", ["BTCUSDT", "BTCUSDT", "BTCUSDT", "ETHUSDT", "BTCUSDT", "BTCUSDT"]);
        string optional = WriteInRowGroups("optional.parquet", ["BTCUSDT", "BTCUSDT", null, "BTCUSDT", "BTCUSDT", "BTCUSDT"], optional: true);

        using (var table = ParquetSourceTable.Open(constant))
        {
            Assert.Equal("BTCUSDT", table.ConstantText("symbol"));
            Assert.Equal(Decoded(constant), Texts(table));
        }

        // One row group holds another value (its min and max differ): every row is decoded.
        using (var table = ParquetSourceTable.Open(mixed))
        {
            Assert.Null(table.ConstantText("symbol"));
            Assert.Equal(new string?[] { "BTCUSDT", "BTCUSDT", "BTCUSDT", "ETHUSDT", "BTCUSDT", "BTCUSDT" }, Texts(table));
        }

        // Statistics bound the non-null values only: an optional column is always decoded, so its null stays null.
        using (var table = ParquetSourceTable.Open(optional))
        {
            Assert.Null(table.ConstantText("symbol"));
            Assert.Equal(new string?[] { "BTCUSDT", "BTCUSDT", null, "BTCUSDT", "BTCUSDT", "BTCUSDT" }, Texts(table));
        }

        // Through the loader: the symbol is found and a wrong --symbol is refused as before.
        Assert.Equal("BTCUSDT", MarketDataLoader.Load(new MarketDataRequest { PricesPath = constant }).Data.Symbol);
        var wrong = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = constant, Symbol = "ETHUSDT" }));
        Assert.Contains("no row has symbol 'ETHUSDT'; the file holds BTCUSDT.", wrong.Message, StringComparison.Ordinal);
    }

    private string WriteInRowGroups(string name, string?[] symbols, bool optional = false)
    {
        string path = _dir.File(name);
        long[] times = Enumerable.Range(0, symbols.Length).Select(i => Start + (i * Hour)).ToArray();
        double[] ones = Enumerable.Repeat(1.0, symbols.Length).ToArray();
        ParquetFileWriter.Write(
            path,
            [
                ParquetWriteColumn.String("symbol", symbols, optional),
                ParquetWriteColumn.Timestamp("open_time", times, ParquetTimeUnit.Millis),
                ParquetWriteColumn.Double("open", ones),
                ParquetWriteColumn.Double("high", ones),
                ParquetWriteColumn.Double("low", ones),
                ParquetWriteColumn.Double("close", ones),
            ],
            new ParquetWriterOptions { RowGroupSize = 2 });
        return path;
    }

    private static string?[] Texts(ParquetSourceTable table)
    {
        var column = table.Read(table.Find("symbol")!);
        return Enumerable.Range(0, column.Length).Select(column.ValueText).ToArray();
    }

    private static string?[] Decoded(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        return reader.ReadColumn("symbol").Binaries!.Select(bytes => bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes)).ToArray();
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_named()
    {
        string path = _dir.Write("fake.parquet", "not parquet at all");
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path }));
        Assert.Contains("fake.parquet", error.Message);
        Assert.Contains("cannot read it as Parquet", error.Message);
    }
}
