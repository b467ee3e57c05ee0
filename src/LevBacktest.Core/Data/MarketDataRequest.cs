namespace LevBacktest.Core.Data;

/// <summary>
/// What to load: the price file, optional mark-price and funding files, how to find their columns,
/// the time range, the bar interval to resample to and what to do where mark prices are missing.
/// Files may be Parquet (<c>.parquet</c>) or CSV (<c>.csv</c>, or a <c>.zip</c> holding one CSV).
/// </summary>
public sealed record MarketDataRequest
{
    /// <summary>
    /// Last-price OHLCV bars (required): a Parquet or CSV file, or a dataset of many — a folder (Hive-style partition
    /// folders such as <c>symbol=BTCUSDT/month=2024-01/</c> included) or a glob such as <c>data/BTCUSDT-1m-2024-*.parquet</c>;
    /// a dataset's files are read in time order and must not overlap.
    /// </summary>
    public required string PricesPath { get; init; }

    /// <summary>Mark-price OHLC bars of the same symbol and interval (file, folder or glob, as <see cref="PricesPath"/>), or null for none.</summary>
    public string? MarkPath { get; init; }

    /// <summary>Funding settlements (file, folder or glob, as <see cref="PricesPath"/>), or null for none.</summary>
    public string? FundingPath { get; init; }

    /// <summary>
    /// Symbol to keep from files that hold many symbols (rows whose <c>canonical_symbol</c>,
    /// <c>venue_symbol</c> or <c>symbol</c> equals it, ignoring case); also the symbol of the result.
    /// When null, a multi-symbol file is an error and the symbol is taken from a symbol column or the
    /// price file's name (e.g. <c>BTCUSDT-1h.parquet</c> → <c>BTCUSDT</c>).
    /// </summary>
    public string? Symbol { get; init; }

    /// <summary>Column names of the price file; <see cref="ColumnMapping.Auto"/> by default.</summary>
    public ColumnMapping PriceColumns { get; init; } = ColumnMapping.Auto;

    /// <summary>Column names of the mark-price file; <see cref="ColumnMapping.Auto"/> by default.</summary>
    public ColumnMapping MarkColumns { get; init; } = ColumnMapping.Auto;

    /// <summary>Column names of the funding file; <see cref="ColumnMapping.Auto"/> by default.</summary>
    public ColumnMapping FundingColumns { get; init; } = ColumnMapping.Auto;

    /// <summary>
    /// Unit of integer (or floating-point) epoch time columns in all files. When null the unit is
    /// detected from the values' magnitude (all values must fall between 1980 and 2100 in exactly one
    /// unit), otherwise loading fails and asks for it. Parquet TIMESTAMP, DATE and INT96 columns carry
    /// their own unit and ignore this.
    /// </summary>
    public EpochTimeUnit? TimeUnit { get; init; }

    /// <summary>Keep bars with open time ≥ this (UTC epoch milliseconds), or null for no lower bound.</summary>
    public long? FromMs { get; init; }

    /// <summary>Keep bars with open time &lt; this (UTC epoch milliseconds), or null for no upper bound.</summary>
    public long? ToMs { get; init; }

    /// <summary>
    /// The bar interval the files must have, in milliseconds; null to infer it (the smallest step
    /// between consecutive bars). Needed for a file with a single bar.
    /// </summary>
    public long? BarIntervalMs { get; init; }

    /// <summary>
    /// Resample the bars to this coarser interval in milliseconds (a multiple of the file's interval),
    /// aligned to UTC boundaries; null keeps the file's interval. See <see cref="MarketDataResampler"/>.
    /// </summary>
    public long? ResampleIntervalMs { get; init; }

    /// <summary>How resampling treats incomplete buckets at the two ends of the data.</summary>
    public PartialBucketPolicy PartialBuckets { get; init; } = PartialBucketPolicy.DropIncompleteEdges;

    /// <summary>What to do with price bars that have no mark-price bar; used only when <see cref="MarkPath"/> is set.</summary>
    public MissingMarkPolicy MarkPriceFallback { get; init; } = MissingMarkPolicy.FallBackToLastPrice;
}
