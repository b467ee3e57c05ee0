namespace LevBacktest.Core.Strategies.Plugins;

/// <summary>
/// A strategy plugin cannot be used: the file is missing or not a .NET assembly, it was built against another
/// major version of LevBacktest.Core, it registers no strategy, or one of its names is already taken by a
/// built-in strategy or another plugin. The message names the plugin file (and the other party of a clash),
/// so the CLI prints it as it is.
/// </summary>
public sealed class StrategyPluginException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    /// <param name="message">What is wrong, naming the plugin file.</param>
    public StrategyPluginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an actionable message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the plugin file.</param>
    /// <param name="innerException">The underlying error.</param>
    public StrategyPluginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
