using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>A small valid spec that tests mutate one property at a time.</summary>
internal static class SpecFixtures
{
    public const string BaseDirectory = "/specs/folder";

    public static JsonObject Minimal() => new()
    {
        ["name"] = "test",
        ["data"] = new JsonObject { ["prices"] = "prices.parquet" },
        ["instrument"] = new JsonObject { ["maintenanceMarginRate"] = 0.004, ["maxLeverage"] = 125 },
        ["initialCapital"] = 10_000,
        ["strategy"] = new JsonObject
        {
            ["signal"] = new JsonObject { ["name"] = "buy-and-hold-long" },
            ["sizing"] = new JsonObject { ["name"] = "fixed-leverage" },
        },
    };

    public static ExperimentSpec Parse(JsonObject spec) => ExperimentSpecReader.Parse(spec.ToJsonString(), BaseDirectory);

    public static ExperimentSpec Parse(Action<JsonObject> change)
    {
        var spec = Minimal();
        change(spec);
        return Parse(spec);
    }

    /// <summary>Parses a spec expected to be rejected and returns the error.</summary>
    public static ExperimentSpecException Reject(Action<JsonObject> change)
        => Assert.Throws<ExperimentSpecException>(() => Parse(change));
}
