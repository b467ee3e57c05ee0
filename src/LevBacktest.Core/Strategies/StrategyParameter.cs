using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// One typed, documented parameter of a strategy: its name as written in an experiment spec, its type,
/// its default, its valid range or choices and a one-line description.
/// </summary>
/// <remarks>
/// Create instances with <see cref="Number"/>, <see cref="Integer"/>, <see cref="Boolean"/> or
/// <see cref="Choice"/>. Names are matched case-insensitively (ordinal) when a spec is bound.
/// Bounds follow JSON Schema: inclusive unless the matching <c>…IsExclusive</c> flag is set.
/// </remarks>
public sealed class StrategyParameter
{
    private StrategyParameter(
        string name,
        StrategyParameterType type,
        object defaultValue,
        string description,
        double? minimum,
        bool minimumIsExclusive,
        double? maximum,
        bool maximumIsExclusive,
        IReadOnlyList<string> choices)
    {
        Name = name;
        Type = type;
        DefaultValue = defaultValue;
        Description = description;
        Minimum = minimum;
        MinimumIsExclusive = minimumIsExclusive;
        Maximum = maximum;
        MaximumIsExclusive = maximumIsExclusive;
        Choices = choices;
    }

    /// <summary>The parameter's name in a spec (camelCase, e.g. "atrPeriod").</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public StrategyParameterType Type { get; }

    /// <summary>
    /// The value used when a spec does not give the parameter: a boxed <see cref="double"/> (Number),
    /// <see cref="int"/> (Integer), <see cref="bool"/> (Boolean) or <see cref="string"/> (Choice).
    /// </summary>
    public object DefaultValue { get; }

    /// <summary>One line saying what the parameter means, with its unit.</summary>
    public string Description { get; }

    /// <summary>Lower bound for Number and Integer parameters, or null when unbounded.</summary>
    public double? Minimum { get; }

    /// <summary>True when <see cref="Minimum"/> itself is not allowed.</summary>
    public bool MinimumIsExclusive { get; }

    /// <summary>Upper bound for Number and Integer parameters, or null when unbounded.</summary>
    public double? Maximum { get; }

    /// <summary>True when <see cref="Maximum"/> itself is not allowed.</summary>
    public bool MaximumIsExclusive { get; }

    /// <summary>The allowed values of a Choice parameter (empty for the other types).</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Declares a real-valued parameter.</summary>
    /// <param name="name">Name in the spec.</param>
    /// <param name="defaultValue">Default; must be finite and within the bounds.</param>
    /// <param name="description">One-line description with the unit.</param>
    /// <param name="minimum">Lower bound, or null.</param>
    /// <param name="maximum">Upper bound, or null.</param>
    /// <param name="minimumIsExclusive">True when the lower bound itself is invalid.</param>
    /// <param name="maximumIsExclusive">True when the upper bound itself is invalid.</param>
    /// <exception cref="ArgumentException">Blank name or description, or a default outside the bounds.</exception>
    public static StrategyParameter Number(
        string name,
        double defaultValue,
        string description,
        double? minimum = null,
        double? maximum = null,
        bool minimumIsExclusive = false,
        bool maximumIsExclusive = false)
    {
        var parameter = new StrategyParameter(
            CheckName(name), StrategyParameterType.Number, defaultValue, CheckDescription(description),
            minimum, minimumIsExclusive, maximum, maximumIsExclusive, []);
        if (!double.IsFinite(defaultValue) || !parameter.IsWithinBounds(defaultValue))
        {
            throw new ArgumentException($"Default {Format(defaultValue)} of parameter '{name}' is not finite or outside {parameter.DescribeRange()}.", nameof(defaultValue));
        }

        return parameter;
    }

    /// <summary>Declares a whole-number parameter.</summary>
    /// <param name="name">Name in the spec.</param>
    /// <param name="defaultValue">Default; must be within the bounds.</param>
    /// <param name="description">One-line description with the unit.</param>
    /// <param name="minimum">Inclusive lower bound, or null.</param>
    /// <param name="maximum">Inclusive upper bound, or null.</param>
    /// <exception cref="ArgumentException">Blank name or description, or a default outside the bounds.</exception>
    public static StrategyParameter Integer(string name, int defaultValue, string description, int? minimum = null, int? maximum = null)
    {
        var parameter = new StrategyParameter(
            CheckName(name), StrategyParameterType.Integer, defaultValue, CheckDescription(description),
            minimum, false, maximum, false, []);
        if (!parameter.IsWithinBounds(defaultValue))
        {
            throw new ArgumentException($"Default {defaultValue} of parameter '{name}' is outside {parameter.DescribeRange()}.", nameof(defaultValue));
        }

        return parameter;
    }

    /// <summary>Declares a true/false parameter.</summary>
    /// <param name="name">Name in the spec.</param>
    /// <param name="defaultValue">Default.</param>
    /// <param name="description">One-line description.</param>
    /// <exception cref="ArgumentException">Blank name or description.</exception>
    public static StrategyParameter Boolean(string name, bool defaultValue, string description) =>
        new(CheckName(name), StrategyParameterType.Boolean, defaultValue, CheckDescription(description), null, false, null, false, []);

