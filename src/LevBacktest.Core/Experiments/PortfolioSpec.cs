namespace LevBacktest.Core.Experiments;

/// <summary>
/// The portfolio of a spec that lists <c>"instruments"</c>: the instruments (at least one) and the account's
/// rules (<c>$.portfolio</c>). One account holds every instrument on one bar clock (the union of their bar open
/// times); the leverage under test is the account's target gross leverage Σ notional / equity.
/// </summary>
public sealed record PortfolioSpec
{
    /// <summary>The instruments in spec order (<c>$.instruments</c>); index k is instrument k in every result table.</summary>
    public required IReadOnlyList<PortfolioInstrumentSpec> Instruments { get; init; }

    /// <summary><c>"cross"</c> (default: one wallet backs every position) or <c>"isolated"</c> (a wallet per position).</summary>
    public string MarginMode { get; init; } = "cross";

    /// <summary>How the target leverage is split: <c>"equal"</c> (default), <c>"fixed"</c> (the instruments' <c>weight</c>s)
    /// or <c>"inverseVolatility"</c> (weights ∝ 1 / realised volatility over <see cref="VolatilityLookbackBars"/>).</summary>
    public string Sizing { get; init; } = "equal";

    /// <summary>Bars of the realised-volatility estimate of inverse-volatility sizing (default 30).</summary>
    public int VolatilityLookbackBars { get; init; } = 30;

    /// <summary><c>"none"</c> (default: sized once at entry), <c>"periodic"</c> (every <see cref="RebalanceEveryBars"/> bars)
    /// or <c>"band"</c> (when a weight drifts more than <see cref="RebalanceBand"/> from its target).</summary>
    public string Rebalancing { get; init; } = "none";

    /// <summary>Periodic rebalancing: bars between rebalances (0 when not periodic).</summary>
    public int RebalanceEveryBars { get; init; }

    /// <summary>Band rebalancing: the drift that triggers a rebalance, a fraction (0 when not band).</summary>
    public double RebalanceBand { get; init; }
}
