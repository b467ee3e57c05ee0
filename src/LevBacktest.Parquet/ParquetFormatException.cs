namespace LevBacktest.Parquet;

/// <summary>
/// A Parquet file is malformed, truncated or corrupt. The message names the file and, where known,
/// the row group, column and byte offset, so a user can tell which input is bad.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    /// <summary>Creates the exception with a complete, user-facing message.</summary>
    /// <param name="message">What is wrong and where (file, row group, column, byte offset).</param>
    public ParquetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete message and the low-level cause.</summary>
    /// <param name="message">What is wrong and where (file, row group, column, byte offset).</param>
    /// <param name="innerException">The decoder's own exception.</param>
    public ParquetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
