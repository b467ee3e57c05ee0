using LevBacktest.Core.Data;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>Where a results folder came from: the tool, the loaded data files and the command-line overrides.</summary>
public sealed record ResultsProvenance
{
    /// <summary>The tool's name and version, e.g. <c>levbt 0.1.0+abc123</c>.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The loaded data: its validation report and the fingerprint (SHA-256, rows, span) of every file.</summary>
    public required LoadedMarketData LoadedData { get; init; }

    /// <summary>A portfolio's instruments as loaded (<see cref="LoadedData"/> is instrument 0's); empty for a single instrument.</summary>
    public IReadOnlyList<PortfolioInstrumentData> PortfolioData { get; init; } = [];

    /// <summary>Spec values replaced on the command line (<c>prices</c>, <c>from</c>, …) as given; empty when none.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>The strategy plugins the catalog was built with (path and SHA-256 go to summary.json); empty when none.</summary>
    public IReadOnlyList<Strategies.Plugins.StrategyPlugin> Plugins { get; init; } = [];
}
