using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>One finished run of a sweep: where it sits in the sweep and what the engine produced.</summary>
/// <param name="Point">The run's index and resolved settings.</param>
/// <param name="Result">The engine's result: metrics, equity curve, trades, liquidations, funding payments.</param>
public sealed record RunOutcome(RunPoint Point, RunResult Result)
{
    /// <summary>A portfolio run: what each instrument did (exposure, contribution, which event is whose); null for a single-instrument run.
    /// <see cref="Result"/> is then the account's (its metrics, equity curve and every instrument's events).</summary>
    public PortfolioRunDetail? Portfolio { get; init; }
}
