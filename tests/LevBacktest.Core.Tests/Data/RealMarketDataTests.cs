using LevBacktest.Core.Data;

using static LevBacktest.Core.Tests.Data.SharedData;

namespace LevBacktest.Core.Tests.Data;

/// <summary>
/// The loader against the real Binance files (DuckDB-written) and the pyarrow-written funding-venue
/// files. Expected values are the facts in shared/data/README.md, or were computed independently
/// with DuckDB SQL over the same files (stated next to each).
/// </summary>
public sealed class RealMarketDataTests
{
    private const long Hour = 3_600_000;

    private static readonly Lazy<LoadedMarketData> BtcWithMarkAndFunding = new(() => MarketDataLoader.Load(new MarketDataRequest
    {
        PricesPath = BinanceUm("BTCUSDT-1h.parquet"),
        MarkPath = BinanceUm("BTCUSDT-1h-mark.parquet"),
        FundingPath = BinanceUm("BTCUSDT-funding.parquet"),
    }));

    [SharedDataFact]
    public void Btc_prices_have_the_documented_rows_span_and_extremes()
    {
        var loaded = BtcWithMarkAndFunding.Value;
        var data = loaded.Data;
        Assert.Equal("BTCUSDT", data.Symbol);
        Assert.Equal(Hour, data.BarIntervalMs);
        Assert.Equal(58_623, data.Count);
        Assert.Equal(Utc(2019, 9, 8, 17), data.OpenTimeMs.Span[0]);
        Assert.Equal(Utc(2026, 5, 17, 7), data.OpenTimeMs.Span[^1]);
        Assert.Empty(loaded.Report.Gaps);

        int crash = data.IndexOf(Utc(2020, 3, 13, 2));
        Assert.Equal(3_621.81, data.Low.Span[crash]);
        Assert.Equal(3_621.81, Min(data.Low.Span[..data.IndexOf(Utc(2021, 1, 1))]));
        int top = data.IndexOf(Utc(2025, 10, 6, 0));
        Assert.Equal(126_208.5, Max(data.High.Span[top..(top + 24)]));
        Assert.Equal(126_208.5, Max(data.High.Span));

        // First bars: flat launch bars at 10,000; DuckDB: 3 bars with zero volume, the first at 2019-09-08 18:00.
        Assert.Equal(10_000, data.Open.Span[0]);
        Assert.Equal(0, data.Volume.Span[1]);
        Assert.Contains(loaded.Report.Warnings, w => w.Contains("3 bar(s) have zero volume, the first at 2019-09-08 18:00:00Z (row 1)", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void Btc_mark_starts_2019_12_23_11h_and_earlier_bars_fall_back_to_last_price()
    {
        var loaded = BtcWithMarkAndFunding.Value;
        var report = loaded.Report;

        // 58,623 price bars − 56,084 mark bars (every mark bar has a price bar: DuckDB anti-join = 0).
        Assert.Equal(58_623 - 56_084, report.MarkFallbackBarCount);
        Assert.Equal(0, report.MarkBarsWithoutPriceBar);
        Assert.Equal(2, report.MarkFallbackSpans.Count);
        Assert.Equal(new BarSpan(Utc(2019, 9, 8, 17), Utc(2019, 12, 23, 11), 2_538), report.MarkFallbackSpans[0]);
        Assert.Equal(new BarSpan(Utc(2026, 5, 17, 7), Utc(2026, 5, 17, 8), 1), report.MarkFallbackSpans[1]);

        var data = loaded.Data;
        int first = data.IndexOf(Utc(2019, 12, 23, 11));
        Assert.NotEqual(data.Open.Span[first], data.MarkOpen.Span[first]);
        Assert.Equal(data.Open.Span[first - 1], data.MarkOpen.Span[first - 1]);

        // 2020-03-12 10:00: the last-price low (5,199.17) overshoots the mark-price low (5,620.86) by 7.5 %.
        int crash = data.IndexOf(Utc(2020, 3, 12, 10));
        Assert.Equal(5_199.17, data.Low.Span[crash]);
        Assert.Equal(0.925, data.Low.Span[crash] / data.MarkLow.Span[crash], 3);

        Assert.Equal(3, loaded.Files.Count);
        Assert.Equal(new[] { 58_623L, 56_084, 7_323 }, loaded.Files.Select(f => f.RowCount));
        Assert.Equal(Utc(2019, 12, 23, 11), loaded.Files[1].FirstTimeMs);
        Assert.Equal(Utc(2026, 5, 17, 6), loaded.Files[1].LastTimeMs);
    }

    [SharedDataFact]
    public void Btc_funding_is_every_8h_without_gaps_and_each_event_settles_at_its_hour()
    {
        var loaded = BtcWithMarkAndFunding.Value;
        var data = loaded.Data;
        Assert.Equal(7_323, data.Funding.Count);
        Assert.Equal(Utc(2019, 9, 10, 8), data.Funding.TimeMs.Span[0]);
        Assert.Equal(Utc(2026, 5, 17, 0), data.Funding.TimeMs.Span[^1]);
        var span = Assert.Single(loaded.Report.FundingIntervals);
        Assert.Equal(new FundingIntervalSpan(8 * Hour, Utc(2019, 9, 10, 8), Utc(2026, 5, 17, 0), 7_322), span);
        Assert.Equal(0, loaded.Report.FundingEventsWithJitter);
        var index = data.FundingBarIndex.Span;
        for (int i = 0; i < data.Funding.Count; i++)
        {
            Assert.Equal(data.Funding.TimeMs.Span[i], data.OpenTimeMs.Span[index[i]]);
        }

        Assert.Equal(0.003, Max(data.Funding.Rate.Span));
        Assert.Equal(-0.003, Min(data.Funding.Rate.Span));
    }

    [SharedDataFact]
    public void Start_where_mark_starts_runs_over_the_mark_span_only()
    {
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("BTCUSDT-1h.parquet"),
            MarkPath = BinanceUm("BTCUSDT-1h-mark.parquet"),
            MarkPriceFallback = MissingMarkPolicy.StartWhereMarkStarts,
        });
        Assert.Equal(56_084, loaded.Data.Count);
        Assert.Equal(Utc(2019, 12, 23, 11), loaded.Data.OpenTimeMs.Span[0]);
        Assert.Equal(Utc(2026, 5, 17, 6), loaded.Data.OpenTimeMs.Span[^1]);
        Assert.Equal(58_623 - 56_084, loaded.Report.BarsTrimmedToMark);
        Assert.Equal(0, loaded.Report.MarkFallbackBarCount);
    }

    [SharedDataFact]
    public void Eth_files_have_the_documented_rows_and_the_fail_policy_names_the_first_bar_without_mark()
    {
        var request = new MarketDataRequest
        {
            PricesPath = BinanceUm("ETHUSDT-1h.parquet"),
            MarkPath = BinanceUm("ETHUSDT-1h-mark.parquet"),
            FundingPath = BinanceUm("ETHUSDT-funding.parquet"),
        };
        var loaded = MarketDataLoader.Load(request);
        Assert.Equal(56_713, loaded.Data.Count);
        Assert.Equal(Utc(2019, 11, 27, 7), loaded.Data.OpenTimeMs.Span[0]);
        Assert.Equal(7_089, loaded.Data.Funding.Count);
        Assert.Equal(0.00375, Max(loaded.Data.Funding.Rate.Span));
        Assert.Equal(-0.00356332, Min(loaded.Data.Funding.Rate.Span)); // DuckDB min(funding_rate)

        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(request with { MarkPriceFallback = MissingMarkPolicy.Fail }));
        Assert.Equal(BinanceUm("ETHUSDT-1h.parquet"), error.FilePath);
        Assert.Equal("row 0", error.Row);
        Assert.Equal("open_time_ms", error.Column);
        Assert.Contains("2019-11-27 07:00:00Z", error.Message);
    }

