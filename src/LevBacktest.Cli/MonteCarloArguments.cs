namespace LevBacktest.Cli;

/// <summary>The parsed command line of <c>levbt montecarlo</c>; null where an option was not given (the spec's value, else the default, applies).</summary>
internal sealed record MonteCarloArguments
{
    /// <summary>The experiment spec.</summary>
    public required string SpecPath { get; init; }

    /// <summary>--paths.</summary>
    public int? Paths { get; init; }

    /// <summary>--horizon (duration text).</summary>
    public string? Horizon { get; init; }

    /// <summary>--block (duration text).</summary>
    public string? Block { get; init; }

    /// <summary>--seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>--generator.</summary>
    public string? Generator { get; init; }

    /// <summary>--out.</summary>
    public string? OutputPath { get; init; }

    /// <summary>--threads.</summary>
    public int? Threads { get; init; }

    /// <summary>--shard i/n.</summary>
    public string? Shard { get; init; }

    /// <summary>--no-charts.</summary>
    public bool NoCharts { get; init; }
}
