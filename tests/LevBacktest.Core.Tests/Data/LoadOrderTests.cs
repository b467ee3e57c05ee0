using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Sources;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

using static LevBacktest.Core.Tests.Data.Csv;

namespace LevBacktest.Core.Tests.Data;

/// <summary>
/// The loader reads a plain mark file on another thread from the start, and it asks for the prices' symbol only when it
/// chooses its rows: the rows, the errors and their order must be those of reading the files one after the other.
/// </summary>
public sealed class LoadOrderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_mark_file_of_several_symbols_keeps_the_rows_of_the_symbol_the_prices_hold()
    {
        // The prices name their symbol only in their data (a file name without one); the mark file holds two symbols.
        string prices = WriteBars("prices.parquet", "AAAUSDT", 6, price: 100);
        string mark = _dir.Write(
            "mark.csv",
            "symbol,open_time,open,high,low,close\n"
            + string.Concat(Enumerable.Range(0, 6).Select(i => $"BBBUSDT,{Start + (i * Hour)},9,9,9,9\nAAAUSDT,{Start + (i * Hour)},{200 + i},{201 + i},{199 + i},{200.5 + i}\n")));
        var loaded = Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark });
        Assert.Equal("AAAUSDT", loaded.Data.Symbol);
        Assert.Equal(new[] { 200.0, 201, 202, 203, 204, 205 }, loaded.Data.MarkOpen.ToArray());
        Assert.Equal(new[] { 200.5, 201.5, 202.5, 203.5, 204.5, 205.5 }, loaded.Data.MarkClose.ToArray());
        Assert.Equal(0, loaded.Report.MarkFallbackBarCount);
        Assert.Equal(6, loaded.Files[1].RowCount);
    }

    [Fact]
    public void A_mark_file_without_the_prices_symbol_is_refused_as_before()
    {
        string prices = WriteBars("prices.parquet", "AAAUSDT", 4, price: 100);
        string mark = WriteBars("mark.parquet", "BBBUSDT", 4, price: 100, volume: false);
        var error = Assert.Throws<MarketDataException>(() => Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark }));
        Assert.Equal(mark, error.FilePath);
        Assert.Contains("no row has symbol 'AAAUSDT'; the file holds BBBUSDT.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prices_that_fail_before_settling_their_symbol_report_their_own_error_and_release_the_waiting_mark_read()
    {
        // Several symbols and no --symbol: the prices never settle one, and the mark read, already open, must not wait forever.
        string prices = _dir.Write(
            "many.csv",
            "symbol,open_time,open,high,low,close,volume\n"
            + $"AAAUSDT,{Start},1,2,0.5,1.5,1\nBBBUSDT,{Start},10,20,5,15,1\nAAAUSDT,{Start + Hour},1.5,2,1,1.8,2\nBBBUSDT,{Start + Hour},15,20,10,18,2\n");
        string mark = WriteBars("mark.parquet", "AAAUSDT", 2, price: 1, volume: false);
        var error = Assert.Throws<MarketDataException>(() => Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark }));
        Assert.Equal(prices, error.FilePath);
        Assert.Contains("several symbols (AAAUSDT, BBBUSDT)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_price_bar_is_the_error_reported_even_when_the_mark_file_is_bad_too()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(5).Replace($"{Start + (2 * Hour)},102,103.5,", $"{Start + (2 * Hour)},102,101.5,", StringComparison.Ordinal));
        string mark = _dir.Write("BTCUSDT-1h-mark.csv", "open_time,open,high,low,close\n" + $"{Start},1,2,0.5,1.5\n{Start + Hour},1,-2,0.5,1.5\n");
        var error = Assert.Throws<MarketDataException>(() => Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark }));
        Assert.Equal(prices, error.FilePath);
        Assert.Equal("line 3", error.Row);
        Assert.Equal("high", error.Column);
    }

    [Fact]
    public void A_bad_mark_bar_checked_on_the_mark_thread_is_reported_with_its_file_row_and_column()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(5));
        string mark = _dir.Write("BTCUSDT-1h-mark.csv", "open_time,open,high,low,close\n" + $"{Start},1,2,0.5,1.5\n{Start + Hour},1,2,0.5,-1.5\n");
        var error = Assert.Throws<MarketDataException>(() => Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark }));
        Assert.Equal(mark, error.FilePath);
        Assert.Equal("line 3", error.Row);
        Assert.Equal("close", error.Column);
    }

    [Fact]
    public void Mark_bars_on_the_price_bars_own_times_align_to_their_own_values()
    {
        string prices = WriteBars("prices.parquet", "AAAUSDT", 5, price: 100);
        string mark = WriteBars("mark.parquet", "AAAUSDT", 5, price: 300, volume: false);
        using var priceTable = ParquetSourceTable.Open(prices);
        using var markTable = ParquetSourceTable.Open(mark);
        var priceBars = SeriesReader.ReadBars(priceTable, ColumnMapping.Auto, "AAAUSDT", null, withVolume: true);
        var markBars = SeriesReader.ReadBars(markTable, ColumnMapping.Auto, "AAAUSDT", null, withVolume: false);
        foreach (var policy in new[] { MissingMarkPolicy.Fail, MissingMarkPolicy.FallBackToLastPrice, MissingMarkPolicy.StartWhereMarkStarts })
        {
            var alignment = MarkAlignment.Align(priceBars, markBars, Hour, policy);
            Assert.Equal((0, 5), (alignment.Start, alignment.End));
            Assert.Equal(new[] { 300.0, 301, 302, 303, 304 }, alignment.Open);
            Assert.Equal(new[] { 301.5, 302.5, 303.5, 304.5, 305.5 }, alignment.High);
            Assert.Equal(new[] { 299.0, 300, 301, 302, 303 }, alignment.Low);
            Assert.Equal(new[] { 300.5, 301.5, 302.5, 303.5, 304.5 }, alignment.Close);
            Assert.Null(alignment.Fallback);
            Assert.Equal(0, alignment.FallbackBarCount);
            Assert.Equal(0, alignment.MarkBarsWithoutPriceBar);
            Assert.Equal(0, alignment.TrimmedBarCount);
        }
    }

    [Fact]
    public void A_constant_symbol_column_matches_the_requested_symbol_ignoring_case_and_lists_its_rows_when_read()
    {
        string prices = WriteBars("prices.parquet", "AAAUSDT", 3, price: 100);
        Assert.Equal("aaausdt", Load(new MarketDataRequest { PricesPath = prices, Symbol = "aaausdt" }).Data.Symbol);
        using var table = ParquetSourceTable.Open(prices);
        var column = table.Read(table.Find("symbol")!);
        Assert.Equal("AAAUSDT", column.ConstantText);
        Assert.Equal(new[] { "AAAUSDT", "AAAUSDT", "AAAUSDT" }, column.Texts);
        Assert.Equal("AAAUSDT", column.ValueText(2));
        Assert.False(column.IsNull(1));
    }

    [Fact]
    public void The_built_in_warm_up_bars_read_as_four_valid_daily_bars()
    {
        var bars = ReadPathWarmUp.ReadBuiltInBars();
        Assert.Equal(4, bars.Count);
        Assert.Equal("SYNBTCUSDT", bars.SymbolInData);
        long first = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(new[] { first, first + 86_400_000, first + (2 * 86_400_000), first + (3 * 86_400_000) }, bars.OpenTimeMs);
        Assert.Equal(20000.0, bars.Open[0]); // `levbt data synth` starts its market at 20,000 (statistics max of open)
        Assert.NotNull(bars.Volume);
        ReadPathWarmUp.Run(); // never throws
    }

    private static LoadedMarketData Load(MarketDataRequest request)
    {
        // A hung mark read would hang the load: fail the test instead of the test run.
        var load = Task.Run(() => MarketDataLoader.Load(request));
        Assert.True(Task.WaitAny([load], Patience) == 0, "the load did not end");
        return load.GetAwaiter().GetResult();
    }

    private string WriteBars(string name, string symbol, int count, double price, bool volume = true)
    {
        string path = _dir.File(name);
        var rows = Enumerable.Range(0, count);
        var columns = new List<ParquetWriteColumn>
        {
            ParquetWriteColumn.String("symbol", rows.Select(_ => (string?)symbol).ToArray()),
            ParquetWriteColumn.Timestamp("open_time", rows.Select(i => Start + (i * Hour)).ToArray(), ParquetTimeUnit.Millis),
            ParquetWriteColumn.Double("open", rows.Select(i => price + i).ToArray()),
            ParquetWriteColumn.Double("high", rows.Select(i => price + i + 1.5).ToArray()),
            ParquetWriteColumn.Double("low", rows.Select(i => price + i - 1).ToArray()),
            ParquetWriteColumn.Double("close", rows.Select(i => price + i + 0.5).ToArray()),
        };
        if (volume)
        {
            columns.Add(ParquetWriteColumn.Double("volume", rows.Select(i => 10.0 + i).ToArray()));
        }

        ParquetFileWriter.Write(path, columns);
        return path;
    }
}
