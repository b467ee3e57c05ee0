using System.Globalization;
using System.Text.Json;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Regression;

/// <summary>
/// JSON reading helpers shared by <see cref="BaselineFile"/> and <see cref="ResultsSummaryReader"/>: every
/// failure is a <see cref="RegressionInputException"/> naming the file and the JSON path.
/// Non-finite numbers are the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> (JSON has no
/// literal for them); <c>null</c> also reads as NaN.
/// </summary>
internal static class SnapshotJson
{
    internal static JsonDocument Parse(string path, string what)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RegressionInputException($"Cannot read {what} {path}: {exception.Message}", exception);
        }

        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new RegressionInputException($"{what} {path} is not valid JSON (line {exception.LineNumber + 1}): {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The <c>$.runs</c> array shared by baselines and results summaries: each run's index (0 … int.MaxValue),
    /// swept parameters and metrics, in file order.
    /// </summary>
    /// <param name="root">The document's root object.</param>
    /// <param name="file">The file, for messages.</param>
    /// <exception cref="RegressionInputException">The array is missing, or a run is malformed; the message names the file and JSON path.</exception>
    internal static List<SnapshotRun> Runs(JsonElement root, string file)
    {
        var runs = new List<SnapshotRun>();
        int k = 0;
        foreach (var item in Property(root, "runs", file, "$", JsonValueKind.Array).EnumerateArray())
        {
            string at = $"$.runs[{k++}]";
            long index = Int64(item, "runIndex", file, at);
            if (index is < 0 or > int.MaxValue)
            {
                throw new RegressionInputException($"{file}: {at}.runIndex is {index}; it must be between 0 and {int.MaxValue}.");
            }

            var parameters = new List<SnapshotParameter>();
            foreach (var parameter in Property(item, "parameters", file, at, JsonValueKind.Object).EnumerateObject())
            {
                parameters.Add(new SnapshotParameter(parameter.Name, Value(parameter.Value, file, $"{at}.parameters.{parameter.Name}")));
            }

            var metrics = new List<KeyValuePair<string, double>>();
            foreach (var metric in Property(item, "metrics", file, at, JsonValueKind.Object).EnumerateObject())
            {
                metrics.Add(new(metric.Name, Number(metric.Value, file, $"{at}.metrics.{metric.Name}")));
            }

            try
            {
                runs.Add(new SnapshotRun((int)index, parameters, metrics));
            }
            catch (ArgumentException exception)
            {
                throw new RegressionInputException($"{file}: {at}: {exception.Message}", exception);
            }
        }

        return runs;
    }

    /// <summary>
    /// The optional <c>$.plugins</c> array shared by baselines and results summaries: each strategy plugin's
    /// <c>path</c> and <c>sha256</c>; empty when the property is absent (an experiment without plugins).
    /// </summary>
    /// <param name="root">The document's root object.</param>
    /// <param name="file">The file, for messages.</param>
    /// <exception cref="RegressionInputException">The property is not an array of such objects; the message names the JSON path.</exception>
    internal static List<SnapshotPlugin> Plugins(JsonElement root, string file)
    {
        var plugins = new List<SnapshotPlugin>();
        if (!root.TryGetProperty("plugins", out _))
        {
            return plugins;
        }

        int k = 0;
        foreach (var item in Property(root, "plugins", file, "$", JsonValueKind.Array).EnumerateArray())
        {
            string at = $"$.plugins[{k++}]";
            plugins.Add(new SnapshotPlugin(String(item, "path", file, at), String(item, "sha256", file, at)));
        }

        return plugins;
    }

    /// <summary>
    /// The prologue baselines and results summaries share: the file must exist, parse as JSON, hold an
    /// object at the top level and name <paramref name="formatName"/> in <c>$.format</c>.
    /// </summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="what">What the file is, for messages ("baseline file", "results summary").</param>
    /// <param name="missingMessage">The whole message when the file does not exist (says how to get one).</param>
    /// <param name="formatName">The expected <c>$.format</c>.</param>
    /// <param name="wrongFormatHint">Appended in parentheses when <c>$.format</c> differs.</param>
    /// <returns>The parsed document (the caller disposes it) and the file's label for later messages.</returns>
    /// <exception cref="RegressionInputException">Any of the above does not hold.</exception>
    internal static (JsonDocument Document, string File) OpenFormatted(string path, string what, string missingMessage, string formatName, string wrongFormatHint)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!System.IO.File.Exists(path))
        {
            throw new RegressionInputException(missingMessage);
        }

        var document = Parse(path, what);
        string file = $"{what} {path}";
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RegressionInputException($"{file}: the top level must be an object, found {Describe(root)}.");
            }

            string format = String(root, "format", file, "$");
            if (format != formatName)
            {
                throw new RegressionInputException($"{file}: $.format is \"{format}\"; this levbt reads \"{formatName}\" ({wrongFormatHint}).");
            }

            return (document, file);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    internal static JsonElement Property(JsonElement parent, string name, string file, string parentPath, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new RegressionInputException($"{file}: {parentPath} must be an object, found {Describe(parent)}.");
        }

        if (!parent.TryGetProperty(name, out var value))
        {
            throw new RegressionInputException($"{file}: {parentPath}.{name} is missing.");
        }

        if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            throw new RegressionInputException($"{file}: {parentPath}.{name} must be {KindName(kind)}, found {Describe(value)}.");
        }

        return value;
    }

    internal static string String(JsonElement parent, string name, string file, string parentPath)
        => Property(parent, name, file, parentPath, JsonValueKind.String).GetString()!;

    internal static long Int64(JsonElement parent, string name, string file, string parentPath)
    {
        var value = Property(parent, name, file, parentPath, JsonValueKind.Number);
        if (!value.TryGetInt64(out long result))
        {
            throw new RegressionInputException($"{file}: {parentPath}.{name} must be a whole number, found {value.GetRawText()}.");
        }

        return result;
    }

    internal static double Number(JsonElement value, string file, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDouble();
            case JsonValueKind.Null:
                return double.NaN;
            case JsonValueKind.String:
                string text = value.GetString()!;
                if (text == "NaN")
                {
                    return double.NaN;
                }

                if (text is "Infinity" or "+Infinity")
                {
                    return double.PositiveInfinity;
                }

                if (text == "-Infinity")
                {
                    return double.NegativeInfinity;
                }

                break;
        }

        throw new RegressionInputException($"{file}: {path} must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found {Describe(value)}.");
    }

    internal static SpecValue Value(JsonElement value, string file, string path) => value.ValueKind switch
    {
        JsonValueKind.Number => SpecValue.FromNumber(value.GetDouble()),
        JsonValueKind.String => SpecValue.FromText(value.GetString()!),
        JsonValueKind.True => SpecValue.FromBoolean(true),
        JsonValueKind.False => SpecValue.FromBoolean(false),
        _ => throw new RegressionInputException($"{file}: {path} must be a number, string or boolean, found {Describe(value)}."),
    };

    internal static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    internal static void WriteValue(Utf8JsonWriter writer, SpecValue value)
    {
        switch (value.Kind)
        {
            case SpecValueKind.Number:
                WriteNumber(writer, value.Number);
                break;
            case SpecValueKind.Text:
                writer.WriteStringValue(value.Text);
                break;
            default:
                writer.WriteBooleanValue(value.Boolean);
                break;
        }
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    internal static string FormatTime(long epochMs)
        => epochMs is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : epochMs.ToString(CultureInfo.InvariantCulture) + " ms";

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString(),
    };
}
