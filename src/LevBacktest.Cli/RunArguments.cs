namespace LevBacktest.Cli;

/// <summary>The parsed command line of <c>levbt run</c>.</summary>
internal sealed record RunArguments
{
    /// <summary>The spec file as given.</summary>
    public required string SpecPath { get; init; }

    /// <summary>--out, or null for the default folder.</summary>
    public string? OutputPath { get; init; }

    /// <summary>--prices, or null.</summary>
    public string? PricesPath { get; init; }

    /// <summary>--mark, or null.</summary>
    public string? MarkPath { get; init; }

    /// <summary>--funding, or null.</summary>
    public string? FundingPath { get; init; }

    /// <summary>--from as given, or null.</summary>
    public string? From { get; init; }

    /// <summary>--to as given, or null.</summary>
    public string? To { get; init; }

    /// <summary>--threads, or null for all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>--no-charts.</summary>
    public bool NoCharts { get; init; }

    /// <summary>--shard as given (i/n), or null.</summary>
    public string? Shard { get; init; }

    /// <summary>--plugin assemblies as given (relative to the current folder), after the spec's own; empty when none.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>--symbol and the --…-column options (override the spec's data.symbol and data.columns).</summary>
    public MarketDataChoices MarketData { get; init; } = new();

    /// <summary>--equity: what the folder keeps of each run's equity curve (auto, full, downsampled[:N], none); null = auto.</summary>
    public string? Equity { get; init; }

    /// <summary>--timings: print where the process's CPU time went (stderr).</summary>
    public bool Timings { get; init; }
}
