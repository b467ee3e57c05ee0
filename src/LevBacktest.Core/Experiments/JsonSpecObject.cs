using System.Globalization;
using System.Text.Json;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Reads one JSON object of a spec with exact JSON paths in every error: typed accessors for known
/// properties, duplicate detection, and <see cref="RejectUnknown"/> listing the properties allowed.
/// </summary>
internal sealed class JsonSpecObject
{
    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="element"/>, which must be an object.</summary>
    /// <exception cref="ExperimentSpecException">Not an object, or a property appears twice.</exception>
    public JsonSpecObject(JsonElement element, string path)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ExperimentSpecException(path, $"expected an object, found {Describe(element)}.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!_properties.TryAdd(property.Name, property.Value))
            {
                throw new ExperimentSpecException(Child(path, property.Name), "the property appears twice.");
            }

            _order.Add(property.Name);
        }
    }

    /// <summary>JSON path of this object.</summary>
    public string Path { get; }

    /// <summary>Property names in document order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>The path of a property of this object.</summary>
    public string PathOf(string name) => Child(Path, name);

    /// <summary>Marks names as allowed without reading them (for <see cref="RejectUnknown"/>).</summary>
    public void Allow(params string[] names)
    {
        foreach (var name in names)
        {
            _known.Add(name);
        }
    }

    /// <summary>The raw property, or false when absent (JSON null counts as absent).</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        _known.Add(name);
        return _properties.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A required property.</summary>
    public JsonElement Required(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw new ExperimentSpecException(PathOf(name), "required property is missing.");
        }

        return value;
    }

    /// <summary>A required non-blank string.</summary>
    public string RequiredString(string name) => AsString(Required(name), PathOf(name));

    /// <summary>An optional string, or <paramref name="fallback"/>.</summary>
    public string? OptionalString(string name, string? fallback = null)
        => TryGet(name, out var value) ? AsString(value, PathOf(name)) : fallback;

    /// <summary>An optional string that must be one of <paramref name="allowed"/> (exact spelling).</summary>
    public string OptionalChoice(string name, string fallback, IReadOnlyList<string> allowed)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        string text = AsString(value, PathOf(name));
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            throw new ExperimentSpecException(PathOf(name), $"unknown value '{text}'; valid values: {string.Join(", ", allowed)}.");
        }

        return text;
    }

    /// <summary>A required finite number.</summary>
    public double RequiredNumber(string name) => AsNumber(Required(name), PathOf(name));

    /// <summary>An optional finite number, or <paramref name="fallback"/>.</summary>
    public double OptionalNumber(string name, double fallback)
        => TryGet(name, out var value) ? AsNumber(value, PathOf(name)) : fallback;

    /// <summary>An optional nested object, or null.</summary>
    public JsonSpecObject? OptionalObject(string name)
        => TryGet(name, out var value) ? new JsonSpecObject(value, PathOf(name)) : null;

    /// <summary>A required nested object.</summary>
    public JsonSpecObject RequiredObject(string name) => new(Required(name), PathOf(name));

    /// <summary>Throws for the first property that no accessor asked for, listing the allowed ones.</summary>
    /// <exception cref="ExperimentSpecException">An unknown property is present.</exception>
    public void RejectUnknown()
    {
        foreach (var name in _order)
        {
            if (!_known.Contains(name))
            {
                var allowed = _known.OrderBy(n => n, StringComparer.Ordinal);
                throw new ExperimentSpecException(PathOf(name), $"unknown property '{name}'; allowed here: {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>Path of a property of the object at <paramref name="parent"/>: dotted for identifiers, bracketed otherwise.</summary>
    public static string Child(string parent, string name)
    {
        bool identifier = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$');
        foreach (char c in name)
        {
            identifier &= char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
        }

        return identifier ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>Path of an array element.</summary>
    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>A non-blank string value.</summary>
    public static string AsString(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ExperimentSpecException(path, $"expected a string, found {Describe(value)}.");
        }

        string text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExperimentSpecException(path, "must not be empty.");
        }

        return text;
    }

    /// <summary>A finite number value.</summary>
    public static double AsNumber(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new ExperimentSpecException(path, $"expected a number, found {Describe(value)}.");
        }

        double number = value.GetDouble();
        if (!double.IsFinite(number))
        {
            throw new ExperimentSpecException(path, "the number is out of range.");
        }

        return number;
    }

    /// <summary>A scalar (number, string, boolean) as a <see cref="SpecValue"/>.</summary>
    public static SpecValue AsScalar(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number => SpecValue.FromNumber(AsNumber(value, path)),
        JsonValueKind.String => SpecValue.FromText(value.GetString()!),
        JsonValueKind.True => SpecValue.FromBoolean(true),
        JsonValueKind.False => SpecValue.FromBoolean(false),
        _ => throw new ExperimentSpecException(path, $"expected a number, string or boolean, found {Describe(value)}."),
    };

    /// <summary>A short description of a JSON value's type for error messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
