namespace LevBacktest.Core.Experiments;

/// <summary>How orders fill and what happens after a liquidation (top-level spec fields).</summary>
public sealed record ExecutionSpec
{
    /// <summary><c>"nextOpen"</c> (default: decide at a close, fill at the next open) or <c>"barClose"</c>.</summary>
    public string Fill { get; init; } = "nextOpen";

    /// <summary>Series that triggers stops: <c>"lastPrice"</c> (default) or <c>"markPrice"</c>.</summary>
    public string StopTrigger { get; init; } = "lastPrice";

    /// <summary>Take-profit distance from entry as a fraction of the entry price, or NaN for none.</summary>
    public double TakeProfitFraction { get; init; } = double.NaN;

    /// <summary>What to do when the sized notional needs more leverage than its tier allows:
    /// <c>"reduce"</c> (default: reduce the order to the tier's max leverage) or <c>"reject"</c> (skip the order).</summary>
    public string OverLeverage { get; init; } = "reduce";

    /// <summary>After a liquidation: <c>"reEnter"</c> (default: the strategy trades on with what is left) or <c>"endRun"</c>.</summary>
    public string AfterLiquidation { get; init; } = "reEnter";
}
