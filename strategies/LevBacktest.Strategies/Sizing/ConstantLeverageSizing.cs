using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Sizing;

/// <summary>
/// Constant-leverage rebalancing, the leveraged-token case: hold the leverage under test and resize the
/// position back to it every N bars and/or whenever the effective leverage leaves a band around it.
/// </summary>
/// <remarks>
/// Rebalancing sells after losses and buys after gains, which is what produces leverage decay (volatility
/// drag ≈ (L² − L)/2 · Σ r² over the rebalancing periods). At the close of bar i the rule answers true when
/// the next open is at least <c>every</c> bars after the last resize (i + 1 − lastRebalanceBar ≥ every), or
/// when |effective / target − 1| &gt; band. every = 1 resizes at every open; 0 disables the periodic
/// trigger; band = 0 disables the band trigger.
/// </remarks>
public sealed class ConstantLeverageSizing : ISizing
{
    /// <summary>Creates the rule.</summary>
    /// <param name="rebalanceEvery">Bars between periodic resizes, or 0 for none.</param>
    /// <param name="band">Relative band around the target leverage (0.1 = ±10 %), or 0 for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative or non-finite values.</exception>
    public ConstantLeverageSizing(int rebalanceEvery, double band)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rebalanceEvery);
        if (!(band >= 0.0 && double.IsFinite(band)))
        {
            throw new ArgumentOutOfRangeException(nameof(band), band, "The rebalancing band must be a finite fraction ≥ 0.");
        }

        RebalanceEvery = rebalanceEvery;
        Band = band;
    }

    /// <summary>Registration of "constant-leverage".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "constant-leverage",
        "Hold the leverage under test, resizing every N bars and/or when effective leverage leaves a relative band (leveraged-token rebalancing).",
        [
            StrategyParameter.Integer("rebalanceEvery", 1, "Bars between periodic resizes (1 = every bar); 0 disables the periodic trigger.", minimum: 0),
            StrategyParameter.Number("band", 0.0, "Resize when |effective/target leverage - 1| exceeds this fraction (0.1 = 10 %); 0 disables the band trigger.", minimum: 0.0),
        ],
        values => new ConstantLeverageSizing(values.GetInteger("rebalanceEvery"), values.GetNumber("band")));

    /// <summary>Bars between periodic resizes (0 = none).</summary>
    public int RebalanceEvery { get; }

    /// <summary>Relative band around the target (0 = none).</summary>
    public double Band { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    public double TargetLeverage(in SizingContext context) => Math.Max(0.0, context.LeverageUnderTest);

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position)
    {
        if (RebalanceEvery > 0 && position.BarIndex + 1 - position.LastRebalanceBarIndex >= RebalanceEvery)
        {
            return true;
        }

        return Band > 0.0 && position.TargetLeverage > 0.0
            && Math.Abs((position.EffectiveLeverage / position.TargetLeverage) - 1.0) > Band;
    }
}
