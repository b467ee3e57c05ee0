namespace LevBacktest.Core.Data;

/// <summary>
/// How <see cref="MarketDataResampler"/> treats the first and last target buckets when the data
/// starts or ends inside them (a bucket is complete when it holds target / source interval bars).
/// Incomplete buckets inside the data (caused by gaps) are always kept and counted in the report.
/// </summary>
public enum PartialBucketPolicy
{
    /// <summary>
    /// Drop the first and last bucket when incomplete, so every bar's open and close are the true
    /// open and close of its interval (the default).
    /// </summary>
    DropIncompleteEdges,

    /// <summary>Keep incomplete edge buckets, aggregated from the bars they hold.</summary>
    KeepIncompleteEdges,
}
