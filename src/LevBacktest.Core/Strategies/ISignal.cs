using LevBacktest.Core.Data;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// A trading signal: the desired position direction at each bar close. Users plug their own in.
/// </summary>
/// <remarks>
/// One instance serves one run on one thread. <see cref="Prepare"/> is called once before the bar
/// loop and should precompute every indicator over the arrays; <see cref="DesiredSide"/> is then
/// called once per bar and must not allocate. Implementations should be sealed so the JIT can
/// devirtualise the per-bar call. A decision made at bar i's close fills at bar i+1's open.
/// </remarks>
public interface ISignal
{
    /// <summary>Precomputes indicators over the whole run's data. Called once, before the loop.</summary>
    /// <param name="data">The run's market data; its arrays stay valid for the whole run.</param>
    void Prepare(MarketData data);

    /// <summary>
    /// The desired direction after the close of bar <paramref name="barIndex"/>: +1 long, −1 short,
    /// 0 flat. Must use only data of bars 0..barIndex (no look-ahead).
    /// </summary>
    /// <param name="barIndex">Index into the run's bar arrays, 0 ≤ barIndex &lt; data.Count.</param>
    int DesiredSide(int barIndex);

    /// <summary>
    /// Every bar's answer at once, when <see cref="Prepare"/> computed them all ahead (as the built-in signals do):
    /// length data.Count, element i is <see cref="DesiredSide"/>(i) (+1, −1 or 0). The engine then reads the array and
    /// does not call <see cref="DesiredSide"/>; a bar loop without a call per bar keeps its state in registers and
    /// runs the bars where nothing happens to the position in a tight inner loop. Empty (the default): the engine
    /// asks <see cref="DesiredSide"/> bar by bar, as before. Valid after <see cref="Prepare"/> until the next one.
    /// </summary>
    ReadOnlyMemory<sbyte> DesiredSides => ReadOnlyMemory<sbyte>.Empty;
}
