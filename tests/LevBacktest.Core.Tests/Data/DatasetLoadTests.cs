using System.Diagnostics;

using LevBacktest.Core.Data;

namespace LevBacktest.Core.Tests.Data;

/// <summary>
/// Datasets of many files: a Hive-partitioned folder and a glob written by DuckDB load to exactly what the
/// single files load to; files that overlap are an error naming both; a gap between files is reported like a
/// gap inside one.
/// </summary>
public sealed class DatasetLoadTests
{
    private static readonly string Sample = SharedFolder.InRepository("data", "sample");

    /// <summary>The node packages of the Parquet interop tests (DuckDB among them).</summary>
    internal static readonly string InteropFolder = SharedFolder.InRepository("tests", "LevBacktest.Parquet.Tests", "interop");

    [DuckDbFact]
    public void DuckDbPartitionedFolderAndGlob_LoadExactlyAsTheSingleFiles()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-dataset").FullName;
        try
        {
            string prices = Path.Combine(folder, "prices");
            string mark = Path.Combine(folder, "mark");
            string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

            // Prices: Hive partitions symbol=…/month=…/part-0.parquet without the symbol column (it lives in the
            // folder name). Mark: one file per month in month=… folders, read back through a glob. One COPY per
            // month with ORDER BY, because the loader wants each file's rows in time order.
            var statements = new List<string> { "SET TimeZone = 'UTC'" };
            for (var month = new DateTime(2023, 1, 1); month.Year < 2025; month = month.AddMonths(1))
            {
                string name = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                string priceFolder = Directory.CreateDirectory(Path.Combine(prices, "symbol=SYNBTCUSDT", $"month={name}")).FullName;
                string markFolder = Directory.CreateDirectory(Path.Combine(mark, $"month={name}")).FullName;
                string Month(string file) => $"SELECT * EXCLUDE (symbol) FROM read_parquet({Quote(Path.Combine(Sample, file))}) WHERE strftime(open_time, '%Y-%m') = '{name}' ORDER BY open_time";
                statements.Add($"COPY ({Month("prices.parquet")}) TO {Quote(Path.Combine(priceFolder, "part-0.parquet"))} (FORMAT parquet)");
                statements.Add($"COPY ({Month("mark.parquet")}) TO {Quote(Path.Combine(markFolder, $"mark-{name}.parquet"))} (FORMAT parquet)");
            }

            RunDuckDb([.. statements]);
            Assert.True(Directory.GetDirectories(prices, "month=*", SearchOption.AllDirectories).Length == 24, "two years of months");

            var single = MarketDataLoader.Load(new MarketDataRequest
            {
                PricesPath = Path.Combine(Sample, "prices.parquet"),
                MarkPath = Path.Combine(Sample, "mark.parquet"),
                FundingPath = Path.Combine(Sample, "funding.parquet"),
            });
            var dataset = MarketDataLoader.Load(new MarketDataRequest
            {
                PricesPath = prices,
                MarkPath = Path.Combine(mark, "month=*", "*.parquet"),
                FundingPath = Path.Combine(Sample, "funding.parquet"),
            });

            Assert.Equal(single.Data.Symbol, dataset.Data.Symbol);
            Assert.Equal(single.Data.OpenTimeMs.ToArray(), dataset.Data.OpenTimeMs.ToArray());
            Assert.Equal(single.Data.Open.ToArray(), dataset.Data.Open.ToArray());
            Assert.Equal(single.Data.High.ToArray(), dataset.Data.High.ToArray());
            Assert.Equal(single.Data.Low.ToArray(), dataset.Data.Low.ToArray());
            Assert.Equal(single.Data.Close.ToArray(), dataset.Data.Close.ToArray());
            Assert.Equal(single.Data.Volume.ToArray(), dataset.Data.Volume.ToArray());
            Assert.Equal(single.Data.MarkClose.ToArray(), dataset.Data.MarkClose.ToArray());
            Assert.Equal(single.Data.Funding.TimeMs.ToArray(), dataset.Data.Funding.TimeMs.ToArray());
            Assert.Equal(single.Report.Gaps, dataset.Report.Gaps);

            // Every file of the dataset is fingerprinted on its own: 24 price months, 24 mark months, funding.
            Assert.Equal(49, dataset.Files.Count);
            Assert.Equal(single.Data.Count, dataset.Files.Where(f => f.Path.StartsWith(prices, StringComparison.Ordinal)).Sum(f => f.RowCount));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void OverlappingFiles_AreAnErrorNamingBoth()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-overlap").FullName;
        try
        {
            MarketDataFileWriter.WriteBars(Path.Combine(folder, "a.parquet"), Bars(0, 30));
            MarketDataFileWriter.WriteBars(Path.Combine(folder, "b.parquet"), Bars(24, 24));
            var error = Assert.Throws<MarketDataException>(() => MarketDataLoader.Load(new MarketDataRequest { PricesPath = folder }));
            Assert.Contains(Path.Combine(folder, "a.parquet"), error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(folder, "b.parquet"), error.Message, StringComparison.Ordinal);
            Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void GapBetweenFiles_IsReportedLikeAGapInsideOne_AndFileOrderFollowsTime()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-gap").FullName;
        try
        {
            // Named so that name order is not time order: z holds the first day, a the third; the second day is missing.
            MarketDataFileWriter.WriteBars(Path.Combine(folder, "z-day1.parquet"), Bars(0, 24));
            MarketDataFileWriter.WriteBars(Path.Combine(folder, "a-day3.parquet"), Bars(48, 24));
            var loaded = MarketDataLoader.Load(new MarketDataRequest { PricesPath = Path.Combine(folder, "*-day?.parquet") });
            Assert.Equal(48, loaded.Data.Count);
            Assert.Equal(HourMs(0), loaded.Data.OpenTimeMs.Span[0]);
            Assert.Equal(HourMs(71), loaded.Data.OpenTimeMs.Span[47]);
            var gap = Assert.Single(loaded.Report.Gaps);
            Assert.Equal(HourMs(23), gap.AfterOpenTimeMs);
            Assert.Equal(HourMs(48), gap.NextOpenTimeMs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Hourly bars of a gentle ramp from 2024-01-01 (valid OHLC, positive volume).</summary>
    private static BarSeries Bars(int first, int count)
    {
        long[] time = [.. Enumerable.Range(first, count).Select(HourMs)];
        double[] open = [.. Enumerable.Range(first, count).Select(i => 100.0 + i)];
        double[] close = [.. open.Select(o => o + 0.5)];
        double[] high = [.. open.Select(o => o + 1)];
        double[] low = [.. open.Select(o => o - 1)];
        double[] volume = [.. open.Select(_ => 10.0)];
        return new BarSeries("TESTUSDT", time, open, high, low, close, volume);
    }

    /// <summary>Open time of hour <paramref name="hour"/> after 2024-01-01T00:00Z, in UTC ms.</summary>
    private static long HourMs(int hour) => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() + (hour * 3_600_000L);

    private static void RunDuckDb(params string[] statements)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = InteropFolder, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("duckdb-sql.mjs");
        foreach (string statement in statements)
        {
            start.ArgumentList.Add(statement);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "DuckDB did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"DuckDB failed: {error}");
    }
}
