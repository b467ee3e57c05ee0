namespace LevBacktest.Core.Experiments;

/// <summary>One run of a sweep failed; the message names the run index and its swept values.</summary>
public sealed class ExperimentRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="runIndex">The failing run.</param>
    /// <param name="point">Its swept values, e.g. <c>leverage = 150</c>.</param>
    /// <param name="innerException">What the engine reported.</param>
    public ExperimentRunException(int runIndex, string point, Exception innerException)
        : base($"run {runIndex}{(point.Length > 0 ? $" ({point})" : string.Empty)}: {innerException.Message}", innerException)
    {
        RunIndex = runIndex;
    }

    /// <summary>The failing run's index.</summary>
    public int RunIndex { get; }
}
