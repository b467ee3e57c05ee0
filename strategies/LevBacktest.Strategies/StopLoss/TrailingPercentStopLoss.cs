using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>
/// A trailing stop a fixed fraction behind the best price since entry: for a long,
/// highestHigh · (1 − distance); for a short, lowestLow · (1 + distance). The extremes are those of
/// completed bars since entry, starting at the fill price, so the stop only ever tightens.
/// </summary>
public sealed class TrailingPercentStopLoss : IStopLoss
{
    /// <summary>Creates the rule.</summary>
    /// <param name="distance">Distance behind the extreme as a fraction (0.05 = 5 %), 0 &lt; distance &lt; 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Distance outside (0, 1).</exception>
    public TrailingPercentStopLoss(double distance)
    {
        if (!(distance > 0.0 && distance < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "Trailing distance must be a fraction strictly between 0 and 1.");
        }

        Distance = distance;
    }

    /// <summary>Registration of "trailing-percent".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "trailing-percent",
        "Trailing stop a fixed fraction behind the highest high (long) / lowest low (short) of completed bars since entry.",
        [
            StrategyParameter.Number("distance", 0.05, "Distance behind the best price since entry, as a fraction (0.05 = 5 %).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true, maximumIsExclusive: true),
        ],
        values => new TrailingPercentStopLoss(values.GetNumber("distance")));

    /// <summary>Distance behind the extreme as a fraction.</summary>
    public double Distance { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        var position = context.Position;
        double stop = position.Side > 0
            ? position.HighestHighSinceEntry * (1.0 - Distance)
            : position.LowestLowSinceEntry * (1.0 + Distance);
        return new StopDecision(stop, false);
    }
}
