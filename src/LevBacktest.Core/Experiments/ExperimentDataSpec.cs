namespace LevBacktest.Core.Experiments;

/// <summary>
/// The market data of an experiment (<c>$.data</c>): files, optional symbol filter, column mapping,
/// time unit, time window, resampling and the missing-mark policy. Paths are absolute (relative paths
/// in the spec are resolved against the spec file's folder).
/// </summary>
public sealed record ExperimentDataSpec
{
    /// <summary>Last-price OHLCV file (Parquet or CSV), absolute path.</summary>
    public required string PricesPath { get; init; }

    /// <summary>Mark-price OHLC file, absolute path, or null for none (the run then uses last price).</summary>
    public string? MarkPath { get; init; }

    /// <summary>Funding-rate file, absolute path, or null for no funding.</summary>
    public string? FundingPath { get; init; }

    /// <summary>Keep only rows of this symbol (for files holding several), or null.</summary>
    public string? Symbol { get; init; }

    /// <summary>Column-name overrides of the prices file by role (<c>time</c>, <c>open</c>, <c>high</c>, <c>low</c>,
    /// <c>close</c>, <c>volume</c>, <c>symbol</c>); roles left out are detected by the loader.</summary>
    public IReadOnlyDictionary<string, string> PriceColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>Column-name overrides of the mark-price file (<c>time</c>, <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, <c>symbol</c>).</summary>
    public IReadOnlyDictionary<string, string> MarkColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>Column-name overrides of the funding file (<c>time</c>, <c>fundingRate</c>, <c>fundingMarkPrice</c>, <c>symbol</c>).</summary>
    public IReadOnlyDictionary<string, string> FundingColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>Unit of integer time columns (<c>"ms"</c>, <c>"us"</c>, <c>"ns"</c>, <c>"s"</c>), or null to detect by magnitude.</summary>
    public string? TimeUnit { get; init; }

    /// <summary>Inclusive start of the run window, UTC epoch milliseconds, or null for the data's start.</summary>
    public long? FromMs { get; init; }

    /// <summary>Exclusive end of the run window, UTC epoch milliseconds, or null for the data's end.</summary>
    public long? ToMs { get; init; }

    /// <summary>Resample the bars to this interval in milliseconds, or null to keep the file's bars.</summary>
    public long? ResampleIntervalMs { get; init; }

    /// <summary>What to do where the mark series is missing: <c>"fallBackToLastPrice"</c>, <c>"fail"</c> or <c>"startWhereMarkStarts"</c>.</summary>
    public string MissingMark { get; init; } = "fallBackToLastPrice";
}
