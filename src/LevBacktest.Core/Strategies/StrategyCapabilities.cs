namespace LevBacktest.Core.Strategies;

/// <summary>
/// What one strategy component gives the other components of a run. A descriptor declares the
/// capabilities its component <see cref="StrategyDescriptor.Provides"/> and those it
/// <see cref="StrategyDescriptor.Requires"/> from the others, so that an experiment plan can reject a
/// combination that cannot work (e.g. fixed-fractional sizing without a stop price) before any data is
/// loaded, instead of the run failing at its first entry.
/// </summary>
[Flags]
public enum StrategyCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>
    /// A stop price at an entry, before the position is sized: the stop-loss rule's answer to the entry
    /// preview (a <see cref="StopContext"/> with <see cref="StopContext.IsEntry"/> true, no quantity and no
    /// liquidation price yet) is a price once the rule's warm-up is over. It reaches the sizing rule as
    /// <see cref="SizingContext.StopPrice"/>. Stop-loss rules that place no price (none, a time stop) or
    /// whose price depends on the position's size (a fraction of the way to the liquidation price) do not
    /// provide it. Provided by stop-loss rules only.
    /// </summary>
    EntryStopPrice = 1,
}