    /// <summary>Declares a parameter that takes one of a fixed set of strings.</summary>
    /// <param name="name">Name in the spec.</param>
    /// <param name="defaultValue">Default; must be one of <paramref name="choices"/>.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="choices">The allowed values (at least one, distinct ignoring case).</param>
    /// <exception cref="ArgumentException">Blank name or description, no choices, duplicates, or a default that is not a choice.</exception>
    public static StrategyParameter Choice(string name, string defaultValue, string description, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Length == 0)
        {
            throw new ArgumentException($"Choice parameter '{name}' needs at least one choice.", nameof(choices));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string choice in choices)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(choice, nameof(choices));
            if (!seen.Add(choice))
            {
                throw new ArgumentException($"Choice parameter '{name}' lists '{choice}' twice.", nameof(choices));
            }
        }

        string? canonical = FindChoice(choices, defaultValue);
        if (canonical is null)
        {
            throw new ArgumentException($"Default '{defaultValue}' of parameter '{name}' is not one of {string.Join(", ", choices)}.", nameof(defaultValue));
        }

        return new StrategyParameter(
            CheckName(name), StrategyParameterType.Choice, canonical, CheckDescription(description),
            null, false, null, false, (string[])choices.Clone());
    }

    /// <summary>
    /// One line for error messages and listings, e.g.
    /// "fast (integer, default 20, ≥ 1): bars in the fast moving average".
    /// </summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Name).Append(" (").Append(TypeName(Type)).Append(", default ").Append(FormatValue(DefaultValue));
        string range = DescribeRange();
        if (range.Length > 0)
        {
            text.Append(", ").Append(range);
        }

        text.Append("): ").Append(Description);
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    /// <summary>Formats a bound value the way <see cref="Describe"/> does (invariant culture, "true"/"false").</summary>
    internal static string FormatValue(object value) => value switch
    {
        double number => Format(number),
        int integer => integer.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Converts a raw spec value to this parameter's boxed type, checking type and range.
    /// Accepts <see cref="JsonElement"/>, CLR numbers, <see cref="bool"/> and <see cref="string"/>
    /// (numeric and boolean strings are parsed with the invariant culture, for command-line overrides).
    /// </summary>
    /// <returns>The converted value, or null with <paramref name="problem"/> set.</returns>
    internal object? TryConvert(object? raw, out string problem)
    {
        problem = string.Empty;
        switch (Type)
        {
            case StrategyParameterType.Number:
                if (!TryReadNumber(raw, out double number) || !double.IsFinite(number))
                {
                    problem = $"must be a finite number, got {DescribeRaw(raw)}";
                    return null;
                }

                if (!IsWithinBounds(number))
                {
                    problem = $"must be {DescribeRange()}, got {Format(number)}";
                    return null;
                }

                return number;

            case StrategyParameterType.Integer:
                if (!TryReadNumber(raw, out double whole) || !double.IsFinite(whole) || Math.Floor(whole) != whole
                    || whole < int.MinValue || whole > int.MaxValue)
                {
                    problem = $"must be a whole number, got {DescribeRaw(raw)}";
                    return null;
                }

                if (!IsWithinBounds(whole))
                {
                    problem = $"must be {DescribeRange()}, got {Format(whole)}";
                    return null;
                }

                return (int)whole;

            case StrategyParameterType.Boolean:
                bool? flag = raw switch
                {
                    bool b => b,
                    JsonElement { ValueKind: JsonValueKind.True } => true,
                    JsonElement { ValueKind: JsonValueKind.False } => false,
                    JsonElement { ValueKind: JsonValueKind.String } e => ParseBoolean(e.GetString()),
                    string s => ParseBoolean(s),
                    _ => null,
                };
                if (flag is null)
                {
                    problem = $"must be true or false, got {DescribeRaw(raw)}";
                    return null;
                }

                return flag.Value;

            default:
                string? text = raw switch
                {
                    string s => s,
                    JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                    _ => null,
                };
                string? choice = text is null ? null : FindChoice(Choices, text);
                if (choice is null)
                {
                    problem = $"must be one of {string.Join(", ", Choices)}, got {DescribeRaw(raw)}";
                    return null;
                }

                return choice;
        }
    }

    private bool IsWithinBounds(double value)
    {
        if (Minimum is double min && (MinimumIsExclusive ? value <= min : value < min))
        {
            return false;
        }

        return Maximum is not double max || (MaximumIsExclusive ? value < max : value <= max);
    }

    private string DescribeRange()
    {
        if (Type == StrategyParameterType.Choice)
        {
            return "one of " + string.Join(", ", Choices);
        }

        string lower = Minimum is double min ? (MinimumIsExclusive ? "> " : "≥ ") + Format(min) : string.Empty;
        string upper = Maximum is double max ? (MaximumIsExclusive ? "< " : "≤ ") + Format(max) : string.Empty;
        return lower.Length > 0 && upper.Length > 0 ? lower + " and " + upper : lower + upper;
    }

    private static bool TryReadNumber(object? raw, out double value)
    {
        switch (raw)
        {
            case double d:
                value = d;
                return true;
            case float f:
                value = f;
                return true;
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
            case short s:
                value = s;
                return true;
            case decimal m:
                value = (double)m;
                return true;
            case string text:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case JsonElement { ValueKind: JsonValueKind.Number } element:
                return element.TryGetDouble(out value);
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            default:
                value = double.NaN;
                return false;
        }
    }

    private static bool? ParseBoolean(string? text) =>
        string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    private static string? FindChoice(IReadOnlyList<string> choices, string? text)
    {
        foreach (string choice in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        return null;
    }

    private static string DescribeRaw(object? raw) => raw switch
    {
        null => "null",
        JsonElement element => element.ValueKind switch
        {
            JsonValueKind.String => $"\"{element.GetString()}\"",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        },
        string s => $"\"{s}\"",
        double d => Format(d),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.GetType().Name,
    };

    private static string TypeName(StrategyParameterType type) => type switch
    {
        StrategyParameterType.Number => "number",
        StrategyParameterType.Integer => "integer",
        StrategyParameterType.Boolean => "boolean",
        _ => "choice",
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                throw new ArgumentException($"Parameter name '{name}' may contain only ASCII letters, digits, '-' and '_'.", nameof(name));
            }
        }

        return name;
    }

    private static string CheckDescription(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return description;
    }
}
