using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class EquityStorageTests
{
    [Theory]
    [InlineData(21, 17_520, "full")]             // the bundled buy-and-hold example: 368k bar-rows
    [InlineData(1, 525_600, "full")]             // W1: one run over a minute year
    [InlineData(20, 525_600, "downsampled:1000")] // W3: 10.5 M bar-rows, 2M / 40 = 50,000 buckets, capped at 1,000
    [InlineData(10_000, 8_760, "downsampled:100")] // S1: 2M / 20,000 = 100
    [InlineData(1_000_000, 8_760, "downsampled:100")] // floor of 100 buckets
    [InlineData(5_000, 8_760, "downsampled:200")]
    public void Auto_keeps_full_curves_up_to_the_budget_then_shares_it(int runs, int bars, string expected)
        => Assert.Equal(expected, EquityStorage.Auto(runs, bars).ToString());

    [Theory]
    [InlineData("full", "full")]
    [InlineData("none", "none")]
    [InlineData("downsampled", "downsampled:1000")]
    [InlineData("downsampled:64", "downsampled:64")]
    [InlineData("auto", "downsampled:1000")]
    public void Parse_reads_every_documented_form(string text, string expected)
        => Assert.Equal(expected, EquityStorage.Parse(text, 20, 525_600).ToString());

    [Theory]
    [InlineData("downsampled:0")]
    [InlineData("downsampled:-3")]
    [InlineData("some")]
    [InlineData("Full")]
    public void Parse_rejects_other_forms_naming_the_valid_ones(string text)
    {
        var error = Assert.Throws<FormatException>(() => EquityStorage.Parse(text, 1, 1));
        Assert.Equal($"--equity '{text}' must be auto, full, downsampled, downsampled:N (N ≥ 1 buckets per run) or none.", error.Message);
    }
}
