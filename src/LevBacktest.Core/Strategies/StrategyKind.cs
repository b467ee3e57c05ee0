namespace LevBacktest.Core.Strategies;

/// <summary>The three pluggable roles of a strategy (DESIGN.md "Strategies").</summary>
public enum StrategyKind
{
    /// <summary>An <see cref="ISignal"/>: desired direction at each bar close.</summary>
    Signal,

    /// <summary>An <see cref="ISizing"/>: target leverage at a fill, and when to rebalance.</summary>
    Sizing,

    /// <summary>An <see cref="IStopLoss"/>: stop price after entry and after each completed bar.</summary>
    StopLoss,
}
