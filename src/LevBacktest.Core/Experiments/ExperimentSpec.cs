using System.Text.Json;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// A parsed experiment: data, instrument, capital, strategy, sweep axes and execution rules.
/// Read one with <see cref="ExperimentSpecReader"/>; the JSON format is documented by
/// <c>strategies/experiment.schema.json</c> and the examples in <c>strategies/examples/</c>.
/// </summary>
public sealed record ExperimentSpec
{
    /// <summary>Experiment name (used for the default output folder).</summary>
    public required string Name { get; init; }

    /// <summary>Free-text description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The market data.</summary>
    public required ExperimentDataSpec Data { get; init; }

    /// <summary>Contract and account terms.</summary>
    public required InstrumentSpec Instrument { get; init; }

    /// <summary>Starting account equity in USDT (positive).</summary>
    public required double InitialCapital { get; init; }

    /// <summary>The leverage under test when the sweep has no <c>"leverage"</c> axis (default 1).</summary>
    public double Leverage { get; init; } = 1.0;

    /// <summary>The strategy.</summary>
    public required StrategySpec Strategy { get; init; }

    /// <summary>Sweep axes in spec order (the first varies slowest); empty for a single run.</summary>
    public IReadOnlyList<SweepAxis> Sweep { get; init; } = [];

    /// <summary>Fill, stop-trigger and after-liquidation rules.</summary>
    public ExecutionSpec Execution { get; init; } = new();

    /// <summary>
    /// Strategy plugin assemblies (<c>"plugins"</c>), absolute paths (the spec gives them relative to its folder);
    /// empty when none. Load them with <see cref="Strategies.Plugins.StrategyPlugins.LoadAll"/> before planning.
    /// </summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>The <c>monteCarlo</c> section read by <c>levbt montecarlo</c>, or null when the spec has none (defaults apply).</summary>
    public MonteCarlo.MonteCarloSpec? MonteCarlo { get; init; }

    /// <summary>
    /// The portfolio when the spec lists <c>"instruments"</c>, else null. Then <see cref="Data"/>, <see cref="Instrument"/>
    /// and <see cref="Strategy"/> describe instrument 0 (its data, its contract with the account's terms, its signal
    /// and stop with <c>fixed-leverage</c> sizing) and the other instruments are in <see cref="PortfolioSpec.Instruments"/>.
    /// </summary>
    public PortfolioSpec? Portfolio { get; init; }

    /// <summary>The spec document as read (for <c>summary.json</c>); a detached clone.</summary>
    public required JsonElement Document { get; init; }

    /// <summary>The spec file, absolute path, or null when read from text.</summary>
    public string? SourcePath { get; init; }
}
