namespace LevBacktest.Core.Data;

/// <summary>The short names of <see cref="EpochTimeUnit"/> used in specs and on the command line: s, ms, us, ns.</summary>
public static class EpochTimeUnitNames
{
    /// <summary>The accepted names, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = ["s", "ms", "us", "ns"];

    /// <summary>Parses "s", "ms", "us" or "ns" (exact spelling).</summary>
    /// <param name="name">The short name.</param>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static EpochTimeUnit Parse(string name) => name switch
    {
        "s" => EpochTimeUnit.Seconds,
        "ms" => EpochTimeUnit.Milliseconds,
        "us" => EpochTimeUnit.Microseconds,
        "ns" => EpochTimeUnit.Nanoseconds,
        _ => throw new ArgumentException($"Unknown time unit '{name}'; use one of s, ms, us, ns.", nameof(name)),
    };

    /// <summary>The short name of a unit.</summary>
    /// <param name="unit">The unit.</param>
    public static string Format(EpochTimeUnit unit) => All[(int)unit];
}
