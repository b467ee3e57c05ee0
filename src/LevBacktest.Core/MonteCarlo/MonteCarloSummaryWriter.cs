using System.Text.Json;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Metrics;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Writes a Monte Carlo folder's <c>summary.json</c> in two steps, so that a merge of shards writes the very bytes of
/// the unsharded run: <see cref="BuildHeader"/> fixes everything that does not depend on the paths (spec, tool, data
/// fingerprints, Monte Carlo settings, each run's swept values and historical result) as a JSON document, and
/// <see cref="Write"/> adds the shard and each run's risk figures (<see cref="RunRiskSummary"/>) computed from the rows.
/// A merge takes the header from a shard's <c>summary.json</c>; the whole run builds it from memory.
/// </summary>
public static class MonteCarloSummaryWriter
{
    /// <summary>Identifies the layout of a Monte Carlo <c>summary.json</c>.</summary>
    public const string FormatName = "levbt-montecarlo/1";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>The path-independent part of the summary.</summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="monteCarlo">The Monte Carlo settings used.</param>
    /// <param name="generator">The generator used.</param>
    /// <param name="provenance">Tool version, data fingerprints and command-line overrides.</param>
    /// <param name="historical">Each run's metrics on the loaded data itself (as <c>levbt run</c>), length plan.RunCount.</param>
    public static JsonDocument BuildHeader(ExperimentPlan plan, MonteCarloSpec monteCarlo, IPathGenerator generator, ResultsProvenance provenance, IReadOnlyList<RunMetrics> historical)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(monteCarlo);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(historical);
        var spec = plan.Spec;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            SummaryJsonWriter.WriteProvenance(json, FormatName, spec, provenance, includeSpecPath: false);
            json.WriteStartObject("monteCarlo");
            json.WriteString("generator", monteCarlo.Generator);
            json.WriteString("description", generator.Description);
            json.WriteNumber("paths", monteCarlo.Paths);
            json.WriteNumber("seed", monteCarlo.Seed);
            json.WriteNumber("barIntervalMs", generator.BarIntervalMs);
            json.WriteNumber("horizonBars", generator.BarCount);
            json.WriteNumber("horizonDays", generator.BarCount * (double)generator.BarIntervalMs / 86_400_000);
            if (generator is StationaryBlockBootstrap bootstrap)
            {
                json.WriteNumber("meanBlockBars", bootstrap.MeanBlockBars);
            }

            if (generator is GeometricBrownianMotion gbm)
            {
                json.WriteNumber("startPrice", gbm.StartPrice);
                json.WriteNumber("drift", gbm.Drift);
                json.WriteNumber("volatility", gbm.Volatility);
                json.WriteNumber("fundingRate", gbm.FundingRate);
                json.WriteNumber("fundingIntervalMs", gbm.FundingIntervalMs);
                json.WriteBoolean("closeOnly", gbm.CloseOnly);
            }

            json.WriteEndObject();
            json.WriteStartArray("runs");
            for (int r = 0; r < plan.RunCount; r++)
            {
                json.WriteStartObject();
                json.WriteNumber("runIndex", r);
                json.WriteStartObject("parameters");
                for (int k = 0; k < plan.Grid.Axes.Count; k++)
                {
                    json.WritePropertyName(plan.Grid.Axes[k].Name);
                    SummaryJsonWriter.WriteValue(json, plan.Grid.Value(r, k));
                }

                json.WriteEndObject();
                json.WriteNumber("leverage", plan.GetRun(r).Leverage);
                var metrics = historical[r];
                json.WriteStartObject("historical");
                json.WriteBoolean("liquidated", metrics.LiquidationCount > 0);
                SummaryJsonWriter.WriteNumber(json, "timeToFirstLiquidationDays", metrics.TimeToFirstLiquidationDays);
                SummaryJsonWriter.WriteNumber(json, "finalEquity", metrics.FinalEquity);
                SummaryJsonWriter.WriteNumber(json, "totalReturn", metrics.TotalReturn);
                SummaryJsonWriter.WriteNumber(json, "maxDrawdown", metrics.MaxDrawdown);
                SummaryJsonWriter.WriteNumber(json, "fundingPaid", metrics.FundingPaid - metrics.FundingReceived);
                SummaryJsonWriter.WriteNumber(json, "years", metrics.Years);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return JsonDocument.Parse(stream.ToArray());
    }

