namespace LevBacktest.Core.Experiments;

/// <summary>The strategy of an experiment: a signal, a sizing rule and a stop-loss rule.</summary>
/// <param name="Signal">The signal (desired side at each bar close).</param>
/// <param name="Sizing">The sizing rule (target leverage at a fill, rebalancing).</param>
/// <param name="Stop">The stop-loss rule; the catalog's <c>"none"</c> when the spec leaves it out.</param>
public sealed record StrategySpec(StrategyComponentSpec Signal, StrategyComponentSpec Sizing, StrategyComponentSpec Stop);
