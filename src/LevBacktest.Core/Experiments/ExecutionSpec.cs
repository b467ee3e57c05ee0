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
    /// <c>"cap"</c> (default: cap at the tier's max) or <c>"fail"</c>.</summary>
    public string OverLeverage { get; init; } = "cap";

    /// <summary>After a liquidation: <c>"continue"</c> (default: trade on with what is left) or <c>"stop"</c>.</summary>
    public string AfterLiquidation { get; init; } = "continue";
}
