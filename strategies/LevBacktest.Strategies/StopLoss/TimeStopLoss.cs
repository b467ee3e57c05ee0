using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>
/// Time stop: exit at market at the open after the position has been held for N bars (entered at bar e's
/// open, it is closed at bar e + N's open). No stop price (it does not provide
/// <see cref="StrategyCapabilities.EntryStopPrice"/>).
/// </summary>
public sealed class TimeStopLoss : IStopLoss
{
    /// <summary>Creates the rule.</summary>
    /// <param name="bars">Bars to hold, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> &lt; 1.</exception>
    public TimeStopLoss(int bars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        Bars = bars;
    }

    /// <summary>Registration of "time".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "time",
        "Exit at market at the next open once the position has been held for N bars.",
        [
            StrategyParameter.Integer("bars", 24, "Bars to hold a position before exiting at the next open.", minimum: 1),
        ],
        values => new TimeStopLoss(values.GetInteger("bars")),
        provides: StrategyCapabilities.None);

    /// <summary>Bars to hold.</summary>
    public int Bars { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        // At the close of bar i the position has been held for bars e..i, i.e. i − e + 1 bars.
        bool expired = !context.IsEntry && context.BarIndex - context.Position.EntryBarIndex + 1 >= Bars;
        return new StopDecision(double.NaN, expired);
    }
}
