using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>
/// A stop a fixed fraction away from the trade's first fill price: entry · (1 − side · distance). It does
/// not move afterwards, not even when a rebalance changes the average entry price (DESIGN.md "Orders,
/// fills and stops": a fixed stop is anchored at the trade's first fill price, slippage included).
/// </summary>
public sealed class FixedPercentStopLoss : IStopLoss
{
    private int _anchoredEntryBar = -1;
    private double _anchoredStop = double.NaN;

    /// <summary>Creates the rule.</summary>
    /// <param name="distance">Distance from the entry as a fraction of it (0.05 = 5 %), 0 &lt; distance &lt; 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Distance outside (0, 1).</exception>
    public FixedPercentStopLoss(double distance)
    {
        if (!(distance > 0.0 && distance < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "Stop distance must be a fraction strictly between 0 and 1.");
        }

        Distance = distance;
    }

    /// <summary>Registration of "fixed-percent".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "fixed-percent",
        "Stop at a fixed fraction from the first fill price: entry x (1 - side x distance).",
        [
            StrategyParameter.Number("distance", 0.05, "Distance from the entry price as a fraction (0.05 = 5 %).", minimum: 0.0, maximum: 1.0, minimumIsExclusive: true, maximumIsExclusive: true),
        ],
        values => new FixedPercentStopLoss(values.GetNumber("distance")));

    /// <summary>Distance from the entry as a fraction of it.</summary>
    public double Distance { get; }

    /// <inheritdoc/>
    /// <remarks>False: the stop is anchored at the trade's first fill and never moves.</remarks>
    public bool MovesAfterEntry => false;

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _anchoredEntryBar = -1;
        _anchoredStop = double.NaN;
    }

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        var position = context.Position;
        if (context.IsEntry || position.EntryBarIndex != _anchoredEntryBar)
        {
            _anchoredEntryBar = position.EntryBarIndex;
            _anchoredStop = position.EntryPrice * (1.0 - (position.Side * Distance));
        }

        return new StopDecision(_anchoredStop, false);
    }
}
