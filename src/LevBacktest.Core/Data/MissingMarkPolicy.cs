namespace LevBacktest.Core.Data;

/// <summary>
/// What the loader does with price bars that have no mark-price bar at the same open time
/// (real Binance mark-price history starts later than the last-price history).
/// </summary>
public enum MissingMarkPolicy
{
    /// <summary>
    /// Use the last-price OHLC as the mark OHLC of such bars. The report gives the number of bars
    /// and the spans that fell back, so a run can say where liquidation was tested on last price.
    /// </summary>
    FallBackToLastPrice,

    /// <summary>Any price bar without a mark bar is an error (<see cref="MarketDataException"/>).</summary>
    Fail,

    /// <summary>
    /// Keep only the bars from the first to the last price bar that has a mark bar (start where the
    /// mark series starts, end where it ends); a missing mark bar inside that span is an error.
    /// </summary>
    StartWhereMarkStarts,
}
