using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// A self-contained experiment for the regress tests: hourly CSV prices, mark prices and 8-hourly funding
/// (a seeded random walk, so identical on every machine) and a spec with a small sweep, in a temp folder.
/// </summary>
internal sealed class RegressTestMarket : IDisposable
{
    private const long Start = 1_704_067_200_000; // 2024-01-01T00:00:00Z
    private const long Hour = 3_600_000;

    public RegressTestMarket(int bars = 1500)
    {
        Folder = Directory.CreateTempSubdirectory("levbt-regress-").FullName;
        var random = new Random(20240101);
        var prices = new StringBuilder("open_time_ms,open,high,low,close,volume\n");
        var mark = new StringBuilder("open_time_ms,open,high,low,close\n");
        var funding = new StringBuilder("funding_time_ms,funding_rate\n");
        var flipped = new StringBuilder("funding_time_ms,funding_rate\n");
        double price = 40_000;
        for (int i = 0; i < bars; i++)
        {
            long time = Start + (i * Hour);
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double next = price * Math.Exp(0.01 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            double high = Math.Max(price, next) * (1 + (0.003 * random.NextDouble()));
            double low = Math.Min(price, next) * (1 - (0.003 * random.NextDouble()));
            prices.Append(CultureInfo.InvariantCulture, $"{time},{price:R},{high:R},{low:R},{next:R},100\n");
            double markHigh = Math.Max(price, next) + (0.9 * (high - Math.Max(price, next)));
            double markLow = Math.Min(price, next) - (0.9 * (Math.Min(price, next) - low));
            mark.Append(CultureInfo.InvariantCulture, $"{time},{price:R},{markHigh:R},{markLow:R},{next:R}\n");
            if (i % 8 == 0 && i > 0)
            {
                double rate = Math.Round(0.0001 + (0.0003 * (random.NextDouble() - 0.3)), 8);
                funding.Append(CultureInfo.InvariantCulture, $"{time},{rate:R}\n");
                flipped.Append(CultureInfo.InvariantCulture, $"{time},{-rate:R}\n");
            }

            price = next;
        }

        File.WriteAllText(Path.Combine(Folder, "prices.csv"), prices.ToString());
        File.WriteAllText(Path.Combine(Folder, "mark.csv"), mark.ToString());
        File.WriteAllText(Path.Combine(Folder, "funding.csv"), funding.ToString());
        File.WriteAllText(Path.Combine(Folder, "funding-flipped.csv"), flipped.ToString());
        SpecPath = WriteSpec("spec.json", _ => { });
        BaselinePath = Path.Combine(Folder, "baselines", "spec.json");
    }

    /// <summary>The temp folder holding data, specs and baselines.</summary>
    public string Folder { get; }

    /// <summary>The unmodified spec.</summary>
    public string SpecPath { get; }

    /// <summary>Where the tests keep the baseline of <see cref="SpecPath"/>.</summary>
    public string BaselinePath { get; }

    /// <summary>The spec: EMA cross long/short with a fixed stop, cross margin, leverage × stop distance (3 × 2 runs).</summary>
    public static JsonObject Spec() => new()
    {
        ["name"] = "regress-test",
        ["data"] = new JsonObject { ["prices"] = "prices.csv", ["mark"] = "mark.csv", ["funding"] = "funding.csv" },
        ["instrument"] = new JsonObject
        {
            ["maintenanceMarginRate"] = 0.004,
            ["maxLeverage"] = 125,
            ["marginMode"] = "cross",
            ["takerFeeRate"] = 0.0005,
            ["slippage"] = new JsonObject { ["basisPoints"] = 1 },
        },
        ["initialCapital"] = 10_000,
        ["strategy"] = new JsonObject
        {
            ["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 12, ["slow"] = 48, ["allowShort"] = true } },
            ["sizing"] = "fixed-leverage",
            ["stop"] = new JsonObject { ["name"] = "fixed-percent", ["parameters"] = new JsonObject { ["distance"] = 0.05 } },
        },
        ["sweep"] = new JsonObject
        {
            ["leverage"] = new JsonArray(1, 3, 10),
            ["stop.distance"] = new JsonArray(0.02, 0.1),
        },
    };

    /// <summary>Writes a variant of <see cref="Spec"/> into the folder and returns its path.</summary>
    public string WriteSpec(string fileName, Action<JsonObject> change)
    {
        var spec = Spec();
        change(spec);
        string path = Path.Combine(Folder, fileName);
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
