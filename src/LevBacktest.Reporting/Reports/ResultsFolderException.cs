namespace LevBacktest.Reporting.Reports;

/// <summary>
/// A results folder cannot be read: it is missing, lacks <c>summary.json</c> or one of the Parquet files, or a
/// file is malformed. The message names the folder or file and what is wrong, in one line.
/// </summary>
public sealed class ResultsFolderException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the file and the problem.</param>
    public ResultsFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">One line naming the file and the problem.</param>
    /// <param name="innerException">The cause (e.g. a JSON or Parquet format error).</param>
    public ResultsFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
