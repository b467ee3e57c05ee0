using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Sizing;

/// <summary>
/// Opens every position at the leverage under test and never resizes it, so its effective leverage drifts
/// with the price (the plain "10x long" of an exchange).
/// </summary>
public sealed class FixedLeverageSizing : ISizing
{
    /// <summary>Registration of "fixed-leverage".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "fixed-leverage",
        "Open at the leverage under test (notional = L x equity) and never resize.",
        [],
        _ => new FixedLeverageSizing());

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    public double TargetLeverage(in SizingContext context) => Math.Max(0.0, context.LeverageUnderTest);

    /// <inheritdoc/>
    /// <remarks>False: the position keeps the size it opened with.</remarks>
    public bool Rebalances => false;

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position) => false;
}
