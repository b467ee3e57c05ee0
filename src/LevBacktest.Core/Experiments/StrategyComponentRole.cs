namespace LevBacktest.Core.Experiments;

/// <summary>Which of the three strategy slots a component or a sweep axis addresses.</summary>
public enum StrategyComponentRole
{
    /// <summary>The signal, <c>$.strategy.signal</c>.</summary>
    Signal,

    /// <summary>The sizing rule, <c>$.strategy.sizing</c>.</summary>
    Sizing,

    /// <summary>The stop-loss rule, <c>$.strategy.stop</c>.</summary>
    Stop,
}
