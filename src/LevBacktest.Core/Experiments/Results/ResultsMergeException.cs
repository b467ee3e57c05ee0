namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Shard folders that cannot be merged: a folder that is not a complete results folder, folders of different
/// specs, data or tool versions, or folders that do not cover every run of the sweep exactly once. The message
/// names the folders, the file or JSON field, and the run indices concerned.
/// </summary>
public sealed class ResultsMergeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming folders, files and run indices.</param>
    public ResultsMergeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong, naming folders, files and run indices.</param>
    /// <param name="innerException">The cause (a JSON or Parquet reading error).</param>
    public ResultsMergeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
