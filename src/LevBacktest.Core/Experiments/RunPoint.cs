using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Everything that varies between the runs of a sweep, resolved for one run: the leverage under test,
/// the account and instrument settings an axis may vary, and the bound strategy components.
/// </summary>
public sealed record RunPoint
{
    /// <summary>Index of the run in the cartesian product (see <see cref="SweepGrid"/>).</summary>
    public required int RunIndex { get; init; }

    /// <summary>Leverage under test (notional / margin).</summary>
    public required double Leverage { get; init; }

    /// <summary>Starting equity in USDT.</summary>
    public required double InitialCapital { get; init; }

    /// <summary>Isolated margin allocation as a fraction of equity.</summary>
    public required double IsolatedAllocation { get; init; }

    /// <summary>Taker fee as a fraction of notional.</summary>
    public required double TakerFeeRate { get; init; }

    /// <summary>Maker fee as a fraction of notional.</summary>
    public required double MakerFeeRate { get; init; }

    /// <summary>Slippage in basis points (fixed, or the floor of the volatility-proportional model).</summary>
    public required double SlippageBasisPoints { get; init; }

    /// <summary>The signal with its bound parameters.</summary>
    public required StrategyParameterValues Signal { get; init; }

    /// <summary>The sizing rule with its bound parameters.</summary>
    public required StrategyParameterValues Sizing { get; init; }

    /// <summary>The stop-loss rule with its bound parameters.</summary>
    public required StrategyParameterValues Stop { get; init; }
}
