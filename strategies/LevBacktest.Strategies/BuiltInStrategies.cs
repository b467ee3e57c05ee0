using LevBacktest.Core.Strategies;
using LevBacktest.Core.Strategies.Plugins;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Strategies;

/// <summary>
/// The strategies that ship with LevBacktest. To add your own, implement <see cref="ISignal"/>,
/// <see cref="ISizing"/> or <see cref="IStopLoss"/> as a sealed class with a static <c>Descriptor</c>
/// and add that descriptor to <see cref="Descriptors"/> (README "Your own strategies").
/// </summary>
public static class BuiltInStrategies
{
    /// <summary>Every built-in strategy, signals first, then sizing rules, then stop-loss rules.</summary>
    public static IReadOnlyList<StrategyDescriptor> Descriptors { get; } =
    [
        // Signals
        BuyAndHoldSignal.LongDescriptor,
        BuyAndHoldSignal.ShortDescriptor,
        MovingAverageCrossSignal.Descriptor,
        DonchianBreakoutSignal.Descriptor,
        FundingCarrySignal.Descriptor,

        // Sizing
        FixedLeverageSizing.Descriptor,
        FixedFractionalSizing.Descriptor,
        VolatilityTargetSizing.Descriptor,
        FractionalKellySizing.Descriptor,
        ConstantLeverageSizing.Descriptor,
        LiquidationAwareSizing.Descriptor,

        // Stop-loss
        NoStopLoss.Descriptor,
        FixedPercentStopLoss.Descriptor,
        AtrStopLoss.Descriptor,
        TrailingPercentStopLoss.Descriptor,
        ChandelierStopLoss.Descriptor,
        TimeStopLoss.Descriptor,
        LiquidationFractionStopLoss.Descriptor,
    ];

    /// <summary>A catalog of the built-in strategies.</summary>
    public static StrategyCatalog CreateCatalog() => new(Descriptors);

    /// <summary>A catalog of the built-in strategies plus those of strategy plugins.</summary>
    /// <param name="plugins">Loaded plugins (<see cref="StrategyPlugins.LoadAll"/>).</param>
    /// <exception cref="StrategyPluginException">A plugin's name clashes with a built-in one or another plugin's (the message names both).</exception>
    public static StrategyCatalog CreateCatalog(IReadOnlyList<StrategyPlugin> plugins) => StrategyPlugins.CreateCatalog(Descriptors, plugins);

    /// <summary>A catalog of the built-in strategies plus <paramref name="additional"/> ones (e.g. a user's own).</summary>
    /// <param name="additional">More descriptors; names must not clash with built-in ones of the same kind.</param>
    /// <exception cref="ArgumentException">A name is registered twice for one kind.</exception>
    public static StrategyCatalog CreateCatalog(IEnumerable<StrategyDescriptor> additional)
    {
        ArgumentNullException.ThrowIfNull(additional);
        return new(Descriptors.Concat(additional));
    }
}
