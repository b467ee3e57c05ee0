using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>One finished run of a sweep: where it sits in the sweep and what the engine produced.</summary>
/// <param name="Point">The run's index and resolved settings.</param>
/// <param name="Result">The engine's result: metrics, equity curve, trades, liquidations, funding payments.</param>
public sealed record RunOutcome(RunPoint Point, RunResult Result);
