using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>No stop: the position is closed only by the signal, or by liquidation. Provides no
/// <see cref="StrategyCapabilities.EntryStopPrice"/>.</summary>
public sealed class NoStopLoss : IStopLoss
{
    /// <summary>Registration of "none".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "none",
        "No stop-loss: positions close on the signal or by liquidation.",
        [],
        _ => new NoStopLoss(),
        provides: StrategyCapabilities.None);

    /// <inheritdoc/>
    public void Prepare(MarketData data) => ArgumentNullException.ThrowIfNull(data);

    /// <inheritdoc/>
    /// <remarks>False: there is never a stop.</remarks>
    public bool MovesAfterEntry => false;

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context) => StopDecision.None;
}
