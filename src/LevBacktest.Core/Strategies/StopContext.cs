namespace LevBacktest.Core.Strategies;

/// <summary>What a stop rule knows at an entry fill or at a bar close.</summary>
/// <param name="BarIndex">The entry bar (at entry) or the bar whose close this is.</param>
/// <param name="IsEntry">True when called at the entry fill (before the bar's path), false at a close.</param>
/// <param name="Position">The position (at entry: just filled, extremes equal to the fill price).</param>
public readonly record struct StopContext(int BarIndex, bool IsEntry, PositionView Position);
