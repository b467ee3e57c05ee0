using System.Text.Json;

using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Signals;

namespace LevBacktest.Strategies.Tests;

public sealed class CatalogTests
{
    private static readonly StrategyCatalog Catalog = BuiltInStrategies.CreateCatalog();

    [Fact]
    public void UnknownNameListsTheNamesOfThatKind()
    {
        var error = Assert.Throws<StrategyConfigurationException>(() => Catalog.Find(StrategyKind.Signal, "macross"));
        Assert.Contains("Unknown signal 'macross'", error.Message);
        foreach (var descriptor in Catalog.OfKind(StrategyKind.Signal))
        {
            Assert.Contains(descriptor.Name, error.Message);
        }

        Assert.DoesNotContain("fixed-leverage", error.Message); // a sizing name is not offered as a signal
    }

    [Fact]
    public void NamesAreFoundCaseInsensitivelyPerKind()
    {
        Assert.Equal("ma-cross", Catalog.Find(StrategyKind.Signal, "MA-Cross").Name);
        Assert.False(Catalog.TryFind(StrategyKind.Sizing, "ma-cross", out _));
        Assert.Equal(Catalog.All.Count, Catalog.OfKind(StrategyKind.Signal).Count + Catalog.OfKind(StrategyKind.Sizing).Count + Catalog.OfKind(StrategyKind.StopLoss).Count);
    }

    [Fact]
    public void DuplicateRegistrationIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([MovingAverageCrossSignal.Descriptor, MovingAverageCrossSignal.Descriptor]));
        Assert.Contains("signal 'ma-cross'", error.Message);
    }

    [Fact]
    public void DefaultsFillMissingParametersAndGivenOnesAreConverted()
    {
        var descriptor = Catalog.Find(StrategyKind.Signal, "ma-cross");
        using var json = JsonDocument.Parse("""{ "Fast": 5, "kind": "EMA" }""");
        var values = descriptor.Bind(json.RootElement);
        Assert.Equal(5, values.GetInteger("fast"));
        Assert.Equal(50, values.GetInteger("slow"));
        Assert.Equal("ema", values.GetChoice("kind")); // normalised to the declared spelling
        Assert.True(values.GetBoolean("allowShort"));
        Assert.True(values.IsGiven("fast"));
        Assert.False(values.IsGiven("slow"));
        Assert.Equal("fast=5, slow=50, kind=ema, allowShort=true", values.ToString());

        var signal = Assert.IsType<MovingAverageCrossSignal>(descriptor.CreateSignal(values));
        Assert.Equal(MovingAverageKind.Exponential, signal.Kind);
        Assert.Equal(5, signal.FastPeriod);
    }

    [Fact]
    public void ClrValuesAndNumericStringsBind()
    {
        var descriptor = Catalog.Find(StrategyKind.StopLoss, "fixed-percent");
        Assert.Equal(0.02, descriptor.Bind(new Dictionary<string, object?> { ["distance"] = 0.02 }).GetNumber("distance"));
        Assert.Equal(0.03, descriptor.Bind(new Dictionary<string, object?> { ["distance"] = "0.03" }).GetNumber("distance"));
        Assert.Equal(0.05, descriptor.BindDefaults().GetNumber("distance"));
        var signal = Catalog.Find(StrategyKind.Signal, "ma-cross");
        Assert.Equal(7, signal.Bind(new Dictionary<string, object?> { ["fast"] = 7.0 }).GetInteger("fast")); // 7.0 is whole
    }

    [Fact]
    public void UnknownParameterListsTheValidOnesWithTypes()
    {
        var descriptor = Catalog.Find(StrategyKind.Signal, "ma-cross");
        var error = Assert.Throws<StrategyConfigurationException>(() =>
            descriptor.Bind(new Dictionary<string, object?> { ["fastPeriod"] = 5 }));
        Assert.Contains("signal 'ma-cross' has no parameter 'fastPeriod'", error.Message);
        Assert.Contains("fast (integer, default 20, ≥ 1)", error.Message);
        Assert.Contains("kind (choice, default sma, one of sma, ema)", error.Message);
        Assert.Contains("allowShort (boolean, default true)", error.Message);
    }

    [Theory]
    [InlineData("fast", "2.5", "must be a whole number, got 2.5")]
    [InlineData("fast", "0", "must be ≥ 1, got 0")]
    [InlineData("kind", "\"wma\"", "must be one of sma, ema, got \"wma\"")]
    [InlineData("allowShort", "1", "must be true or false, got 1")]
    [InlineData("slow", "\"many\"", "must be a whole number, got \"many\"")]
    public void WrongTypesAndRangesAreReportedWithTheParameterList(string name, string json, string expected)
    {
        var descriptor = Catalog.Find(StrategyKind.Signal, "ma-cross");
        using var document = JsonDocument.Parse(json);
        var error = Assert.Throws<StrategyConfigurationException>(() =>
            descriptor.Bind(new Dictionary<string, JsonElement> { [name] = document.RootElement }));
        Assert.Contains($"parameter '{name}' {expected}", error.Message);
        Assert.Contains("Valid parameters:", error.Message);
    }

    [Fact]
    public void ExclusiveBoundsRejectTheBoundItself()
    {
        var descriptor = Catalog.Find(StrategyKind.StopLoss, "fixed-percent");
        var error = Assert.Throws<StrategyConfigurationException>(() => descriptor.Bind(new Dictionary<string, object?> { ["distance"] = 0.0 }));
        Assert.Contains("must be > 0 and < 1, got 0", error.Message);
        Assert.Throws<StrategyConfigurationException>(() => descriptor.Bind(new Dictionary<string, object?> { ["distance"] = double.NaN }));
    }

    [Fact]
    public void InconsistentCombinationsFailAtCreation()
    {
        var descriptor = Catalog.Find(StrategyKind.Signal, "ma-cross");
        var values = descriptor.Bind(new Dictionary<string, object?> { ["fast"] = 50, ["slow"] = 20 });
        var error = Assert.Throws<StrategyConfigurationException>(() => descriptor.Create(values));
        Assert.Contains("fast (50) must be less than slow (20)", error.Message);
    }

    [Fact]
    public void ValuesAreTiedToTheirDescriptorAndKind()
    {
        var signal = Catalog.Find(StrategyKind.Signal, "ma-cross");
        var stop = Catalog.Find(StrategyKind.StopLoss, "fixed-percent");
        Assert.Throws<ArgumentException>(() => stop.Create(signal.BindDefaults()));
        Assert.Throws<InvalidOperationException>(() => signal.CreateStopLoss(signal.BindDefaults()));
    }

    [Fact]
    public void EachCreateReturnsAFreshInstance()
    {
        foreach (var descriptor in Catalog.All)
        {
            var values = descriptor.BindDefaults();
            object first = descriptor.Create(values);
            object second = descriptor.Create(values);
            Assert.NotSame(first, second);
            Assert.True(first.GetType().IsSealed, $"{first.GetType().Name} should be sealed");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        }
    }

    [Fact]
    public void ParameterDeclarationsCheckTheirDefaults()
    {
        Assert.Throws<ArgumentException>(() => StrategyParameter.Number("x", 2.0, "x", minimum: 0, maximum: 1));
        Assert.Throws<ArgumentException>(() => StrategyParameter.Integer("n", 0, "n", minimum: 1));
        Assert.Throws<ArgumentException>(() => StrategyParameter.Choice("k", "c", "k", "a", "b"));
        Assert.Throws<ArgumentException>(() => StrategyParameter.Choice("k", "a", "k", "a", "A"));
    }
}
