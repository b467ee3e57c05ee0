using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// The account of a portfolio run: capital, margin mode, target gross leverage, how it is split across instruments and
/// when positions are resized, costs and policies. Money is in the instruments' common settlement asset. Immutable; use
/// <c>with</c> to vary. Fields shared with <see cref="SimulationSettings"/> mean the same there and here.
/// </summary>
public sealed record PortfolioSettings
{
    /// <summary>Starting balance in the settlement asset (USDT, or the coin for inverse contracts), &gt; 0. Default 10 000.</summary>
    public double InitialCapital { get; init; } = 10_000;

    /// <summary>Cross (default): one wallet backs every position. Isolated: each position gets weight · equity in its own wallet.</summary>
    public MarginMode MarginMode { get; init; } = MarginMode.Cross;

    /// <summary>
    /// The account's target gross leverage Σ notional / equity, &gt; 0, finite: instrument k opens at notional
    /// L · weight_k · equity (equity at the fill bar's mark opens), i.e. at leverage L on its share weight_k · equity.
    /// </summary>
    public double Leverage { get; init; } = 1;

    /// <summary>How <see cref="Leverage"/> is split across the instruments the signals want. Default <see cref="PortfolioWeighting.Fixed"/>
    /// (with every <see cref="PortfolioInstrument.Weight"/> at its default 1 that is equal weights).</summary>
    public PortfolioWeighting Weighting { get; init; } = PortfolioWeighting.Fixed;

    /// <summary>Returns in the realised volatility of <see cref="PortfolioWeighting.InverseVolatility"/>, ≥ 2. Default 30 bars.</summary>
    public int VolatilityLookbackBars { get; init; } = 30;

    /// <summary>
    /// Periodic rebalancing: a held position whose signal keeps its side is resized back to its target at the next open
    /// once RebalanceEveryBars of its own bars have passed since its last fill (1 = every bar). 0 (default) = never.
    /// The same rule as the single-run "constant-leverage" sizing's rebalanceEvery.
    /// </summary>
    public int RebalanceEveryBars { get; init; }

    /// <summary>
    /// Band rebalancing: a held position is resized back to its target at the next open when its leverage on its share,
    /// notional_k / (weight_k · equity) at the mark close, leaves the leverage it was last filled at by more than this
    /// relative fraction (0.1 = 10 %). A change of the target weights (an instrument joins or leaves) is such a drift.
    /// Isolated: the position's own margin balance replaces weight_k · equity. 0 (default) = off. Finite, ≥ 0.
    /// </summary>
    public double RebalanceBand { get; init; }

    /// <summary>Taker fee, fraction of the fill notional, in [0, 0.1). Default 0.0005.</summary>
    public double TakerFeeRate { get; init; } = 0.0005;

    /// <summary>Maker fee (take-profit limit fills), fraction of the fill notional, in (−0.1, 0.1). Default 0.0002.</summary>
    public double MakerFeeRate { get; init; } = 0.0002;

    /// <summary>Slippage of market fills, applied per instrument on its own prices. Default none.</summary>
    public SlippageModel Slippage { get; init; } = SlippageModel.None;

    /// <summary>Series that triggers stops and take-profits. Default last price.</summary>
    public PriceSource StopTrigger { get; init; } = PriceSource.LastPrice;

    /// <summary>Take-profit distance as a fraction of a position's first fill price, &gt; 0, or NaN (default) for none.</summary>
    public double TakeProfitFraction { get; init; } = double.NaN;

    /// <summary>Orders beyond the bracket's max leverage are reduced (default) or rejected.</summary>
    public OverLeveragePolicy OverLeveragePolicy { get; init; } = OverLeveragePolicy.Reduce;

    /// <summary>After a liquidation the signals may re-enter (default) or no further orders are taken: by the whole account
    /// after a cross liquidation, by the liquidated instrument after an isolated one.</summary>
    public AfterLiquidationPolicy AfterLiquidationPolicy { get; init; } = AfterLiquidationPolicy.ReEnter;

    /// <summary>Liquidation clearance fee rate, as <see cref="SimulationSettings.ClearanceFeeRate"/>, in [0, 0.1). Default 0.</summary>
    public double ClearanceFeeRate { get; init; }

    /// <summary>Funding matching tolerance in ms (as <see cref="SimulationSettings.FundingTimeToleranceMs"/>), in [0, bar interval). Default 1 000.</summary>
    public long FundingTimeToleranceMs { get; init; } = 1_000;
}
