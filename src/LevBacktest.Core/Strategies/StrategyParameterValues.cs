using System.Text;
using System.Text.Json;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// The bound, validated parameter values of one strategy for one run: every declared parameter has a
/// value (given in the spec or its default), of its declared type and within its range.
/// </summary>
/// <remarks>
/// Built by <see cref="StrategyDescriptor.Bind(IEnumerable{KeyValuePair{string, object}})"/> or its
/// overloads. Immutable; the getters are for factories (called once per run, not per bar).
/// </remarks>
public sealed class StrategyParameterValues
{
    private readonly object[] _values;
    private readonly bool[] _given;

    private StrategyParameterValues(StrategyDescriptor descriptor, object[] values, bool[] given)
    {
        Descriptor = descriptor;
        _values = values;
        _given = given;
    }

    /// <summary>The strategy these values belong to.</summary>
    public StrategyDescriptor Descriptor { get; }

    /// <summary>The parameters with their resolved values, in declaration order (for summaries and run labels).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Values
    {
        get
        {
            var list = new KeyValuePair<string, object>[_values.Length];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = new(Descriptor.Parameters[i].Name, _values[i]);
            }

            return list;
        }
    }

    /// <summary>The value of a Number parameter.</summary>
    /// <param name="name">Declared name (case-insensitive).</param>
    /// <exception cref="KeyNotFoundException">No parameter of that name is declared.</exception>
    /// <exception cref="InvalidOperationException">The parameter is not a Number.</exception>
    public double GetNumber(string name) => (double)Get(name, StrategyParameterType.Number);

    /// <summary>The value of an Integer parameter.</summary>
    /// <param name="name">Declared name (case-insensitive).</param>
    /// <exception cref="KeyNotFoundException">No parameter of that name is declared.</exception>
    /// <exception cref="InvalidOperationException">The parameter is not an Integer.</exception>
    public int GetInteger(string name) => (int)Get(name, StrategyParameterType.Integer);

    /// <summary>The value of a Boolean parameter.</summary>
    /// <param name="name">Declared name (case-insensitive).</param>
    /// <exception cref="KeyNotFoundException">No parameter of that name is declared.</exception>
    /// <exception cref="InvalidOperationException">The parameter is not a Boolean.</exception>
    public bool GetBoolean(string name) => (bool)Get(name, StrategyParameterType.Boolean);

    /// <summary>The value of a Choice parameter, spelled as declared in <see cref="StrategyParameter.Choices"/>.</summary>
    /// <param name="name">Declared name (case-insensitive).</param>
    /// <exception cref="KeyNotFoundException">No parameter of that name is declared.</exception>
    /// <exception cref="InvalidOperationException">The parameter is not a Choice.</exception>
    public string GetChoice(string name) => (string)Get(name, StrategyParameterType.Choice);

    /// <summary>True when the spec gave the parameter, false when its default was used.</summary>
    /// <param name="name">Declared name (case-insensitive).</param>
    /// <exception cref="KeyNotFoundException">No parameter of that name is declared.</exception>
    public bool IsGiven(string name) => _given[IndexOf(name)];

    /// <summary>"name=value, …" in declaration order, e.g. "fast=20, slow=50, kind=sma" (empty when none).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Descriptor.Parameters[i].Name).Append('=').Append(StrategyParameter.FormatValue(_values[i]));
        }

        return text.ToString();
    }

    /// <summary>Binds raw values to a descriptor's parameters (see <see cref="StrategyDescriptor.Bind(IEnumerable{KeyValuePair{string, object}})"/>).</summary>
    internal static StrategyParameterValues Bind(StrategyDescriptor descriptor, IEnumerable<KeyValuePair<string, object?>>? raw)
    {
        var parameters = descriptor.Parameters;
        object[] values = new object[parameters.Count];
        bool[] given = new bool[parameters.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = parameters[i].DefaultValue;
        }

        if (raw is not null)
        {
            foreach (var (name, value) in raw)
            {
                int index = FindIndex(parameters, name);
                if (index < 0)
                {
                    throw new StrategyConfigurationException(
                        $"{descriptor.Label} has no parameter '{name}'. {DescribeParameters(descriptor)}");
                }

                if (given[index])
                {
                    throw new StrategyConfigurationException(
                        $"{descriptor.Label}: parameter '{parameters[index].Name}' is given twice.");
                }

                object? converted = parameters[index].TryConvert(value, out string problem);
                if (converted is null)
                {
                    throw new StrategyConfigurationException(
                        $"{descriptor.Label}: parameter '{parameters[index].Name}' {problem}. {DescribeParameters(descriptor)}");
                }

                values[index] = converted;
                given[index] = true;
            }
        }

        return new StrategyParameterValues(descriptor, values, given);
    }

    /// <summary>Binds the entries of a JSON object.</summary>
    internal static IEnumerable<KeyValuePair<string, object?>> FromJson(IEnumerable<KeyValuePair<string, JsonElement>> raw)
    {
        foreach (var (name, value) in raw)
        {
            yield return new(name, value);
        }
    }

    /// <summary>"Valid parameters: a (number, …): …; b (…): …" or "It takes no parameters."</summary>
    internal static string DescribeParameters(StrategyDescriptor descriptor)
    {
        if (descriptor.Parameters.Count == 0)
        {
            return "It takes no parameters.";
        }

        var text = new StringBuilder("Valid parameters: ");
        for (int i = 0; i < descriptor.Parameters.Count; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }

            text.Append(descriptor.Parameters[i].Describe());
        }

        return text.Append('.').ToString();
    }

    private object Get(string name, StrategyParameterType type)
    {
        int index = IndexOf(name);
        var parameter = Descriptor.Parameters[index];
        if (parameter.Type != type)
        {
            throw new InvalidOperationException(
                $"{Descriptor.Label}: parameter '{parameter.Name}' is declared as {parameter.Type}, not {type}.");
        }

        return _values[index];
    }

    private int IndexOf(string name)
    {
        int index = FindIndex(Descriptor.Parameters, name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"{Descriptor.Label} declares no parameter '{name}'. {DescribeParameters(Descriptor)}");
        }

        return index;
    }

    private static int FindIndex(IReadOnlyList<StrategyParameter> parameters, string name)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (string.Equals(parameters[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
