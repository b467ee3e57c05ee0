using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// --symbol and the --…-column options of run, data validate, data cat and data inspect: files whose columns have
/// no common name load once the options name them, as the spec's data.columns would, and every option a loader
/// error suggests exists on all four commands.
/// </summary>
public sealed partial class MarketDataOptionsTests : IDisposable
{
    private static readonly string[] PriceOptions = ["--time-column", "t", "--open-column", "o", "--high-column", "h", "--low-column", "l", "--close-column", "c", "--volume-column", "v"];
    private static readonly string[] FundingOptions = ["--funding-time-column", "settled", "--rate-column", "r"];

    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-columns").FullName;

    public MarketDataOptionsTests()
    {
        // The standard CSV market, renamed: t,o,h,l,c,v for the prices (two symbols), settled,r for funding.
        WriteCsvMarket(_folder, bars: 400);
        string[] prices = File.ReadAllLines(Path.Combine(_folder, "prices.csv"));
        var renamed = new StringBuilder("sym,t,o,h,l,c,v\n");
        foreach (string line in prices.Skip(1))
        {
            renamed.Append(line).Append('\n');
        }

        foreach (string line in prices.Skip(1))
        {
            renamed.Append("ETHUSDT").Append(line.AsSpan(line.IndexOf(',', StringComparison.Ordinal))).Append('\n');
        }

        File.WriteAllText(Path.Combine(_folder, "renamed.csv"), renamed.ToString());
        File.WriteAllText(Path.Combine(_folder, "funding-renamed.csv"), File.ReadAllText(Path.Combine(_folder, "funding.csv")).Replace("symbol,funding_time,funding_rate", "sym,settled,r", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_option_a_loader_message_suggests_exists_on_run_validate_cat_and_inspect()
    {
        string sources = Path.Combine(RepositoryRoot, "src", "LevBacktest.Core", "Data");
        var suggested = Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => SuggestedOption().Matches(File.ReadAllText(file)).Select(m => m.Value.Trim('"', '(', ')', ',', ' ')))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("--time-column", suggested);
        Assert.Contains("--symbol", suggested);
        var root = CommandLineApplication.BuildRootCommand();
        var data = root.Subcommands.Single(c => c.Name == "data");
        Command[] commands = [root.Subcommands.Single(c => c.Name == "run"), .. data.Subcommands.Where(c => c.Name is "validate" or "cat" or "inspect")];
        Assert.Equal(4, commands.Length);
        foreach (var command in commands)
        {
            var names = command.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            Assert.All(suggested, option => Assert.True(names.Contains(option), $"levbt {command.Name} has no {option}"));
        }
    }

    [Fact]
    public void Run_reads_renamed_columns_and_one_symbol_with_the_options()
    {
        var spec = CsvSpec();
        spec["data"] = new JsonObject { ["prices"] = "renamed.csv", ["funding"] = "funding-renamed.csv" };
        WriteSpec(_folder, spec);
        var bare = Levbt(_folder, "run", "spec.json", "--out", "out", "--no-charts");
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("no bar open time column", bare.Error, StringComparison.Ordinal);
        Assert.Contains("Name it with --time-column NAME on the command line, or \"time\" under the spec's data.columns.prices/mark.", bare.Error, StringComparison.Ordinal);

        var result = Levbt(_folder, ["run", "spec.json", "--out", "out", "--no-charts", "--symbol", "BTCUSDT", "--symbol-column", "sym", .. PriceOptions, .. FundingOptions]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("levbt: csv-test: BTCUSDT, 400 bars of 1h", result.Error, StringComparison.Ordinal);
        Assert.Contains("49 funding events", result.Error, StringComparison.Ordinal);
        string summary = File.ReadAllText(Path.Combine(_folder, "out", "summary.json"));
        Assert.Contains("\"columns.prices.close\": \"c\"", summary, StringComparison.Ordinal);
        Assert.Contains("\"columns.funding.fundingRate\": \"r\"", summary, StringComparison.Ordinal);

        // The same data named in the spec's data.columns gives the same runs.
        spec["data"] = new JsonObject
        {
            ["prices"] = "renamed.csv",
            ["funding"] = "funding-renamed.csv",
            ["symbol"] = "BTCUSDT",
            ["columns"] = new JsonObject
            {
                ["prices"] = new JsonObject { ["time"] = "t", ["open"] = "o", ["high"] = "h", ["low"] = "l", ["close"] = "c", ["volume"] = "v", ["symbol"] = "sym" },
                ["funding"] = new JsonObject { ["time"] = "settled", ["fundingRate"] = "r", ["symbol"] = "sym" },
            },
        };
        WriteSpec(_folder, spec, "mapped.json");
        var mapped = Levbt(_folder, "run", "mapped.json", "--out", "mapped", "--no-charts");
        Assert.True(mapped.ExitCode == 0, mapped.Error);
        using var a = ParquetFileReader.Open(Path.Combine(_folder, "out", "runs.parquet"));
        using var b = ParquetFileReader.Open(Path.Combine(_folder, "mapped", "runs.parquet"));
        Assert.Equal(b.ReadDoubleColumn("totalReturn"), a.ReadDoubleColumn("totalReturn"));
    }

    [Fact]
    public void Validate_reads_renamed_columns_with_the_options()
    {
        var (code, output, _) = DataCatTests.Levbt("data", "validate", Path.Combine(_folder, "renamed.csv"));
        Assert.Equal(2, code);
        Assert.Matches("Name it with --[a-z-]+-column NAME on the command line", output);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);

        (code, output, var error) = DataCatTests.Levbt(["data", "validate", Path.Combine(_folder, "renamed.csv"), "--symbol", "BTCUSDT", "--symbol-column", "sym", .. PriceOptions]);
        Assert.True(code == 0, output + error);
        Assert.Contains("holds: prices (last-price OHLCV bars), symbol BTCUSDT", output, StringComparison.Ordinal);
        Assert.Contains("rows: 400, 2021-01-01 00:00Z → 2021-01-17 15:00Z", output, StringComparison.Ordinal);

        (code, output, error) = DataCatTests.Levbt(["data", "validate", Path.Combine(_folder, "funding-renamed.csv"), .. FundingOptions]);
        Assert.True(code == 0, output + error);
        Assert.Contains("holds: funding settlements", output, StringComparison.Ordinal);

        (code, output, error) = DataCatTests.Levbt(["data", "validate", Path.Combine(_folder, "renamed.csv"), "--funding", Path.Combine(_folder, "funding-renamed.csv"), "--symbol", "BTCUSDT", "--symbol-column", "sym", .. PriceOptions, .. FundingOptions]);
        Assert.True(code == 0, output + error);
        Assert.Contains("funding: 49 settlement(s) matched to bars", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Cat_keeps_one_symbol_and_prints_the_market_data_columns()
    {
        string file = WriteTwoSymbolParquet();
        var (code, output, error) = DataCatTests.Levbt("data", "cat", file, "--symbol", "ethusdt", "--symbol-column", "pair", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Equal(
            "pair,ts_ms,o,h,l,c,extra\nETHUSDT,1000,20.0,21.0,19.0,20.5,x1\nETHUSDT,4600000,21.0,22.0,20.0,21.5,x3\n",
            output);

        (code, output, error) = DataCatTests.Levbt("data", "cat", file, "--symbol", "BTCUSDT", "--symbol-column", "pair", "--time-column", "ts_ms", "--open-column", "o", "--high-column", "h", "--low-column", "l", "--close-column", "c", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Equal("pair,ts_ms,o,h,l,c\nBTCUSDT,1000,10.0,11.0,9.0,10.5\nBTCUSDT,3601000,11.0,12.0,10.0,11.5\n", output);

        (code, _, error) = DataCatTests.Levbt("data", "cat", file, "--time-column", "nope");
        Assert.Equal(2, code);
        Assert.Contains("column given as 'nope' does not exist; the file has pair, ts_ms, o, h, l, c, extra", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_says_which_column_plays_each_role()
    {
        string file = WriteTwoSymbolParquet();
        var (code, output, error) = DataCatTests.Levbt("data", "inspect", file, "--symbol", "ETHUSDT", "--symbol-column", "pair", "--time-column", "ts_ms", "--open-column", "o", "--high-column", "h", "--low-column", "l", "--close-column", "c");
        Assert.True(code == 0, error);
        Assert.EndsWith(
            "market data: mark prices (OHLC bars)\n  time: ts_ms\n  open: o\n  high: h\n  low: l\n  close: c\n  symbol: pair, 2 of 4 rows are ETHUSDT\n",
            output,
            StringComparison.Ordinal);

        (code, output, _) = DataCatTests.Levbt("data", "inspect", file);
        Assert.Equal(0, code);
        Assert.DoesNotContain("market data:", output, StringComparison.Ordinal);
    }

    /// <summary>Four 1h bars of two symbols, interleaved, with columns no common name matches.</summary>
    private string WriteTwoSymbolParquet()
    {
        string path = Path.Combine(_folder, "pairs.parquet");
        ParquetFileWriter.Write(path,
        [
            ParquetWriteColumn.String("pair", ["BTCUSDT", "ETHUSDT", "BTCUSDT", "ETHUSDT"]),
            ParquetWriteColumn.Int64("ts_ms", [1_000, 1_000, 3_601_000, 4_600_000]),
            ParquetWriteColumn.Double("o", [10, 20, 11, 21]),
            ParquetWriteColumn.Double("h", [11, 21, 12, 22]),
            ParquetWriteColumn.Double("l", [9, 19, 10, 20]),
            ParquetWriteColumn.Double("c", [10.5, 20.5, 11.5, 21.5]),
            ParquetWriteColumn.String("extra", ["x0", "x1", "x2", "x3"]),
        ]);
        return path;
    }

    [GeneratedRegex(@"""--[a-z-]+""|\(--[a-z-]+[,)]|--symbol\b", RegexOptions.CultureInvariant)]
    private static partial Regex SuggestedOption();
}