    /// <summary>Writes <c>summary.json</c>: the header's properties, the shard, then per run the header's run entry followed by its risk figures.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="header">A <see cref="BuildHeader"/> document (or a shard summary, whose shard and risk figures are replaced).</param>
    /// <param name="firstPath">First path of the rows.</param>
    /// <param name="rows">Path-major rows of the paths held, with header.runs.length runs per path.</param>
    public static void Write(string path, JsonElement header, int firstPath, ReadOnlySpan<PathRunResult> rows)
    {
        var runs = header.GetProperty("runs");
        int runCount = runs.GetArrayLength();
        int totalPaths = header.GetProperty("monteCarlo").GetProperty("paths").GetInt32();
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, Indented);
        json.WriteStartObject();
        foreach (var property in header.EnumerateObject())
        {
            if (property.Name is not ("runs" or "shard"))
            {
                property.WriteTo(json);
            }
        }

        int pathCount = rows.Length / runCount;
        json.WriteStartObject("shard");
        json.WriteNumber("firstPath", firstPath);
        json.WriteNumber("pathCount", pathCount);
        json.WriteBoolean("complete", firstPath == 0 && pathCount == totalPaths);
        json.WriteEndObject();
        json.WriteStartArray("runs");
        int r = 0;
        foreach (var run in runs.EnumerateArray())
        {
            json.WriteStartObject();
            foreach (var property in run.EnumerateObject())
            {
                if (property.Name is "runIndex" or "parameters" or "leverage" or "historical")
                {
                    property.WriteTo(json);
                }
            }

            if (pathCount > 0)
            {
                WriteRisk(json, RunRiskSummary.Compute(rows, runCount, r));
            }

            json.WriteEndObject();
            r++;
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRisk(Utf8JsonWriter json, RunRiskSummary risk)
    {
        json.WriteStartObject("monteCarlo");
        json.WriteNumber("paths", risk.PathCount);
        json.WriteNumber("liquidatedPaths", risk.LiquidatedPaths);
        SummaryJsonWriter.WriteNumber(json, "liquidationProbability", risk.LiquidationProbability);
        json.WriteStartArray("liquidationProbabilityInterval95");
        json.WriteNumberValue(risk.LiquidationProbabilityLower);
        json.WriteNumberValue(risk.LiquidationProbabilityUpper);
        json.WriteEndArray();
        WriteQuantiles(json, "finalEquityQuantiles", risk.FinalEquityQuantiles);
        WriteQuantiles(json, "maxDrawdownQuantiles", risk.MaxDrawdownQuantiles);
        SummaryJsonWriter.WriteNumber(json, "expectedShortfall5", risk.ExpectedShortfall5);
        SummaryJsonWriter.WriteNumber(json, "expectedShortfall5Return", risk.ExpectedShortfall5Return);
        SummaryJsonWriter.WriteNumber(json, "probabilityLossOverHalf", risk.ProbabilityLossOverHalf);
        SummaryJsonWriter.WriteNumber(json, "medianTimeToLiquidationDays", risk.MedianTimeToLiquidationDays);
        SummaryJsonWriter.WriteNumber(json, "meanFundingPaid", risk.MeanFundingPaid);
        json.WriteEndObject();
    }

    private static void WriteQuantiles(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartObject(name);
        for (int i = 0; i < values.Length; i++)
        {
            SummaryJsonWriter.WriteNumber(json, FormattableString.Invariant($"p{RiskStatistics.QuantileLevels[i] * 100:0}"), values[i]);
        }

        json.WriteEndObject();
    }
}
