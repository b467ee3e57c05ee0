namespace LevBacktest.Core.Data;

/// <summary>
/// The outcome of <see cref="MarketDataValidator.ValidateFile"/> for one file: what it holds, its span,
/// interval, gaps and funding intervals, and every error found (up to a limit).
/// </summary>
public sealed class FileValidationResult
{
    /// <summary>The file as given.</summary>
    public required string Path { get; init; }

    /// <summary>What the file holds, or null when it could not be read far enough to tell.</summary>
    public DataFileKind? Kind { get; init; }

    /// <summary>The symbol of the rows (symbol column or file name), or null when unknown.</summary>
    public string? Symbol { get; init; }

    /// <summary>Rows checked (after the symbol filter).</summary>
    public int RowCount { get; init; }

    /// <summary>First time (bar open or settlement), UTC epoch milliseconds, or null without rows.</summary>
    public long? FirstTimeMs { get; init; }

    /// <summary>Last time, UTC epoch milliseconds, or null without rows.</summary>
    public long? LastTimeMs { get; init; }

    /// <summary>Bar interval in milliseconds (bar files whose times are valid), else null.</summary>
    public long? BarIntervalMs { get; init; }

    /// <summary>Gaps between bars (bar files whose times are valid).</summary>
    public IReadOnlyList<DataGap> Gaps { get; init; } = [];

    /// <summary>Runs of equally spaced settlements (funding files whose times are valid).</summary>
    public IReadOnlyList<FundingIntervalSpan> FundingIntervals { get; init; } = [];

    /// <summary>The errors found, each naming file, row and column; at most the limit asked for.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Total number of errors, including those beyond the limit.</summary>
    public int ErrorCount { get; init; }

    /// <summary>Things worth knowing that are not errors.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>SHA-256 of the file's bytes, lower-case hexadecimal, or null when it could not be read.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True when no error was found.</summary>
    public bool IsValid => ErrorCount == 0;
}
