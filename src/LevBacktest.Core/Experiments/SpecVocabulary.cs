namespace LevBacktest.Core.Experiments;

/// <summary>The words an experiment spec accepts for its enumerated settings (exact, case-sensitive spelling).</summary>
public static class SpecVocabulary
{
    /// <summary>Values of <c>$.instrument.marginMode</c>.</summary>
    public static IReadOnlyList<string> MarginModes { get; } = ["isolated", "cross"];

    /// <summary>Values of <c>$.instrument.contract</c>: linear (USDT-margined) or inverse (coin-margined).</summary>
    public static IReadOnlyList<string> Contracts { get; } = ["linear", "inverse"];

    /// <summary>Values of <c>$.portfolio.sizing</c> (or its <c>rule</c>).</summary>
    public static IReadOnlyList<string> PortfolioSizingRules { get; } = ["equal", "fixed", "inverseVolatility"];

    /// <summary>Values of <c>$.portfolio.rebalancing</c> (or its <c>rule</c>).</summary>
    public static IReadOnlyList<string> PortfolioRebalancingRules { get; } = ["none", "periodic", "band"];

    /// <summary>Values of <c>$.fill</c>.</summary>
    public static IReadOnlyList<string> FillPolicies { get; } = ["nextOpen", "barClose"];

    /// <summary>Values of <c>$.stopTrigger</c>.</summary>
    public static IReadOnlyList<string> StopTriggers { get; } = ["lastPrice", "markPrice"];

    /// <summary>Values of <c>$.overLeverage</c>: <c>reduce</c> the order to the tier's max leverage, or <c>reject</c> it.</summary>
    public static IReadOnlyList<string> OverLeveragePolicies { get; } = ["reduce", "reject"];

    /// <summary>Values of <c>$.afterLiquidation</c>: <c>reEnter</c> (trade on with what is left) or <c>endRun</c>.</summary>
    public static IReadOnlyList<string> AfterLiquidationPolicies { get; } = ["reEnter", "endRun"];

    /// <summary>Values of <c>$.data.missingMark</c>.</summary>
    public static IReadOnlyList<string> MissingMarkPolicies { get; } = ["fallBackToLastPrice", "fail", "startWhereMarkStarts"];

    /// <summary>Values of <c>$.data.timeUnit</c>.</summary>
    public static IReadOnlyList<string> TimeUnits { get; } = ["s", "ms", "us", "ns"];

    /// <summary>Column roles accepted in <c>$.data.columns.prices</c>.</summary>
    public static IReadOnlyList<string> PriceColumns { get; } = ["time", "open", "high", "low", "close", "volume", "symbol"];

    /// <summary>Column roles accepted in <c>$.data.columns.mark</c>.</summary>
    public static IReadOnlyList<string> MarkColumns { get; } = ["time", "open", "high", "low", "close", "symbol"];

    /// <summary>Column roles accepted in <c>$.data.columns.funding</c>.</summary>
    public static IReadOnlyList<string> FundingColumns { get; } = ["time", "fundingRate", "fundingMarkPrice", "symbol"];

    /// <summary>Sweep axes that vary an account or instrument setting (besides <c>"leverage"</c>).</summary>
    public static IReadOnlyList<string> SettingAxes { get; } = ["initialCapital", "isolatedAllocation", "takerFeeRate", "makerFeeRate", "slippageBasisPoints"];
}
