using LevBacktest.Core.Data;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// A stop-loss rule: where the stop sits after entry and after each completed bar.
/// </summary>
/// <remarks>
/// One instance serves one run on one thread; <see cref="Prepare"/> precomputes over the arrays and
/// <see cref="Evaluate"/> must not allocate. A fixed stop is anchored at the first fill price
/// (slippage included); trailing stops use only completed bars (DESIGN.md "Orders, fills and stops").
/// </remarks>
public interface IStopLoss
{
    /// <summary>Precomputes over the whole run's data. Called once, before the loop.</summary>
    /// <param name="data">The run's market data.</param>
    void Prepare(MarketData data);

    /// <summary>The stop for the position from now on.</summary>
    /// <param name="context">Entry fill or bar close, with the position.</param>
    StopDecision Evaluate(in StopContext context);

    /// <summary>
    /// Whether the stop can move after the entry fill. False declares that <see cref="Evaluate"/> at a bar close
    /// always returns what it returned at the trade's entry fill (a stop anchored at the first fill, or no stop),
    /// so the engine calls it only at entry fills and skips the call, and the position view it needs, at every
    /// close. A rule that declares false but would move is held at its entry answer. Default true.
    /// </summary>
    bool MovesAfterEntry => true;
}
