using System.Globalization;
using System.Text;

using LevBacktest.Core.Data;

using static LevBacktest.Cli.Tests.DataCommandTestSupport;

namespace LevBacktest.Cli.Tests;

public sealed class DataImportBinanceCommandTests
{
    private const long Hour = 3_600_000;
    private const long January = 1_704_067_200_000; // 2024-01-01T00:00:00Z

    /// <summary>Binance kline rows for hours [from, to): open = 40,000 + 10·h, high = open + 25.5, low = open − 12.25, close = open + 3.1, volume = 1.5·h + 0.001.</summary>
    private static string Klines(int from, int to, bool header, bool mark = false)
    {
        var text = new StringBuilder();
        if (header)
        {
            text.Append("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
        }

        for (int h = from; h < to; h++)
        {
            double open = 40_000 + (10 * h) + (mark ? 0.5 : 0);
            double volume = mark ? 0 : (1.5 * h) + 0.001;
            long time = January + (h * Hour);
            text.Append(CultureInfo.InvariantCulture, $"{time},{open},{open + 25.5},{open - 12.25},{open + 3.1},{volume},{time + Hour - 1},0,0,0,0,0\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Zipped_and_plain_monthly_files_with_overlap_round_trip_to_parquet()
    {
        string folder = NewScratchFolder();
        string a = WriteZip(folder, "BTCUSDT-1h-2024-01.zip", "BTCUSDT-1h-2024-01.csv", Klines(0, 30, header: false));
        string b = WriteText(folder, "BTCUSDT-1h-2024-01-02.csv", Klines(24, 48, header: true)); // hours 24..29 repeat identically
        string m = WriteZip(folder, "BTCUSDT-1h-mark.zip", "BTCUSDT-1h-mark.csv", Klines(10, 48, header: true, mark: true));
        string f = WriteText(
            folder,
            "BTCUSDT-fundingRate-2024-01.csv",
            $"calc_time,funding_interval_hours,last_funding_rate\n{January},8,0.0001\n{January + (8 * Hour) + 3},8,-0.00012345\n{January + (16 * Hour)},8,0.003\n");
        string output = Path.Combine(folder, "out");

        var (code, stdout, error) = Levbt("data", "import-binance", "--klines", b, a, "--mark", m, "--funding", f, "--out", output);
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        Assert.Contains("prices.parquet: 48 rows, 2024-01-01 00:00Z → 2024-01-02 23:00Z", stdout);
        Assert.Contains("mark.parquet: 38 rows", stdout);
        Assert.Contains("funding.parquet: 3 rows", stdout);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));

        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = Path.Combine(output, "prices.parquet"),
            MarkPath = Path.Combine(output, "mark.parquet"),
            FundingPath = Path.Combine(output, "funding.parquet"),
        });
        var data = loaded.Data;
        Assert.Equal("BTCUSDT", data.Symbol);
        Assert.Equal(48, data.Count);
        for (int h = 0; h < 48; h++)
        {
            double open = 40_000 + (10 * h);
            Assert.Equal(January + (h * Hour), data.OpenTimeMs.Span[h]);
            Assert.Equal(open, data.Open.Span[h]);
            Assert.Equal(open + 25.5, data.High.Span[h]);
            Assert.Equal(open - 12.25, data.Low.Span[h]);
            Assert.Equal(open + 3.1, data.Close.Span[h]);
            Assert.Equal((1.5 * h) + 0.001, data.Volume.Span[h]);
            Assert.Equal(h >= 10 ? open + 0.5 : open, data.MarkOpen.Span[h]);
        }

        Assert.Equal(10, loaded.Report.MarkFallbackBarCount);
        Assert.Equal(new[] { 0.0001, -0.00012345, 0.003 }, data.Funding.Rate.ToArray());
        Assert.Equal(January + (8 * Hour) + 3, data.Funding.TimeMs.Span[1]);
        Assert.Equal(new[] { 0, 8, 16 }, data.FundingBarIndex.ToArray());
    }

    [Fact]
    public void Freqtrade_style_tables_are_imported()
    {
        string folder = NewScratchFolder();
        string prices = WriteText(folder, "ETHUSDT-4h-futures.csv", "date,open,high,low,close,volume\n2024-01-01 00:00:00+00:00,2000,2010,1990,2005,12.5\n2024-01-01 04:00:00+00:00,2005,2020,2001,2019,7.25\n2024-01-01 08:00:00+00:00,2019,2030,2015,2021,3\n");
        string funding = WriteText(folder, "ETHUSDT-8h-funding_rate.csv", "date,open,high,low,close,volume\n2024-01-01 00:00:00+00:00,0.0001,0,0,0,0\n2024-01-01 08:00:00+00:00,0.00025,0,0,0,0\n");
        string output = Path.Combine(folder, "out");
        var (code, _, error) = Levbt("data", "import-binance", "--klines", prices, "--funding", funding, "--out", output);
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        var data = MarketDataLoader.Load(new MarketDataRequest { PricesPath = Path.Combine(output, "prices.parquet"), FundingPath = Path.Combine(output, "funding.parquet") }).Data;
        Assert.Equal("ETHUSDT", data.Symbol);
        Assert.Equal(4 * Hour, data.BarIntervalMs);
        Assert.Equal(new[] { 2005.0, 2019, 2021 }, data.Close.ToArray());
        Assert.Equal(new[] { 0.0001, 0.00025 }, data.Funding.Rate.ToArray());
    }

    [Fact]
    public void Overlapping_files_that_disagree_are_rejected_naming_both_and_nothing_is_written()
    {
        string folder = NewScratchFolder();
        string a = WriteText(folder, "BTCUSDT-1h-a.csv", Klines(0, 5, header: false));
        string b = WriteText(folder, "BTCUSDT-1h-b.csv", Klines(4, 8, header: false).Replace("40040,", "40041,"));
        string output = Path.Combine(folder, "out");
        var (code, _, error) = Levbt("data", "import-binance", "--klines", a, b, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("levbt: error:", error);
        Assert.Contains("BTCUSDT-1h-a.csv", error);
        Assert.Contains("BTCUSDT-1h-b.csv, line 1", error);
        Assert.Contains("different prices or volume", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Bad_row_in_a_zipped_file_names_the_entry_and_line()
    {
        string folder = NewScratchFolder();
        string zip = WriteZip(folder, "BTCUSDT-1h-2024-02.zip", "BTCUSDT-1h-2024-02.csv", Klines(0, 3, header: true).Replace("40010,", "-40010,"));
        var (code, _, error) = Levbt("data", "import-binance", "--klines", zip, "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, code);
        Assert.Contains("BTCUSDT-1h-2024-02.zip!BTCUSDT-1h-2024-02.csv, line 3, column 'open'", error);
    }

    [Fact]
    public void Nothing_to_import_is_an_error()
    {
        var (code, _, error) = Levbt("data", "import-binance", "--out", NewScratchFolder());
        Assert.Equal(2, code);
        Assert.Contains("nothing to import", error);
    }
}
