using LevBacktest.Core.Data;

using static LevBacktest.Core.Tests.Data.Csv;

namespace LevBacktest.Core.Tests.Data;

/// <summary>Loading, alignment and validation through CSV inputs (the same code path as Parquet after reading).</summary>
public sealed class MarketDataLoaderCsvTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Loads_headerless_binance_klines_with_exact_values()
    {
        string prices = _dir.Write("BTCUSDT-1h-2024-01.csv", Klines(5));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices });
        var data = loaded.Data;
        Assert.Equal("BTCUSDT", data.Symbol);
        Assert.Equal(Hour, data.BarIntervalMs);
        Assert.Equal(5, data.Count);
        Assert.Equal(Start + (4 * Hour), data.OpenTimeMs.Span[4]);
        Assert.Equal(102.0, data.Open.Span[2]);
        Assert.Equal(103.5, data.High.Span[2]);
        Assert.Equal(101.0, data.Low.Span[2]);
        Assert.Equal(102.5, data.Close.Span[2]);
        Assert.Equal(12.0, data.Volume.Span[2]);
        Assert.False(data.HasMarkPrice);
        Assert.Empty(loaded.Report.Gaps);
        var file = Assert.Single(loaded.Files);
        Assert.Equal(5, file.RowCount);
        Assert.Equal(Start, file.FirstTimeMs);
        Assert.Equal(Start + (4 * Hour), file.LastTimeMs);
        Assert.Equal(MarketDataLoader.Sha256OfFile(prices), file.Sha256);
        Assert.Equal(64, file.Sha256.Length);
    }

    [Fact]
    public void Header_row_and_zip_archive_give_the_same_data_as_plain_headerless()
    {
        string plain = _dir.Write("a.csv", Klines(4));
        string headed = _dir.Write("b.csv", Klines(4, header: true));
        string zipped = _dir.WriteZip("BTCUSDT-1h-2024-01.zip", "BTCUSDT-1h-2024-01.csv", Klines(4, header: true));
        var a = MarketDataLoader.Load(new MarketDataRequest { PricesPath = plain, Symbol = "X" }).Data;
        var b = MarketDataLoader.Load(new MarketDataRequest { PricesPath = headed, Symbol = "X" }).Data;
        var c = MarketDataLoader.Load(new MarketDataRequest { PricesPath = zipped }).Data;
        Assert.Equal("BTCUSDT", c.Symbol);
        foreach (var other in new[] { b, c })
        {
            Assert.Equal(a.OpenTimeMs.ToArray(), other.OpenTimeMs.ToArray());
            Assert.Equal(a.Close.ToArray(), other.Close.ToArray());
            Assert.Equal(a.Volume.ToArray(), other.Volume.ToArray());
        }
    }

    [Fact]
    public void Microsecond_epochs_are_detected_and_converted()
    {
        string text = Klines(3).Replace($"{Start},", $"{Start}000,").Replace($"{Start + Hour},", $"{Start + Hour}000,").Replace($"{Start + (2 * Hour)},", $"{Start + (2 * Hour)}000,");
        var data = MarketDataLoader.Load(new MarketDataRequest { PricesPath = _dir.Write("us.csv", text) }).Data;
        Assert.Equal(new[] { Start, Start + Hour, Start + (2 * Hour) }, data.OpenTimeMs.ToArray());
    }

    [Fact]
    public void Ambiguous_epoch_magnitude_asks_for_the_unit_and_the_override_resolves_it()
    {
        // Small integers (bar numbers) are a plausible epoch in no unit.
        string path = _dir.Write("small.csv", "time,open,high,low,close,volume\n1,1,2,0.5,1.5,1\n2,1,2,0.5,1.5,1\n");
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path }));
        Assert.Contains("small.csv", error.Message);
        Assert.Contains("'time'", error.Message);
        Assert.Contains("unit", error.Message);
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, TimeUnit = EpochTimeUnit.Seconds, Symbol = "T" });
        Assert.Equal(new long[] { 1000, 2000 }, loaded.Data.OpenTimeMs.ToArray());
    }

    [Fact]
    public void Iso_text_times_and_capitalised_price_columns_are_recognised()
    {
        string path = _dir.Write(
            "freqtrade.csv",
            "date,Open,HIGH,low,Close,volume\n2024-01-01 00:00:00+00:00,10,12,9,11,5\n2024-01-01T01:00:00Z,11,13,10,12,6\n2024-01-01 02:00:00,12,14,11,13,7\n");
        var data = MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "T" }).Data;
        Assert.Equal(new[] { Start, Start + Hour, Start + (2 * Hour) }, data.OpenTimeMs.ToArray());
        Assert.Equal(new[] { 12.0, 13, 14 }, data.High.ToArray());
    }

    [Fact]
    public void Explicit_column_mapping_overrides_recognition()
    {
        string path = _dir.Write("custom.csv", "t,o,h,l,c,v,time\n1704067200000,10,12,9,11,5,1\n1704070800000,11,13,10,12,6,2\n");
        var request = new MarketDataRequest
        {
            PricesPath = path,
            Symbol = "T",
            PriceColumns = ColumnMapping.FromRoles(new Dictionary<string, string> { ["time"] = "t", ["open"] = "o", ["high"] = "h", ["low"] = "l", ["close"] = "c", ["volume"] = "v" }),
        };
        var data = MarketDataLoader.Load(request).Data;
        Assert.Equal(new[] { Start, Start + Hour }, data.OpenTimeMs.ToArray());
        Assert.Equal(new[] { 11.0, 12 }, data.Close.ToArray());

        var missing = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(request with { PriceColumns = request.PriceColumns with { Close = "closing" } }));
        Assert.Contains("'closing'", missing.Message);
        Assert.Contains("t, o, h, l, c, v, time", missing.Message);
    }

    [Fact]
    public void Missing_column_error_lists_what_was_looked_for_and_what_exists()
    {
        string path = _dir.Write("noclose.csv", "open_time,open,high,low,volume\n1704067200000,1,2,0.5,1\n");
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path }));
        Assert.Contains("noclose.csv", error.Message);
        Assert.Contains("no close price column", error.Message);
        Assert.Contains("open_time, open, high, low, volume", error.Message);
    }

    [Theory]
    [InlineData(2, "1704070800000,101,102.5,100,101.5,11", "1704070800000,101,102.5,100,101.5,11", "line 4", "open_time", "duplicate open time")]
    [InlineData(2, "1704070800000,101,102.5,100,101.5,11", "1704067200000,101,102.5,100,101.5,11", "line 4", "open_time", "strictly increasing")]
    [InlineData(1, "1704070800000,NaN,102.5,100,101.5,11", null, "line 3", "open", "not a finite positive")]
    [InlineData(1, "1704070800000,-101,102.5,100,101.5,11", null, "line 3", "open", "not a finite positive")]
    [InlineData(1, "1704070800000,101,102.5,0,101.5,11", null, "line 3", "low", "not a finite positive")]
    [InlineData(1, "1704070800000,101,102.5,101.2,101.5,11", null, "line 3", "low", "low 101.2 is above open 101")]
    [InlineData(1, "1704070800000,101,101.4,100,101.5,11", null, "line 3", "high", "high 101.4 is below close 101.5")]
    [InlineData(1, "1704070800000,101,102.5,100,101.5,-1", null, "line 3", "volume", "volume -1")]
    [InlineData(1, "1704070800000,101,102.5,100,,11", null, "line 3", "close", "missing")]
    [InlineData(1, "1704070800000,101,102.5,100,abc,11", null, "line 3", "close", "'abc' is not a number")]
    public void Bad_bars_are_rejected_naming_file_line_and_column(int goodRowsAfterHeader, string bad, string? bad2, string line, string column, string problem)
    {
        var text = new System.Text.StringBuilder("open_time,open,high,low,close,volume\n");
        text.AppendLine("1704067200000,100,101.5,99,100.5,10");
        if (goodRowsAfterHeader == 2)
        {
            text.AppendLine("1704070800000,101,102.5,100,101.5,11");
            text.AppendLine(bad2 ?? bad);
        }
        else
        {
            text.AppendLine(bad);
        }

        string path = _dir.Write("bad.csv", text.ToString());
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "T" }));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.Row);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message);
        Assert.Contains($"{path}, {line}, column '{column}'", error.Message);
    }

    [Fact]
    public void Bars_off_the_interval_grid_are_rejected()
    {
        string text = "open_time,open,high,low,close,volume\n1704067200000,1,2,0.5,1.5,1\n1704070800000,1,2,0.5,1.5,1\n1704072600000,1,2,0.5,1.5,1\n";
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = _dir.Write("grid.csv", text), Symbol = "T", BarIntervalMs = Hour }));
        Assert.Equal("line 4", error.Row);
        Assert.Contains("30m after the previous bar", error.Message);
    }

    [Fact]
    public void Gaps_are_reported_with_count_largest_and_place_but_not_filled()
    {
        // Bars 3 and 10..12 missing out of 0..19.
        string path = _dir.Write("ETHUSDT-1h.csv", Klines(20, skip: i => i == 3 || (i >= 10 && i <= 12)));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = path });
        Assert.Equal(16, loaded.Data.Count);
        var report = loaded.Report;
        Assert.Equal(2, report.GapCount);
        Assert.Equal(4, report.MissingBarCount);
        Assert.Equal(new DataGap(Start + (2 * Hour), Start + (4 * Hour), 1), report.Gaps[0]);
        Assert.Equal(new DataGap(Start + (9 * Hour), Start + (13 * Hour), 3), report.LargestGap);
    }

    [Fact]
    public void Mark_bars_missing_at_the_start_fall_back_to_last_price_and_the_span_is_reported()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(10));
        string mark = _dir.Write("BTCUSDT-1h-mark.csv", MarkKlines(10, from: 3, to: 9));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark });
        var data = loaded.Data;
        Assert.True(data.HasMarkPrice);
        Assert.Equal(10, data.Count);
        Assert.Equal(data.Open.Span[0], data.MarkOpen.Span[0]);
        Assert.Equal(data.Low.Span[2], data.MarkLow.Span[2]);
        Assert.Equal(103.25, data.MarkOpen.Span[3]);
        Assert.Equal(100 + 9, data.MarkOpen.Span[9]);
        var report = loaded.Report;
        Assert.Equal(4, report.MarkFallbackBarCount);
        Assert.Equal(new[] { new BarSpan(Start, Start + (3 * Hour), 3), new BarSpan(Start + (9 * Hour), Start + (10 * Hour), 1) }, report.MarkFallbackSpans);
        Assert.Equal(2, loaded.Files.Count);
    }

    [Fact]
    public void Missing_mark_policy_fail_names_the_first_bar_without_mark()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(10));
        string mark = _dir.Write("BTCUSDT-1h-mark.csv", MarkKlines(10, from: 3, to: 9));
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark, MarkPriceFallback = MissingMarkPolicy.Fail }));
        Assert.Equal(prices, error.FilePath);
        Assert.Equal("line 1", error.Row);
        Assert.Contains("4 of 10 price bars", error.Message);
    }

    [Fact]
    public void Start_where_mark_starts_trims_both_ends_and_rejects_holes_inside()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(10));
        string mark = _dir.Write("BTCUSDT-1h-mark.csv", MarkKlines(10, from: 3, to: 9));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark, MarkPriceFallback = MissingMarkPolicy.StartWhereMarkStarts });
        Assert.Equal(6, loaded.Data.Count);
        Assert.Equal(Start + (3 * Hour), loaded.Data.OpenTimeMs.Span[0]);
        Assert.Equal(4, loaded.Report.BarsTrimmedToMark);
        Assert.Equal(0, loaded.Report.MarkFallbackBarCount);

        string holed = _dir.Write("BTCUSDT-1h-mark2.csv", MarkKlines(10, from: 3, to: 9, skip: 5));
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = holed, MarkPriceFallback = MissingMarkPolicy.StartWhereMarkStarts }));
        Assert.Equal("line 6", error.Row);
    }

    [Fact]
    public void Mark_series_of_another_interval_or_symbol_is_rejected()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(10));
        string fourHour = _dir.Write("BTCUSDT-4h-mark.csv", Klines(3, interval: 4 * Hour));
        var interval = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = fourHour }));
        Assert.Contains("4h apart", interval.Message);
        Assert.Contains("same interval", interval.Message);

        string eth = _dir.Write("ETHUSDT-1h-mark.csv", MarkKlines(10, 0, 10));
        var symbol = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = eth }));
        Assert.Contains("ETHUSDT", symbol.Message);
        Assert.Contains("BTCUSDT", symbol.Message);
    }

    [Fact]
    public void Funding_is_matched_to_bars_despite_millisecond_jitter_and_intervals_come_from_the_data()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(48));

        // 8h spacing, then 4h from hour 24; stamped with jitter (+3 ms, −2 ms).
        var events = new List<(long, double)>
        {
            (Start - (8 * Hour), 0.0001), // before the data: dropped
            (Start + 3, 0.0001),
            (Start + (8 * Hour) - 2, -0.0002),
            (Start + (16 * Hour), 0.0003),
            (Start + (24 * Hour) + 10, 0.0001),
            (Start + (28 * Hour), 0.0001),
            (Start + (32 * Hour), 0.0001),
            (Start + (36 * Hour), 0.0001),
            (Start + (40 * Hour) + 24, 0.0001),
            (Start + (44 * Hour), 0.0001),
            (Start + (48 * Hour), 0.0001), // after the last bar opens: dropped
        };
        string funding = _dir.Write("BTCUSDT-funding.csv", Funding(events));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, FundingPath = funding });
        var data = loaded.Data;
        Assert.Equal(9, data.Funding.Count);
        Assert.Equal(new[] { 0, 8, 16, 24, 28, 32, 36, 40, 44 }, data.FundingBarIndex.ToArray());
        Assert.Equal(-0.0002, data.Funding.Rate.Span[1]);
        var report = loaded.Report;
        Assert.Equal(2, report.FundingEventsOutsideBars);
        Assert.Equal(4, report.FundingEventsWithJitter);
        Assert.Equal(
            new[] { new FundingIntervalSpan(8 * Hour, Start + 3, Start + (24 * Hour) + 10, 3), new FundingIntervalSpan(4 * Hour, Start + (24 * Hour) + 10, Start + (44 * Hour), 5) },
            report.FundingIntervals);
        Assert.Equal(new[] { 4 * Hour, 8 * Hour }, report.DistinctFundingIntervalsMs);
    }

    [Theory]
    [InlineData("1.5", "funding rate 1.5")]
    [InlineData("-1", "funding rate -1")]
    [InlineData("NaN", "funding rate NaN")]
    public void Funding_rates_outside_minus_one_to_one_are_rejected(string rate, string problem)
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(24));
        string funding = _dir.Write("BTCUSDT-funding.csv", $"calc_time,funding_interval_hours,last_funding_rate\n{Start},8,0.0001\n{Start + (8 * Hour)},8,{rate}\n");
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, FundingPath = funding }));
        Assert.Equal("line 3", error.Row);
        Assert.Equal("last_funding_rate", error.Column);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Duplicate_funding_times_are_rejected()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(24));
        string funding = _dir.Write("BTCUSDT-funding.csv", Funding([(Start, 0.0001), (Start, 0.0001)]));
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, FundingPath = funding }));
        Assert.Equal("line 3", error.Row);
        Assert.Contains("duplicate funding time", error.Message);
    }

    [Fact]
    public void Multi_symbol_files_need_a_symbol_and_are_filtered_by_it()
    {
        string text = "symbol,open_time,open,high,low,close,volume\n"
            + $"AAAUSDT,{Start},1,2,0.5,1.5,1\nBBBUSDT,{Start},10,20,5,15,1\nAAAUSDT,{Start + Hour},1.5,2,1,1.8,2\nBBBUSDT,{Start + Hour},15,20,10,18,2\n";
        string path = _dir.Write("many.csv", text);
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path }));
        Assert.Contains("several symbols (AAAUSDT, BBBUSDT)", error.Message);
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "bbbusdt" });
        Assert.Equal(new[] { 15.0, 18 }, loaded.Data.Close.ToArray());
        Assert.Equal("bbbusdt", loaded.Data.Symbol);
        Assert.Equal(2, loaded.Files[0].RowCount);
        var unknown = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "CCC" }));
        Assert.Contains("no row has symbol 'CCC'", unknown.Message);
    }

    [Fact]
    public void Bad_row_of_a_filtered_file_is_named_by_its_line_in_the_file()
    {
        string text = "symbol,open_time,open,high,low,close,volume\n"
            + $"AAAUSDT,{Start},1,2,0.5,1.5,1\nBBBUSDT,{Start},10,20,5,15,1\nAAAUSDT,{Start + Hour},1.5,2,1,1.8,2\nBBBUSDT,{Start + Hour},15,20,10,25,2\n";
        string path = _dir.Write("many.csv", text);
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = "BBBUSDT" }));
        Assert.Equal("line 5", error.Row);
        Assert.Equal("high", error.Column);
    }

    [Fact]
    public void Time_range_keeps_bars_from_inclusive_to_exclusive_and_their_funding()
    {
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(48));
        string funding = _dir.Write("BTCUSDT-funding.csv", Funding([(Start, 0.0001), (Start + (8 * Hour), 0.0002), (Start + (16 * Hour) - 1, 0.0003), (Start + (24 * Hour), 0.0004)]));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, FundingPath = funding, FromMs = Start + (8 * Hour), ToMs = Start + (16 * Hour) });
        Assert.Equal(8, loaded.Data.Count);
        Assert.Equal(Start + (8 * Hour), loaded.Data.OpenTimeMs.Span[0]);

        // The event stamped 1 ms before 16:00 settles at the 16:00 bar, which is outside the range.
        Assert.Equal(new[] { 0.0002 }, loaded.Data.Funding.Rate.ToArray());
        Assert.Equal(new[] { 0 }, loaded.Data.FundingBarIndex.ToArray());
    }

    [Fact]
    public void Resampling_keeps_the_mark_fallback_report_in_coarse_bars()
    {
        // Mark bars from hour 5 on; 4h buckets 00–04 (all fallback) and 04–08 (hour 4 falls back) count as fallback bars.
        string prices = _dir.Write("BTCUSDT-1h.csv", Klines(12));
        string mark = _dir.Write("BTCUSDT-1h-mark.csv", MarkKlines(12, from: 5, to: 12));
        var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = prices, MarkPath = mark, ResampleIntervalMs = 4 * Hour });
        Assert.Equal(3, loaded.Data.Count);
        Assert.Equal(2, loaded.Report.MarkFallbackBarCount);
        Assert.Equal(new BarSpan(Start, Start + (8 * Hour), 2), Assert.Single(loaded.Report.MarkFallbackSpans));
        Assert.Equal(Hour, loaded.Report.ResampledFromIntervalMs);

        // Bucket 04–08: mark open is the last-price open of hour 4 (fallback), mark close the mark close of hour 7.
        Assert.Equal(104, loaded.Data.MarkOpen.Span[1]);
        Assert.Equal(107.5, loaded.Data.MarkClose.Span[1]);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = _dir.File("nope.parquet") }));
        Assert.Contains("nope.parquet", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Unknown_headerless_layout_asks_for_a_header()
    {
        string path = _dir.Write("odd.csv", "1704067200000,1,2,0.5\n");
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = path }));
        Assert.Contains("add a header row", error.Message);
    }

    /// <summary>Mark klines for bars from..to−1 (others absent): open = 100.25 + i, high = open + 1, low = open − 1, close = open + 0.25.</summary>
    private static string MarkKlines(int count, int from, int to, int skip = -1)
    {
        var text = new System.Text.StringBuilder();
        for (int i = from; i < Math.Min(to, count); i++)
        {
            if (i == skip)
            {
                continue;
            }

            double open = 100.25 + i;
            text.AppendLine(Kline(Start + (i * Hour), i == 9 ? 109 : open, open + 1, open - 1, open + 0.25, 0));
        }

        return text.ToString();
    }
}
