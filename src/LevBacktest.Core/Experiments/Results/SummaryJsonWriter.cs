using System.Text.Json;

using LevBacktest.Core.Data;
using LevBacktest.Core.Metrics;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Writes <c>summary.json</c>: the spec as read, the tool version, every data file's SHA-256, row count
/// and time span, the sweep's axes and shard, and per run its index, swept values and every metric under
/// the camelCase names of <see cref="RunMetrics.Names"/>. Metrics that do not apply (NaN) are written as null.
/// </summary>
public static class SummaryJsonWriter
{
    /// <summary>Identifies the layout of <c>summary.json</c>; bumped when a field changes meaning.</summary>
    public const string FormatName = "levbt-results/1";

    /// <summary>Writes the summary of <paramref name="outcome"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create (overwritten).</param>
    /// <param name="outcome">The runs.</param>
    /// <param name="provenance">Tool version, data fingerprints, overrides.</param>
    public static void Write(string path, ExperimentOutcome outcome, ResultsProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(provenance);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, outcome, provenance, FlushThreshold);
    }

    /// <summary>Writes the summary to <paramref name="stream"/>, handing the pending bytes over whenever a run ends with
    /// <paramref name="flushThreshold"/> or more of them (the bytes do not depend on it).</summary>
    internal static void Write(Stream stream, ExperimentOutcome outcome, ResultsProvenance provenance, int flushThreshold)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var plan = outcome.Plan;
        var spec = plan.Spec;
        json.WriteStartObject();
        WriteProvenance(json, FormatName, spec, provenance, includeSpecPath: true);
        if (spec.Portfolio is { } portfolio)
        {
            PortfolioSummary.WritePortfolio(json, portfolio, provenance, outcome);
        }

        if (provenance.Plugins.Count > 0)
        {
            // Only when there are plugins, so the summaries of plugin-free experiments keep their bytes.
            json.WriteStartArray("plugins");
            foreach (var plugin in provenance.Plugins)
            {
                json.WriteStartObject();
                json.WriteString("path", plugin.Path);
                json.WriteString("sha256", plugin.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteSweep(json, outcome);
        json.WriteStartObject("equityStorage");
        json.WriteString("kind", outcome.EquityStorage.KindName);
        if (outcome.EquityStorage.Kind == EquityStorageKind.Downsampled)
        {
            json.WriteNumber("buckets", outcome.EquityStorage.Buckets);
        }

        if (outcome.EquityStorage.FullRuns.Count > 0)
        {
            // Only when some are, so summaries without them keep their bytes.
            json.WriteStartArray("fullRuns");
            foreach (int run in outcome.EquityStorage.FullRuns)
            {
                json.WriteNumberValue(run);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteStartArray("metricNames");
        foreach (var name in RunMetrics.Names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("runs");

        // Property names written once per run are encoded once per file: the writer then skips checking and
        // transcoding each of them for every run (10,000 runs × 40 names in a large sweep). Same bytes.
        var axisNames = plan.Grid.Axes.Select(axis => JsonEncodedText.Encode(axis.Name)).ToArray();

        // A sweep's runs share their strategy components (one signal, a stop per stop distance, …): each distinct one is
        // described once, not once per run.
        // Kept encoded (escaped and transcoded once, with the writer's default encoder: the same bytes as the string).
        var described = new Dictionary<Strategies.StrategyParameterValues, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        JsonEncodedText Describe(Strategies.StrategyParameterValues values)
        {
            if (!described.TryGetValue(values, out var text))
            {
                text = JsonEncodedText.Encode($"{values.Descriptor.Name}({values})");
                described.Add(values, text);
            }

            return text;
        }

        foreach (var run in outcome.Runs)
        {
            json.WriteStartObject();
            json.WriteNumber(RunIndexName, run.Point.RunIndex);
            json.WriteStartObject(ParametersName);
            for (int k = 0; k < axisNames.Length; k++)
            {
                json.WritePropertyName(axisNames[k]);
                WriteValue(json, plan.Grid.Value(run.Point.RunIndex, k));
            }

            json.WriteEndObject();
            json.WriteStartObject(StrategyName);
            json.WriteString(SignalName, Describe(run.Point.Signal));
            json.WriteString(SizingName, Describe(run.Point.Sizing));
            json.WriteString(StopName, Describe(run.Point.Stop));
            json.WriteEndObject();
            json.WriteStartObject(MetricsName);
            WriteMetrics(json, run.Result.Metrics);
            json.WriteEndObject();
            if (run.Result.UsdMetrics is { } usd)
            {
                // Inverse contracts: "metrics" are in the coin; the same account valued in USD.
                json.WriteStartObject("usdMetrics");
                foreach (var (name, value) in usd.ToNamedValues())
                {
                    WriteNumber(json, name, value);
                }

                json.WriteEndObject();
            }

            if (run.Portfolio is { } detail)
            {
                PortfolioSummary.WriteContributions(json, detail);
            }

            json.WriteEndObject();

            // Utf8JsonWriter keeps everything written to a stream in one growing buffer until Flush: without this, a
            // 10,000-run summary (15 MB) doubles its buffer a dozen times (copying and page-faulting in each new block)
            // before a single write. Handing over every 64 KB keeps one small buffer; the bytes are the same.
            if (json.BytesPending >= flushThreshold)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Pending bytes (UTF-8) after which the runs written so far go to the file.</summary>
    private const int FlushThreshold = 1 << 16;

    /// <summary>
    /// The provenance every summary.json starts with, results and Monte Carlo alike: <c>format</c>, <c>tool</c>,
    /// <c>experiment</c>, <c>specPath</c> (when asked and known), the <c>spec</c> as read, the command line's
    /// <c>overrides</c> and the <c>data</c> files (<see cref="WriteData"/>). The caller has opened the root object.
    /// </summary>
    internal static void WriteProvenance(Utf8JsonWriter json, string format, ExperimentSpec spec, ResultsProvenance provenance, bool includeSpecPath)
    {
        json.WriteString("format", format);
        json.WriteString("tool", provenance.ToolVersion);
        json.WriteString("experiment", spec.Name);
        if (includeSpecPath && spec.SourcePath is not null)
        {
            json.WriteString("specPath", spec.SourcePath);
        }

        json.WritePropertyName("spec");
        spec.Document.WriteTo(json);
        json.WriteStartObject("overrides");
        foreach (var (name, value) in provenance.Overrides)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        if (spec.Portfolio is not null && provenance.PortfolioData.Count > 0)
        {
            PortfolioSummary.WriteData(json, provenance);
        }
        else
        {
            WriteData(json, provenance, spec.Data);
        }
    }

    /// <summary>The <c>data</c> block (also written by the Monte Carlo summary, so the two describe data alike).</summary>
    internal static void WriteData(Utf8JsonWriter json, ResultsProvenance provenance, ExperimentDataSpec dataSpec)
    {
        var report = provenance.LoadedData.Report;
        json.WriteStartObject("data");
        json.WriteString("symbol", report.Symbol);
        json.WriteNumber("barIntervalMs", report.BarIntervalMs);
        json.WriteNumber("barCount", report.BarCount);
        json.WriteString("firstBarOpenTime", SpecTime.FormatUtc(report.FirstOpenTimeMs));
        json.WriteString("lastBarOpenTime", SpecTime.FormatUtc(report.LastOpenTimeMs));
        if (report.ResampledFromIntervalMs is long source)
        {
            json.WriteNumber("resampledFromIntervalMs", source);
        }

        json.WriteNumber("gapCount", report.GapCount);
        json.WriteNumber("missingBarCount", report.MissingBarCount);
        json.WriteBoolean("hasMarkFile", report.HasMarkFile);
        json.WriteNumber("markFallbackBarCount", report.MarkFallbackBarCount);
        json.WriteStartArray("markFallbackSpans");
        foreach (var span in report.MarkFallbackSpans)
        {
            json.WriteStartObject();
            json.WriteString("from", SpecTime.FormatUtc(span.FromMs));
            json.WriteString("to", SpecTime.FormatUtc(span.ToMs));
            json.WriteNumber("barCount", span.BarCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("fundingEventCount", report.FundingEventCount);
        json.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteStartArray("files");
        foreach (var file in provenance.LoadedData.Files)
        {
            WriteFile(json, RoleOf(file.Path, dataSpec), file);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>One entry of summary.json's <c>data.files</c>: role, path, SHA-256, row count and the first and last times (ISO text and UTC ms).</summary>
    internal static void WriteFile(Utf8JsonWriter json, string role, DataFileFingerprint file)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("path", file.Path);
        json.WriteString("sha256", file.Sha256);
        json.WriteNumber("rowCount", file.RowCount);
        json.WriteString("firstTime", SpecTime.FormatUtc(file.FirstTimeMs));
        json.WriteNumber("firstTimeMs", file.FirstTimeMs);
        json.WriteString("lastTime", SpecTime.FormatUtc(file.LastTimeMs));
        json.WriteNumber("lastTimeMs", file.LastTimeMs);
        json.WriteEndObject();
    }

    /// <summary>Which of the spec's files a fingerprint describes: prices, mark, funding (a file of that dataset too), or "other".</summary>
    internal static string RoleOf(string path, ExperimentDataSpec data)
    {
        string full = Path.GetFullPath(path);
        bool Names(string? dataPath) => dataPath is not null
            && (full == dataPath || (Data.Sources.DatasetFiles.IsDataset(dataPath) && Data.Sources.DatasetFiles.Expand(dataPath).Contains(full, StringComparer.Ordinal)));
        return Names(data.PricesPath) ? "prices"
            : Names(data.MarkPath) ? "mark"
            : Names(data.FundingPath) ? "funding"
            : "other";
    }

    private static void WriteSweep(Utf8JsonWriter json, ExperimentOutcome outcome)
    {
        var grid = outcome.Plan.Grid;
        json.WriteStartObject("sweep");
        json.WriteNumber("runCount", grid.RunCount);
        json.WriteStartObject("shard");
        json.WriteNumber("index", outcome.Shard.Index);
        json.WriteNumber("count", outcome.Shard.Count);
        json.WriteNumber("firstRunIndex", outcome.Shard.Start(grid.RunCount));
        json.WriteNumber("endRunIndex", outcome.Shard.End(grid.RunCount));
        json.WriteEndObject();
        json.WriteStartArray("axes");
        foreach (var axis in grid.Axes)
        {
            json.WriteStartObject();
            json.WriteString("name", axis.Name);
            json.WriteStartArray("values");
            foreach (var value in axis.Values)
            {
                WriteValue(json, value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A swept value as a JSON number, string or boolean.</summary>
    internal static void WriteValue(Utf8JsonWriter json, SpecValue value)
    {
        switch (value.Kind)
        {
            case SpecValueKind.Number:
                json.WriteNumberValue(value.Number);
                break;
            case SpecValueKind.Text:
                json.WriteStringValue(value.Text);
                break;
            default:
                json.WriteBooleanValue(value.Boolean);
                break;
        }
    }

    private static readonly JsonEncodedText RunIndexName = JsonEncodedText.Encode("runIndex");
    private static readonly JsonEncodedText ParametersName = JsonEncodedText.Encode("parameters");
    private static readonly JsonEncodedText StrategyName = JsonEncodedText.Encode("strategy");
    private static readonly JsonEncodedText SignalName = JsonEncodedText.Encode("signal");
    private static readonly JsonEncodedText SizingName = JsonEncodedText.Encode("sizing");
    private static readonly JsonEncodedText StopName = JsonEncodedText.Encode("stop");
    private static readonly JsonEncodedText MetricsName = JsonEncodedText.Encode("metrics");
    private static readonly JsonEncodedText[] MetricNames = [.. RunMetrics.Names.Select(name => JsonEncodedText.Encode(name))];

    /// <summary>Every metric of <paramref name="metrics"/> as a number property named as in <see cref="RunMetrics.Names"/>, null where not finite.</summary>
    private static void WriteMetrics(Utf8JsonWriter json, RunMetrics metrics)
    {
        Span<double> values = stackalloc double[MetricNames.Length];
        metrics.CopyValuesTo(values);
        for (int m = 0; m < values.Length; m++)
        {
            double value = values[m];
            if (IsPlainInteger(value))
            {
                // Counts, bar numbers, 0, ±1, the capital: the same digits as the double's shortest form, without its search.
                json.WriteNumber(MetricNames[m], (long)value);
            }
            else if (double.IsFinite(value))
            {
                json.WriteNumber(MetricNames[m], value);
            }
            else
            {
                json.WriteNull(MetricNames[m]);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> is a whole number below 10¹⁵ in magnitude and not −0 (which prints as "-0"):
    /// Utf8JsonWriter writes such a double as its plain decimal digits, the same bytes as the long (tested over every
    /// magnitude), while far larger doubles may take an exponent form.
    /// </summary>
    internal static bool IsPlainInteger(double value)
        => Math.Abs(value) < 1e15 && value == Math.Truncate(value) && !(value == 0 && double.IsNegative(value));

    /// <summary>A number property, null when not finite (JSON has no NaN).</summary>
    internal static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
