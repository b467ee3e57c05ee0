namespace LevBacktest.Core.Strategies;

/// <summary>
/// An experiment names a strategy that does not exist, or gives it a parameter that is unknown, of the
/// wrong type or out of range. The message says what was wrong and lists what is valid (strategy names,
/// or parameters with their types, defaults and ranges), so the CLI can print it as it is.
/// </summary>
public sealed class StrategyConfigurationException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    /// <param name="message">What is wrong and what is valid.</param>
    public StrategyConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an actionable message and the error that caused it.</summary>
    /// <param name="message">What is wrong and what is valid.</param>
    /// <param name="innerException">The underlying error.</param>
    public StrategyConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
