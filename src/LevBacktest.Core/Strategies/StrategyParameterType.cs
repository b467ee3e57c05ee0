namespace LevBacktest.Core.Strategies;

/// <summary>The value type of a <see cref="StrategyParameter"/>, as it is written in an experiment spec.</summary>
public enum StrategyParameterType
{
    /// <summary>A finite real number (<see cref="double"/>), e.g. a fraction 0.05 or a multiple 3.</summary>
    Number,

    /// <summary>A whole number (<see cref="int"/>), e.g. a lookback in bars.</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One string out of <see cref="StrategyParameter.Choices"/> (compared case-insensitively).</summary>
    Choice,
}
