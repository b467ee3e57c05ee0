namespace LevBacktest.Core.Experiments;

/// <summary>What a sweep axis varies.</summary>
public enum SweepAxisTarget
{
    /// <summary>The leverage under test (<c>"leverage"</c>).</summary>
    Leverage,

    /// <summary>An instrument or account setting: <c>"initialCapital"</c>, <c>"isolatedAllocation"</c>,
    /// <c>"takerFeeRate"</c>, <c>"makerFeeRate"</c>, <c>"slippage"</c>.</summary>
    Setting,

    /// <summary>One parameter of a strategy component, e.g. <c>"stop.percent"</c>.</summary>
    StrategyParameter,

    /// <summary>A whole strategy component, e.g. <c>"sizing"</c> with a list of components.</summary>
    StrategyComponent,
}
