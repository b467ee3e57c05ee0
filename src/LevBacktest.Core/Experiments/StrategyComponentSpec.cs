namespace LevBacktest.Core.Experiments;

/// <summary>One strategy component of a spec — a signal, a sizing rule or a stop — by catalog name with its parameters.</summary>
/// <param name="Name">Catalog name, e.g. <c>"ma-cross"</c>.</param>
/// <param name="Parameters">Parameter values by parameter name, in spec order; parameters left out take their defaults.</param>
/// <param name="JsonPath">Where the component sits in the spec (e.g. <c>$.strategy.signal</c>), for error messages.</param>
public sealed record StrategyComponentSpec(string Name, IReadOnlyDictionary<string, SpecValue> Parameters, string JsonPath)
{
    /// <summary>A copy with one parameter set (added or replaced).</summary>
    /// <param name="parameter">Parameter name.</param>
    /// <param name="value">New value.</param>
    public StrategyComponentSpec WithParameter(string parameter, SpecValue value)
    {
        var copy = new Dictionary<string, SpecValue>(Parameters, StringComparer.Ordinal) { [parameter] = value };
        return this with { Parameters = copy };
    }
}
