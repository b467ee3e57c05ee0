using LevBacktest.Core.Data;

using static LevBacktest.Cli.Tests.DataCommandTestSupport;

namespace LevBacktest.Cli.Tests;

public sealed class DataSynthCommandTests
{
    [Fact]
    public void Same_seed_writes_byte_identical_files_that_load_and_validate()
    {
        string folder = NewScratchFolder();
        string a = Path.Combine(folder, "a"), b = Path.Combine(folder, "b"), c = Path.Combine(folder, "c");
        var (code, output, error) = Levbt("data", "synth", "--out", a, "--seed", "3", "--years", "0.1", "--interval", "4h", "--start", "2024-03-01");
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        Assert.Contains("SYNBTCUSDT: 219 bars of 4h, 2024-03-01 00:00Z", output);
        Assert.Equal(0, Levbt("data", "synth", "--out", b, "--seed", "3", "--years", "0.1", "--interval", "4h", "--start", "2024-03-01").ExitCode);
        Assert.Equal(0, Levbt("data", "synth", "--out", c, "--seed", "4", "--years", "0.1", "--interval", "4h", "--start", "2024-03-01").ExitCode);
        foreach (string name in new[] { "prices.parquet", "mark.parquet", "funding.parquet" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, name)), File.ReadAllBytes(Path.Combine(b, name)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, name)), File.ReadAllBytes(Path.Combine(c, name)));
        }

        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = Path.Combine(a, "prices.parquet"),
            MarkPath = Path.Combine(a, "mark.parquet"),
            FundingPath = Path.Combine(a, "funding.parquet"),
            MarkPriceFallback = MissingMarkPolicy.Fail,
        });
        Assert.Equal(219, loaded.Data.Count);
        Assert.Equal(4 * 3_600_000, loaded.Data.BarIntervalMs);
        Assert.Equal(new[] { 8L * 3_600_000 }, loaded.Report.DistinctFundingIntervalsMs);
        Assert.Equal(0, Levbt("data", "validate", Path.Combine(a, "prices.parquet"), "--mark", Path.Combine(a, "mark.parquet"), "--funding", Path.Combine(a, "funding.parquet")).ExitCode);
    }

    [Fact]
    public void Bad_interval_is_an_error()
    {
        var (code, _, error) = Levbt("data", "synth", "--out", NewScratchFolder(), "--interval", "7m");
        Assert.Equal(2, code);
        Assert.Contains("levbt: error:", error);
    }
}
