namespace LevBacktest.Core.Experiments;

/// <summary>
/// One instrument of a portfolio spec (<c>$.instruments[k]</c>): its data files, its contract and margin tiers,
/// its signal and stop, and its weight under fixed-weight sizing.
/// </summary>
/// <param name="Data">Its prices, mark prices and funding (paths absolute); the window is the portfolio's.</param>
/// <param name="Terms">Its contract (linear or inverse, contract size) and tiers; the account terms (fees, slippage,
/// margin mode) are the portfolio's and are copied in.</param>
/// <param name="Signal">Its signal (default <c>buy-and-hold-long</c>).</param>
/// <param name="Stop">Its stop-loss rule (default <c>none</c>).</param>
/// <param name="Weight">Share of the target gross leverage under <c>"fixed"</c> sizing, &gt; 0 (weights are normalised to sum 1); 1 otherwise.</param>
/// <param name="SettlementAsset">Inverse contracts: the coin the contract settles in (e.g. <c>"BTC"</c>); <c>"USDT"</c> for linear.</param>
/// <param name="JsonPath">Where it sits in the spec, e.g. <c>$.instruments[1]</c>.</param>
public sealed record PortfolioInstrumentSpec(
    ExperimentDataSpec Data,
    InstrumentSpec Terms,
    StrategyComponentSpec Signal,
    StrategyComponentSpec Stop,
    double Weight,
    string SettlementAsset,
    string JsonPath);
