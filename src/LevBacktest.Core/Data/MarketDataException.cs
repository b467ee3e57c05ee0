namespace LevBacktest.Core.Data;

/// <summary>
/// Bad market-data input: a missing or ambiguous column, a value that fails validation, an
/// unreadable file. The message names the file, and the row and column when one is at fault.
/// </summary>
public sealed class MarketDataException : Exception
{
    /// <summary>Creates the exception with a complete message.</summary>
    /// <param name="message">What is wrong and how to fix it; should name the file.</param>
    public MarketDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete message and the underlying cause.</summary>
    /// <param name="message">What is wrong and how to fix it; should name the file.</param>
    /// <param name="innerException">The error that caused this one (I/O, Parquet format).</param>
    public MarketDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a value at a known place.</summary>
    /// <param name="filePath">The file holding the bad value.</param>
    /// <param name="row">Row description as it appears in the message ("row 12" for Parquet, "line 14" for CSV), or null.</param>
    /// <param name="column">Column name, or null when the problem is not about one column.</param>
    /// <param name="problem">What is wrong with the value.</param>
    public MarketDataException(string filePath, string? row, string? column, string problem)
        : base(Compose(filePath, row, column, problem))
    {
        FilePath = filePath;
        Row = row;
        Column = column;
    }

    /// <summary>The file at fault, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The row at fault as written in the message ("row 12" = 0-based row index in a Parquet file, "line 14" = 1-based line of a CSV file), when known.</summary>
    public string? Row { get; }

    /// <summary>The column at fault, when known.</summary>
    public string? Column { get; }

    private static string Compose(string filePath, string? row, string? column, string problem)
    {
        string where = filePath;
        if (row is not null)
        {
            where += $", {row}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {problem}";
    }
}
