namespace LevBacktest.Core.Experiments;

/// <summary>The words an experiment spec accepts for its enumerated settings (exact, case-sensitive spelling).</summary>
public static class SpecVocabulary
{
    /// <summary>Values of <c>$.instrument.marginMode</c>.</summary>
    public static IReadOnlyList<string> MarginModes { get; } = ["isolated", "cross"];

    /// <summary>Values of <c>$.fill</c>.</summary>
    public static IReadOnlyList<string> FillPolicies { get; } = ["nextOpen", "barClose"];

    /// <summary>Values of <c>$.stopTrigger</c>.</summary>
    public static IReadOnlyList<string> StopTriggers { get; } = ["lastPrice", "markPrice"];

    /// <summary>Values of <c>$.overLeverage</c>.</summary>
    public static IReadOnlyList<string> OverLeveragePolicies { get; } = ["cap", "fail"];

    /// <summary>Values of <c>$.afterLiquidation</c>.</summary>
    public static IReadOnlyList<string> AfterLiquidationPolicies { get; } = ["continue", "stop"];

    /// <summary>Values of <c>$.data.missingMark</c>.</summary>
    public static IReadOnlyList<string> MissingMarkPolicies { get; } = ["fallBackToLastPrice", "fail", "startWhereMarkStarts"];

    /// <summary>Values of <c>$.data.timeUnit</c>.</summary>
    public static IReadOnlyList<string> TimeUnits { get; } = ["s", "ms", "us", "ns"];

    /// <summary>Logical column names accepted as keys of <c>$.data.columns</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["time", "open", "high", "low", "close", "volume", "symbol", "markTime", "markOpen", "markHigh", "markLow", "markClose", "fundingTime", "fundingRate", "fundingMarkPrice"];

    /// <summary>Sweep axes that vary an account or instrument setting (besides <c>"leverage"</c>).</summary>
    public static IReadOnlyList<string> SettingAxes { get; } = ["initialCapital", "isolatedAllocation", "takerFeeRate", "makerFeeRate", "slippage"];
}