    [SharedDataFact]
    public void Mark_file_of_another_symbol_is_rejected()
    {
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("BTCUSDT-1h.parquet"),
            MarkPath = BinanceUm("ETHUSDT-1h-mark.parquet"),
        }));
        Assert.Contains("ETHUSDT", error.Message);
        Assert.Contains("same symbol", error.Message);
    }

    [SharedDataFact]
    public void Open_time_ms_is_preferred_over_open_time_and_both_give_the_same_instants()
    {
        var byDefault = MarketDataLoader.Load(new MarketDataRequest { PricesPath = BinanceUm("ETHUSDT-1h.parquet") }).Data;
        var byTimestamp = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("ETHUSDT-1h.parquet"),
            PriceColumns = new ColumnMapping { Time = "open_time" },
        }).Data;
        Assert.Equal(byDefault.OpenTimeMs.ToArray(), byTimestamp.OpenTimeMs.ToArray());

        // An explicit unit that puts the times outside 1970–2100 is refused rather than trusted.
        var unitError = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("ETHUSDT-1h.parquet"),
            TimeUnit = EpochTimeUnit.Seconds,
        }));
        Assert.Contains("open_time_ms", unitError.Message);
        Assert.Contains("as s", unitError.Message);
    }

    [SharedDataFact]
    public void Daily_resample_of_2020_03_13_matches_duckdb_aggregation()
    {
        // DuckDB over BTCUSDT-1h.parquet, 24 bars of 2020-03-13: open 4,762.28, high 5,971, low 3,621.81,
        // close 5,570.26, volume 935,489.242.
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("BTCUSDT-1h.parquet"),
            ResampleIntervalMs = 24 * Hour,
        });
        var data = loaded.Data;
        Assert.Equal(24 * Hour, data.BarIntervalMs);
        Assert.Equal(Utc(2019, 9, 9), data.OpenTimeMs.Span[0]); // the partial first day (from 17:00) is dropped
        int day = data.IndexOf(Utc(2020, 3, 13));
        Assert.Equal(4_762.28, data.Open.Span[day]);
        Assert.Equal(5_971, data.High.Span[day]);
        Assert.Equal(3_621.81, data.Low.Span[day]);
        Assert.Equal(5_570.26, data.Close.Span[day]);
        Assert.Equal(935_489.242, data.Volume.Span[day], 6);
        Assert.Equal(Hour, loaded.Report.ResampledFromIntervalMs);
        Assert.Equal(2, loaded.Report.DroppedEdgeBuckets); // first day from 17:00, last day up to 07:00
    }

    [SharedDataFact]
    public void Four_hour_resample_with_time_range_matches_duckdb_aggregation()
    {
        // DuckDB: ETHUSDT 2022-11-08 00:00–04:00: open 1,567.52, high 1,576.34, low 1,501.77, close 1,506.37, volume 1,602,771.512.
        var data = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("ETHUSDT-1h.parquet"),
            FromMs = Utc(2022, 11, 7),
            ToMs = Utc(2022, 11, 10),
            ResampleIntervalMs = 4 * Hour,
        }).Data;
        Assert.Equal(18, data.Count);
        int bar = data.IndexOf(Utc(2022, 11, 8));
        Assert.Equal(new[] { 1_567.52, 1_576.34, 1_501.77, 1_506.37 }, new[] { data.Open.Span[bar], data.High.Span[bar], data.Low.Span[bar], data.Close.Span[bar] });
        Assert.Equal(1_602_771.512, data.Volume.Span[bar], 6);
    }

    [SharedDataFact]
    public void Pyarrow_funding_venue_file_is_filtered_by_symbol_and_jittered_times_settle_at_the_hour()
    {
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("BTCUSDT-1h.parquet"),
            FundingPath = FundingVenues("binance.parquet"),
        });

        // DuckDB: 1,095 BTCUSDT rows from 2025-08-21 08:00 to 2026-08-21 00:00:00.004; 807 settle at or before
        // the last price bar (2026-05-17 07:00); 594 of the 1,095 carry millisecond jitter.
        var funding = loaded.Data.Funding;
        Assert.Equal(807, funding.Count);
        Assert.Equal(1_095 - 807, loaded.Report.FundingEventsOutsideBars);
        Assert.Equal(1_095, loaded.Files[1].RowCount);
        Assert.True(funding.HasMarkPrice);
        Assert.Equal(Utc(2025, 8, 21, 16) + 3, funding.TimeMs.Span[1]);
        Assert.Equal(0.00007414, funding.Rate.Span[1]);
        Assert.Equal(112_748.9, funding.MarkPrice.Span[1]);
        int bar = loaded.Data.FundingBarIndex.Span[1];
        Assert.Equal(Utc(2025, 8, 21, 16), loaded.Data.OpenTimeMs.Span[bar]);
        Assert.Equal(new[] { 8 * Hour }, loaded.Report.DistinctFundingIntervalsMs);
    }

    [SharedDataFact]
    public void Unknown_symbol_in_a_multi_symbol_funding_file_is_named()
    {
        var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = BinanceUm("BTCUSDT-1h.parquet"),
            FundingPath = FundingVenues("bybit.parquet"),
            Symbol = "NOSUCHUSDT",
        }));
        Assert.Contains("bybit.parquet", error.Message);
        Assert.Contains("no row has symbol 'NOSUCHUSDT'", error.Message);
    }

    [SharedDataFact]
    public void Bybit_injusdt_funding_interval_changes_8h_1h_6h_8h_are_read_from_the_data()
    {
        // Flat hourly bars covering the funding file's span, so that every settlement has a bar.
        using var dir = new TempDirectory();
        var text = new System.Text.StringBuilder("open_time,open,high,low,close,volume\n");
        for (long t = Utc(2025, 8, 21); t <= Utc(2026, 8, 22); t += Hour)
        {
            text.Append(t).Append(",10,10,10,10,1\n");
        }

        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = dir.Write("INJUSDT-1h.csv", text.ToString()),
            FundingPath = FundingVenues("bybit.parquet"),
        });

        // DuckDB over bybit.parquet, venue_symbol = 'INJUSDT': 1,244 settlements; spacings rounded to the
        // minute: 8h × 1,072, 1h × 170 (2026-02-19 17:00 … 2026-02-26 18:00), 6h × 1 (to 2026-02-27 00:00).
        var report = loaded.Report;
        Assert.Equal(1_244, report.FundingEventCount);
        Assert.Equal(new[] { 8 * Hour, Hour, 6 * Hour }, report.DistinctFundingIntervalsMs);
        Assert.Equal(4, report.FundingIntervals.Count);
        Assert.Equal(new FundingIntervalSpan(Hour, Utc(2026, 2, 19, 16), Utc(2026, 2, 26, 18), 170), report.FundingIntervals[1]);
        Assert.Equal(new FundingIntervalSpan(6 * Hour, Utc(2026, 2, 26, 18), Utc(2026, 2, 27, 0), 1), report.FundingIntervals[2]);
        Assert.Equal(1_072, report.FundingIntervals[0].IntervalCount + report.FundingIntervals[3].IntervalCount);

        // Bybit's mark_price column is all-null INT32 with logical type NULL: treated as absent.
        Assert.False(loaded.Data.Funding.HasMarkPrice);
    }

    private static double Min(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity;
        foreach (double value in values)
        {
            min = Math.Min(min, value);
        }

        return min;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }
}
