using System.Text.Json.Nodes;

using LevBacktest.Core.Tests.Experiments;

namespace LevBacktest.Core.Tests.MonteCarlo;

public sealed class MonteCarloSpecReaderTests
{
    [Fact]
    public void A_spec_without_the_section_has_none_and_the_section_binds_every_field()
    {
        Assert.Null(SpecFixtures.Parse(_ => { }).MonteCarlo);
        var spec = SpecFixtures.Parse(s => s["monteCarlo"] = new JsonObject
        {
            ["generator"] = "gbm",
            ["paths"] = 2500,
            ["horizon"] = "52w",
            ["block"] = "36h",
            ["seed"] = 18_446_744_073_709_551_615UL,
            ["drift"] = 0.1,
            ["volatility"] = 0.7,
            ["fundingRate"] = 0.0001,
            ["fundingInterval"] = "4h",
            ["closeOnly"] = true,
        }).MonteCarlo!;
        Assert.Equal("gbm", spec.Generator);
        Assert.Equal(2500, spec.Paths);
        Assert.Equal(52L * 7 * 86_400_000, spec.HorizonMs);
        Assert.Equal(36L * 3_600_000, spec.MeanBlockMs);
        Assert.Equal(ulong.MaxValue, spec.Seed);
        Assert.Equal(0.7, spec.Volatility);
        Assert.Equal(4L * 3_600_000, spec.FundingIntervalMs);
        Assert.True(spec.CloseOnly);

        var defaults = SpecFixtures.Parse(s => s["monteCarlo"] = new JsonObject()).MonteCarlo!;
        Assert.Equal(("bootstrap", 1000, 365L * 86_400_000, 3L * 86_400_000, 1UL), (defaults.Generator, defaults.Paths, defaults.HorizonMs, defaults.MeanBlockMs, defaults.Seed));
        Assert.True(double.IsNaN(defaults.Volatility));
    }

    [Theory]
    [InlineData("paths", 0, "$.monteCarlo.paths", "positive whole number")]
    [InlineData("paths", 2.5, "$.monteCarlo.paths", "positive whole number")]
    [InlineData("horizon", "a year", "$.monteCarlo.horizon", "is not a duration")]
    [InlineData("seed", -1, "$.monteCarlo.seed", "whole number from 0")]
    [InlineData("volatility", -0.2, "$.monteCarlo.volatility", "at least 0")]
    [InlineData("generator", "garch", "$.monteCarlo.generator", "valid values: bootstrap, gbm")]
    [InlineData("blocks", "3d", "$.monteCarlo.blocks", "unknown property")]
    public void Bad_values_name_their_path(string name, object value, string path, string problem)
    {
        var error = SpecFixtures.Reject(s => s["monteCarlo"] = new JsonObject { [name] = JsonValue.Create(value) });
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }
}
