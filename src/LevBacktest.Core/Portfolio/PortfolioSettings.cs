using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>The account of a portfolio run: capital, margin mode, target gross leverage, taker fee.</summary>
public sealed record PortfolioSettings
{
    /// <summary>Starting balance in USDT, &gt; 0. Default 10 000.</summary>
    public double InitialCapital { get; init; } = 10_000;

    /// <summary>Cross: one wallet backs every position. Isolated: each position gets weight · equity in its own wallet.</summary>
    public MarginMode MarginMode { get; init; } = MarginMode.Cross;

    /// <summary>Target gross leverage Σ notional / equity at entry, &gt; 0; instrument k gets weight_k · L · equity of notional.</summary>
    public double Leverage { get; init; } = 1;

    /// <summary>Taker fee, fraction of the fill notional, in [0, 0.1). Default 0.0005.</summary>
    public double TakerFeeRate { get; init; } = 0.0005;

    /// <summary>Funding matching tolerance in ms (as <see cref="SimulationSettings.FundingTimeToleranceMs"/>). Default 1 000.</summary>
    public long FundingTimeToleranceMs { get; init; } = 1_000;
}
