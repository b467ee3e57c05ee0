using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Signals;

/// <summary>
/// Holds one side from the first bar to the end: the benchmark every leveraged strategy is compared with,
/// and together with constant-leverage sizing the leveraged-token case.
/// </summary>
public sealed class BuyAndHoldSignal : ISignal
{
    private sbyte[] _sides = [];

    /// <summary>Creates the signal.</summary>
    /// <param name="side">+1 (long) or −1 (short).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is not ±1.</exception>
    public BuyAndHoldSignal(int side)
    {
        if (side is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "Side must be +1 (long) or -1 (short).");
        }

        Side = side;
    }

    /// <summary>Registration of "buy-and-hold-long".</summary>
    public static StrategyDescriptor LongDescriptor { get; } = StrategyDescriptor.ForSignal(
        "buy-and-hold-long",
        "Long from the first bar's close to the end of the data.",
        [],
        _ => new BuyAndHoldSignal(1));

    /// <summary>Registration of "buy-and-hold-short".</summary>
    public static StrategyDescriptor ShortDescriptor { get; } = StrategyDescriptor.ForSignal(
        "buy-and-hold-short",
        "Short from the first bar's close to the end of the data.",
        [],
        _ => new BuyAndHoldSignal(-1));

    /// <summary>The side held: +1 or −1.</summary>
    public int Side { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // One array of the side per data set and side, shared by a sweep's runs, so the engine can read the side
        // instead of calling DesiredSide at every bar.
        int n = data.Count;
        sbyte side = (sbyte)Side;
        _sides = SharedSeries.Of(data).GetOrCompute($"buy-and-hold(side={Side})", n, () =>
        {
            var sides = new sbyte[n];
            Array.Fill(sides, side);
            return sides;
        });
    }

    /// <inheritdoc/>
    public int DesiredSide(int barIndex) => Side;

    /// <inheritdoc/>
    public ReadOnlyMemory<sbyte> DesiredSides => _sides;
}
