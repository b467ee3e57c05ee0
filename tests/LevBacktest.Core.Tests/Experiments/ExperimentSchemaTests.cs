using System.Text.Json;
using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>strategies/experiment.schema.json documents exactly the properties the reader accepts.</summary>
public sealed class ExperimentSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(ExampleSpecTests.RepositoryRoot(), "strategies", "experiment.schema.json"))).RootElement;

    /// <summary>The property names the reader allows in the object that <paramref name="addUnknown"/> adds a bogus property to.</summary>
    private static string[] AllowedByReader(Action<JsonObject> addUnknown)
    {
        var error = SpecFixtures.Reject(addUnknown);
        string marker = "allowed here: ";
        string list = error.Message[(error.Message.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].TrimEnd('.');
        return list.Split(", ").Order(StringComparer.Ordinal).ToArray();
    }

    private static string[] SchemaProperties(JsonElement objectSchema)
        => objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Top_level_properties_match()
        => Assert.Equal(SchemaProperties(Schema), AllowedByReader(s => s["bogus"] = 1));

    [Fact]
    public void MonteCarlo_properties_match()
        => Assert.Equal(
            SchemaProperties(Schema.GetProperty("$defs").GetProperty("monteCarlo")),
            AllowedByReader(s => s["monteCarlo"] = new System.Text.Json.Nodes.JsonObject { ["bogus"] = 1 }));

    [Fact]
    public void Data_properties_match()
        => Assert.Equal(SchemaProperties(Schema.GetProperty("$defs").GetProperty("data")), AllowedByReader(s => s["data"]!["bogus"] = 1));

    [Fact]
    public void Instrument_properties_match()
        => Assert.Equal(SchemaProperties(Schema.GetProperty("$defs").GetProperty("instrument")), AllowedByReader(s => s["instrument"]!["bogus"] = 1));

    [Fact]
    public void Slippage_properties_match()
        => Assert.Equal(
            SchemaProperties(Schema.GetProperty("$defs").GetProperty("instrument").GetProperty("properties").GetProperty("slippage")),
            AllowedByReader(s => s["instrument"]!["slippage"] = new JsonObject { ["bogus"] = 1 }));

    [Fact]
    public void Strategy_properties_match()
        => Assert.Equal(SchemaProperties(Schema.GetProperty("properties").GetProperty("strategy")), AllowedByReader(s => s["strategy"]!["bogus"] = 1));

    [Fact]
    public void Enumerations_match_the_vocabulary()
    {
        static string[] Enum(JsonElement property) => property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var top = Schema.GetProperty("properties");
        var defs = Schema.GetProperty("$defs");
        Assert.Equal(SpecVocabulary.FillPolicies, Enum(top.GetProperty("fill")));
        Assert.Equal(SpecVocabulary.StopTriggers, Enum(top.GetProperty("stopTrigger")));
        Assert.Equal(SpecVocabulary.OverLeveragePolicies, Enum(top.GetProperty("overLeverage")));
        Assert.Equal(SpecVocabulary.AfterLiquidationPolicies, Enum(top.GetProperty("afterLiquidation")));
        Assert.Equal(SpecVocabulary.MarginModes, Enum(defs.GetProperty("instrument").GetProperty("properties").GetProperty("marginMode")));
        Assert.Equal(SpecVocabulary.Contracts, Enum(defs.GetProperty("instrument").GetProperty("properties").GetProperty("contract")));
        Assert.Equal(SpecVocabulary.MissingMarkPolicies, Enum(defs.GetProperty("data").GetProperty("properties").GetProperty("missingMark")));
        Assert.Equal(SpecVocabulary.TimeUnits, Enum(defs.GetProperty("data").GetProperty("properties").GetProperty("timeUnit")));
        Assert.Equal(SpecVocabulary.PriceColumns.Order(StringComparer.Ordinal), SchemaProperties(defs.GetProperty("priceColumns")));
        Assert.Equal(SpecVocabulary.MarkColumns.Order(StringComparer.Ordinal), SchemaProperties(defs.GetProperty("markColumns")));
        Assert.Equal(SpecVocabulary.FundingColumns.Order(StringComparer.Ordinal), SchemaProperties(defs.GetProperty("fundingColumns")));
    }

    [Fact]
    public void Sweep_axis_pattern_names_every_setting_axis()
    {
        string pattern = Schema.GetProperty("properties").GetProperty("sweep").GetProperty("propertyNames").GetProperty("pattern").GetString()!;
        var regex = new System.Text.RegularExpressions.Regex(pattern);
        foreach (var axis in SpecVocabulary.SettingAxes.Concat(["leverage", "signal", "sizing", "stop", "stop.distance", "signal.fast"]))
        {
            Assert.Matches(regex, axis);
        }

        Assert.DoesNotMatch(regex, "lev");
        Assert.DoesNotMatch(regex, "stop.");
    }
}
