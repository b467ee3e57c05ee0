using System.Globalization;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Regression;

/// <summary>One swept value of a run: the sweep axis's name (as in the spec) and the value the run used.</summary>
/// <param name="Name">Axis name, e.g. <c>leverage</c> or <c>signal.threshold</c>.</param>
/// <param name="Value">The value (number, text or boolean).</param>
public readonly record struct SnapshotParameter(string Name, SpecValue Value)
{
    /// <summary>
    /// The value in the canonical form runs are matched by: numbers in the shortest round-trip invariant
    /// form (so <c>5</c> and <c>5.0</c> in JSON are the same value), text as is, booleans as <c>true</c>/<c>false</c>.
    /// </summary>
    public string CanonicalValue => Value.Kind switch
    {
        SpecValueKind.Number => Value.Number.ToString("R", CultureInfo.InvariantCulture),
        SpecValueKind.Text => Value.Text!,
        _ => Value.Boolean ? "true" : "false",
    };

    /// <summary><c>name = value</c>.</summary>
    public override string ToString() => $"{Name} = {CanonicalValue}";
}
