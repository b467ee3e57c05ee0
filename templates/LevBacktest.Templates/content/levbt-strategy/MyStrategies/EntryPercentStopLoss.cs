using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace MyStrategies;

/// <summary>A stop a fixed fraction from the entry price, set at the entry fill and never moved.</summary>
public sealed class EntryPercentStopLoss : IStopLoss
{
    /// <summary>Creates the rule.</summary>
    /// <param name="distance">Distance from the entry price as a fraction, in (0, 1).</param>
    public EntryPercentStopLoss(double distance) => Distance = distance;

    /// <summary>Registration of "entry-percent"; it gives the sizing rule a stop price at entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "entry-percent",
        "Stop at entry x (1 - side x distance), fixed at the entry fill.",
        [StrategyParameter.Number("distance", 0.03, "Distance from the entry price as a fraction (0.03 = 3 %).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true, maximumIsExclusive: true)],
        values => new EntryPercentStopLoss(values.GetNumber("distance")));

    /// <summary>Distance from the entry price as a fraction of it.</summary>
    public double Distance { get; }

    /// <inheritdoc/>
    /// <remarks>False: the engine asks only at entry fills, and the stop price given then stays.</remarks>
    public bool MovesAfterEntry => false;

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
    }

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        var position = context.Position;
        return new StopDecision(position.EntryPrice * (1.0 - (position.Side * Distance)), false);
    }
}
