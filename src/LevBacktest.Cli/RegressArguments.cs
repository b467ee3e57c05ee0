namespace LevBacktest.Cli;

/// <summary>The parsed command line of <c>levbt regress</c>.</summary>
internal sealed record RegressArguments
{
    /// <summary>The spec file to run, or null with <see cref="ResultsPath"/>.</summary>
    public string? SpecPath { get; init; }

    /// <summary>--baseline.</summary>
    public required string BaselinePath { get; init; }

    /// <summary>--update: write the baseline instead of comparing.</summary>
    public bool Update { get; init; }

    /// <summary>--rtol.</summary>
    public double RelativeTolerance { get; init; } = Core.Regression.RegressionTolerance.DefaultRelative;

    /// <summary>--atol.</summary>
    public double AbsoluteTolerance { get; init; } = Core.Regression.RegressionTolerance.DefaultAbsolute;

    /// <summary>--results: a finished results folder to read instead of running the spec.</summary>
    public string? ResultsPath { get; init; }

    /// <summary>--threads, or null for one per core.</summary>
    public int? Threads { get; init; }
}
