namespace LevBacktest.Core.Experiments;

/// <summary>
/// One axis of a sweep: a name as written in the spec (<c>"leverage"</c>, <c>"stop.percent"</c>,
/// <c>"sizing"</c>) and its values in order. The runs are the cartesian product of all axes.
/// </summary>
public sealed record SweepAxis
{
    /// <summary>The axis name as written in the spec's <c>sweep</c> object.</summary>
    public required string Name { get; init; }

    /// <summary>What the axis varies.</summary>
    public required SweepAxisTarget Target { get; init; }

    /// <summary>The component the axis addresses for <see cref="SweepAxisTarget.StrategyParameter"/> and
    /// <see cref="SweepAxisTarget.StrategyComponent"/>; null otherwise.</summary>
    public StrategyComponentRole? Role { get; init; }

    /// <summary>The parameter name for <see cref="SweepAxisTarget.StrategyParameter"/> (<c>"percent"</c> in
    /// <c>"stop.percent"</c>); the setting name for <see cref="SweepAxisTarget.Setting"/>; null otherwise.</summary>
    public string? Parameter { get; init; }

    /// <summary>The values, at least one, in spec order. For a component axis these are the component
    /// labels shown in tables (the name, followed by the parameters in parentheses when any are given); <see cref="Components"/> holds the full components.</summary>
    public required IReadOnlyList<SpecValue> Values { get; init; }

    /// <summary>For a <see cref="SweepAxisTarget.StrategyComponent"/> axis, the components, same length as
    /// <see cref="Values"/>; null otherwise.</summary>
    public IReadOnlyList<StrategyComponentSpec>? Components { get; init; }

    /// <summary>JSON path of the axis in the spec, for error messages.</summary>
    public required string JsonPath { get; init; }

    /// <summary>Number of values.</summary>
    public int Count => Values.Count;
}
