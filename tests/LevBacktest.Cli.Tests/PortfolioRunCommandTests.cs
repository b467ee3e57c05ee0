using System.Text.Json;
using System.Text.Json.Nodes;

using LevBacktest.Parquet;
using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary><c>levbt run</c>, <c>report</c> and <c>regress</c> on portfolio specs, end to end through the built command.</summary>
public sealed class PortfolioRunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-portfolio").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] Strings(ParquetFileReader reader, string column)
        => reader.ReadColumn(column).Binaries!.Select(b => System.Text.Encoding.UTF8.GetString(b)).ToArray();

    [Fact]
    public void The_sample_portfolio_writes_a_complete_folder_whose_contributions_add_up_and_report_and_regress_read_it()
    {
        string output = Path.Combine(_folder, "cross");
        var result = Levbt(_folder, "run", Example("portfolio-cross"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("running 7 runs of a cross-margin portfolio of 2 instruments (SYNBTCUSDT, SYNALTUSDT)", result.Error, StringComparison.Ordinal);
        Assert.Contains("net funding paid (USDT)", result.Output, StringComparison.Ordinal);
        Assert.Equal(
            ResultsFolderFiles.FileNames(ChartFormat.Png, varyingAxisCount: 1, portfolio: true).Order(StringComparer.Ordinal),
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("SYNBTCUSDT + SYNALTUSDT", root.GetProperty("data").GetProperty("symbol").GetString());
        Assert.Equal(6, root.GetProperty("data").GetProperty("files").GetArrayLength());
        Assert.Equal("cross", root.GetProperty("portfolio").GetProperty("marginMode").GetString());
        int bars = root.GetProperty("data").GetProperty("barCount").GetInt32();
        Assert.Equal(17_520, bars);
        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(7, runs.Length);
        foreach (var run in runs)
        {
            // The account's final equity is the initial capital plus every instrument's contribution.
            var metrics = run.GetProperty("metrics");
            double initial = metrics.GetProperty("initialCapital").GetDouble();
            double final = metrics.GetProperty("finalEquity").GetDouble();
            var parts = run.GetProperty("instruments").EnumerateArray().ToArray();
            Assert.Equal(["SYNBTCUSDT", "SYNALTUSDT"], parts.Select(p => p.GetProperty("symbol").GetString()));
            Assert.Equal(final, initial + parts.Sum(p => p.GetProperty("profitAndLoss").GetDouble()), 6);
            Assert.Equal(metrics.GetProperty("feesPaid").GetDouble(), parts.Sum(p => p.GetProperty("feesPaid").GetDouble()), 6);
            double netFunding = metrics.GetProperty("fundingPaid").GetDouble() - metrics.GetProperty("fundingReceived").GetDouble();
            Assert.Equal(netFunding, parts.Sum(p => p.GetProperty("fundingPaid").GetDouble()), 6);

            // A cross liquidation takes the whole account: equity 0 and every position taken over.
            if (metrics.GetProperty("liquidationCount").GetDouble() > 0)
            {
                Assert.Equal(0, final);
                Assert.All(parts, p => Assert.Equal(1, p.GetProperty("liquidationCount").GetInt32()));
            }
        }

        // Events carry their instrument; exposure has a row per run, instrument and bar, starting at L/2 of the capital each.
        using (var trades = ParquetFileReader.Open(Path.Combine(output, "trades.parquet")))
        {
            Assert.Equal(["SYNALTUSDT", "SYNBTCUSDT"], Strings(trades, "instrument").Distinct().Order(StringComparer.Ordinal));
        }

        using (var liquidations = ParquetFileReader.Open(Path.Combine(output, "liquidations.parquet")))
        {
            Assert.Equal(2 * runs.Count(r => r.GetProperty("metrics").GetProperty("liquidationCount").GetDouble() > 0), (int)liquidations.RowCount);
        }

        using (var exposure = ParquetFileReader.Open(Path.Combine(output, "exposure.parquet")))
        {
            Assert.Equal(7L * 2 * bars, exposure.RowCount);

            // Encoded like equity.parquet (ExperimentResultsWriter.ExposureOptions): statistics on runIndex only, time as
            // deltas, the doubles split into byte streams, a dictionary only for the instrument's symbol.
            foreach (var group in exposure.Metadata.RowGroups)
            {
                Assert.Equal([true, false, false, false, false, false, false], group.Columns.Select(c => c.Statistics is not null));
                Assert.Contains(LevBacktest.Parquet.Format.ParquetEncoding.RleDictionary, group.Columns[1].Encodings);
                Assert.Contains(LevBacktest.Parquet.Format.ParquetEncoding.DeltaBinaryPacked, group.Columns[2].Encodings);
                Assert.Contains(LevBacktest.Parquet.Format.ParquetEncoding.ByteStreamSplit, group.Columns[3].Encodings);
                Assert.DoesNotContain(LevBacktest.Parquet.Format.ParquetEncoding.RleDictionary, group.Columns[0].Encodings);
            }

            var notional = exposure.ReadDoubleColumn("notional");
            var runIndex = exposure.ReadInt32Column("runIndex");
            double[] leverage = [1, 1.5, 2, 3, 5, 10, 20];
            for (int r = 0; r < 7; r++)
            {
                for (int k = 0; k < 2; k++)
                {
                    int row = ((r * 2) + k) * bars;
                    Assert.Equal(r, runIndex[row]);
                    Assert.Equal(0, notional[row]);
                    Assert.InRange(notional[row + 1] / (leverage[r] / 2 * 10_000), 0.98, 1.02);
                }
            }
        }

        string exposurePng = Path.Combine(output, "exposure.png");
        File.Delete(exposurePng);
        var report = Levbt(_folder, "report", output);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.True(File.Exists(exposurePng));
        Assert.Contains("Contribution by instrument", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);

        var regress = Levbt(_folder, "regress", "--results", output, "--baseline", Path.Combine(RepositoryRoot, "strategies", "examples", "baselines", "portfolio-cross.json"));
        Assert.True(regress.ExitCode == 0, regress.Output + regress.Error);
        var rerun = Levbt(_folder, "regress", Example("portfolio-isolated"), "--baseline", Path.Combine(RepositoryRoot, "strategies", "examples", "baselines", "portfolio-isolated.json"), "--threads", "1");
        Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
    }

    [Fact]
    public void The_files_are_the_same_bytes_whatever_the_thread_count()
    {
        string one = Path.Combine(_folder, "one"), three = Path.Combine(_folder, "three");
        Assert.Equal(0, Levbt(_folder, "run", Example("portfolio-isolated"), "--out", one, "--threads", "1", "--no-charts", "--to", "2023-07-01").ExitCode);
        Assert.Equal(0, Levbt(_folder, "run", Example("portfolio-isolated"), "--out", three, "--threads", "3", "--no-charts", "--to", "2023-07-01").ExitCode);
        foreach (string file in new[] { "runs.parquet", "trades.parquet", "liquidations.parquet", "funding.parquet", "stops.parquet", "equity.parquet", "exposure.parquet" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(one, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(three, file))), file);
        }

        // --to reached both instruments: the clock ends where the window does.
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(one, "summary.json")));
        Assert.Equal("2023-06-30T23:00:00Z", summary.RootElement.GetProperty("data").GetProperty("lastBarOpenTime").GetString());
    }

    [Fact]
    public void Instruments_with_different_bar_intervals_are_refused_naming_both_files()
    {
        var spec = JsonNode.Parse(File.ReadAllText(Example("portfolio-cross")))!.AsObject();
        var second = spec["instruments"]![1]!.AsObject();
        foreach (var file in new[] { "prices", "mark", "funding" })
        {
            second[file] = Path.Combine(RepositoryRoot, "data", "sample-alt", file + ".parquet");
        }

        foreach (var file in new[] { "prices", "mark", "funding" })
        {
            spec["instruments"]![0]![file] = Path.Combine(SampleData, file + ".parquet");
        }

        spec["instruments"]![0]!["tiers"] = Path.Combine(RepositoryRoot, "data", "tiers", "binance-BTCUSDT.json");
        second["tiers"] = Path.Combine(RepositoryRoot, "data", "tiers", "binance-ETHUSDT.json");
        second["resample"] = "4h";
        string path = WriteSpec(_folder, spec);
        var result = Levbt(_folder, "run", path, "--out", Path.Combine(_folder, "never"));
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.ErrorLines, l => l.StartsWith("levbt: error:", StringComparison.Ordinal));
        Assert.Contains("$.instruments[1].prices", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("sample-alt", "prices.parquet"), line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("sample", "prices.parquet"), line, StringComparison.Ordinal);
        Assert.Contains("4h", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")));
    }

    [Theory]
    [InlineData("--prices", "--prices, --mark and --funding")]
    [InlineData("--shard", "--shard is not available for portfolios")]
    public void Single_instrument_options_are_refused_for_a_portfolio(string option, string message)
    {
        var result = Levbt(_folder, "run", Example("portfolio-cross"), option, option == "--shard" ? "0/2" : Path.Combine(SampleData, "prices.parquet"), "--out", Path.Combine(_folder, "x"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Monte_Carlo_refuses_a_portfolio_instead_of_running_its_first_instrument()
    {
        var result = Levbt(_folder, "montecarlo", Example("portfolio-cross"), "--paths", "2", "--out", Path.Combine(_folder, "mc"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("levbt montecarlo runs single-instrument specs only", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "mc")));
    }

    /// <summary>
    /// The March 2020 crash on real Binance data (strategies/examples/real/btc-eth-portfolio-*.json): BTC and ETH fell
    /// together on 2020-03-12, so every liquidation up to 2× falls on 2020-03-12/13; isolated, ETH's position goes
    /// first (at a lower leverage than BTC's) and the account keeps BTC's half; cross, ETH's loss is carried by BTC's
    /// margin a little longer, then the whole account goes at once — between ETH's isolated threshold and BTC's.
    /// </summary>
    [SharedDataFact]
    public void On_real_data_cross_margin_liquidates_the_whole_account_between_the_isolated_thresholds()
    {
        (double Leverage, JsonElement Metrics, JsonElement[] Parts)[] Run(string mode)
        {
            string output = Path.Combine(_folder, mode);
            var result = Levbt(_folder, "run", Path.Combine(RepositoryRoot, "strategies", "examples", "real", $"btc-eth-portfolio-{mode}.json"), "--out", output, "--no-charts");
            Assert.True(result.ExitCode == 0, result.Error);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            return summary.RootElement.GetProperty("runs").EnumerateArray()
                .Select(r => (r.GetProperty("parameters").GetProperty("leverage").GetDouble(), r.GetProperty("metrics").Clone(), r.GetProperty("instruments").EnumerateArray().Select(p => p.Clone()).ToArray()))
                .ToArray();
        }

        static double FirstLiquidated(IEnumerable<(double Leverage, JsonElement Metrics, JsonElement[] Parts)> runs, Func<JsonElement[], bool> liquidated)
            => runs.Where(r => liquidated(r.Parts)).Min(r => r.Leverage);

        static int Count(JsonElement[] parts, string symbol) => parts.Single(p => p.GetProperty("symbol").GetString() == symbol).GetProperty("liquidationCount").GetInt32();

        var cross = Run("cross");
        var isolated = Run("isolated");
        long from = DateTimeOffset.Parse("2020-03-12T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        long to = DateTimeOffset.Parse("2020-03-14T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        foreach (var (leverage, metrics, _) in cross.Concat(isolated))
        {
            // Up to 2× the liquidations are the crash's (from 2.5× the fall of 2020-03-09 already takes some).
            if (leverage <= 2 && metrics.GetProperty("liquidationCount").GetDouble() > 0)
            {
                Assert.InRange(metrics.GetProperty("firstLiquidationTime").GetDouble(), from, to);
            }
        }

        double ethIsolated = FirstLiquidated(isolated, p => Count(p, "ETHUSDT") > 0);
        double btcIsolated = FirstLiquidated(isolated, p => Count(p, "BTCUSDT") > 0);
        double account = FirstLiquidated(cross, p => Count(p, "ETHUSDT") > 0);
        Assert.True(ethIsolated < btcIsolated, $"ETH isolated from {ethIsolated}x, BTC from {btcIsolated}x");
        Assert.InRange(account, ethIsolated, btcIsolated);

        // Cross: every liquidation takes both positions and all the equity. Isolated: where only ETH went, BTC's half is left.
        Assert.All(cross.Where(r => r.Leverage >= account), r => Assert.Equal((0.0, 1, 1), (r.Metrics.GetProperty("finalEquity").GetDouble(), Count(r.Parts, "BTCUSDT"), Count(r.Parts, "ETHUSDT"))));
        Assert.All(isolated.Where(r => r.Leverage >= ethIsolated && r.Leverage < btcIsolated), r => Assert.True(r.Metrics.GetProperty("finalEquity").GetDouble() > 0));
    }
}
