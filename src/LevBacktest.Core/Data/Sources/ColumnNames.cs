namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// The column names recognised without configuration, in order of preference (the first present
/// wins; each name matches exactly first, then ignoring case).
/// </summary>
internal static class ColumnNames
{
    /// <summary>
    /// Bar open time. <c>open_time_ms</c> comes before <c>open_time</c>: files written by our converter
    /// and by DuckDB exports hold both for the same instant, and the integer milliseconds are exact and
    /// need no conversion.
    /// </summary>
    public static readonly string[] BarTime = ["open_time_ms", "open_time", "timestamp", "ts", "time", "date", "datetime"];

    /// <summary>
    /// Funding settlement time: the funding-specific names first (<c>_ms</c> variant before the
    /// timestamp, as for bars), then the general time names (freqtrade funding tables use <c>date</c>).
    /// </summary>
    public static readonly string[] FundingTime =
        ["funding_time_ms", "funding_time", "fundingTime", "calc_time", "settlement_ts", "timestamp", "ts", "time", "date", "datetime"];

    /// <summary>Funding rate per interval (fraction).</summary>
    public static readonly string[] FundingRate = ["funding_rate", "fundingRate", "last_funding_rate", "rate_raw", "rate"];

    /// <summary>
    /// The rate column of a freqtrade funding-rate table, which stores the rate as a candle's
    /// <c>open</c>; used only when none of <see cref="FundingRate"/> is present.
    /// </summary>
    public const string FreqtradeFundingRate = "open";

    /// <summary>Mark price at settlement (optional).</summary>
    public static readonly string[] FundingMarkPrice = ["mark_price", "markPrice"];

    /// <summary>Symbol columns of multi-symbol files, tried in this order when filtering.</summary>
    public static readonly string[] Symbol = ["canonical_symbol", "venue_symbol", "symbol"];

    public const string Open = "open";
    public const string High = "high";
    public const string Low = "low";
    public const string Close = "close";
    public const string Volume = "volume";
}
