namespace LevBacktest.Core.Regression;

/// <summary>
/// A baseline file or results summary that cannot be read: missing, not JSON, or a field missing or of
/// the wrong type. The message names the file and the JSON path of the field.
/// </summary>
public sealed class RegressionInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming file and field.</param>
    public RegressionInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong, naming file and field.</param>
    /// <param name="innerException">The cause.</param>
    public RegressionInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
