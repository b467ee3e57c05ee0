using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace MyStrategies;

/// <summary>Takes a fixed fraction of the leverage under test at every entry, and never rebalances.</summary>
public sealed class ScaledLeverageSizing : ISizing
{
    /// <summary>Creates the rule.</summary>
    /// <param name="fraction">Fraction of the leverage under test taken, in (0, 1].</param>
    public ScaledLeverageSizing(double fraction) => Fraction = fraction;

    /// <summary>Registration of "scaled-leverage".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "scaled-leverage",
        "A fixed fraction of the leverage under test at each entry; no rebalancing.",
        [StrategyParameter.Number("fraction", 0.5, "Fraction of the leverage under test (0.5 = half).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true)],
        values => new ScaledLeverageSizing(values.GetNumber("fraction")));

    /// <summary>Fraction of the leverage under test taken.</summary>
    public double Fraction { get; }

    /// <inheritdoc/>
    /// <remarks>False: <see cref="ShouldRebalance"/> always answers false, so the engine never asks.</remarks>
    public bool Rebalances => false;

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
    }

    /// <inheritdoc/>
    public double TargetLeverage(in SizingContext context) => Fraction * context.LeverageUnderTest;

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position) => false;
}
