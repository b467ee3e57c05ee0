namespace LevBacktest.Core.Simulation;

/// <summary>The family of a <see cref="SlippageModel"/>.</summary>
public enum SlippageKind
{
    /// <summary>A fixed fraction of price per market fill.</summary>
    FixedBasisPoints,

    /// <summary>A fixed floor plus a multiple of recent volatility (standard deviation of close-to-close log returns).</summary>
    VolatilityProportional,
}
