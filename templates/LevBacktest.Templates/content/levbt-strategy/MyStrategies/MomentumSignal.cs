using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace MyStrategies;

/// <summary>Time-series momentum: long when the close is above the close <c>lookback</c> bars earlier, else flat.</summary>
public sealed class MomentumSignal : ISignal
{
    private readonly int _lookback;
    private sbyte[] _sides = [];

    /// <summary>Creates the signal.</summary>
    /// <param name="lookback">Bars between the two closes compared, at least 1.</param>
    public MomentumSignal(int lookback) => _lookback = lookback;

    /// <summary>Registration of "momentum": a spec names it as <c>"signal": { "name": "momentum", "parameters": { "lookback": 24 } }</c>.</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSignal(
        "momentum",
        "Long when the close is above the close lookback bars earlier, else flat.",
        [StrategyParameter.Integer("lookback", 48, "Bars between the two closes compared.", minimum: 1)],
        values => new MomentumSignal(values.GetInteger("lookback")));

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        // Computed once per run; the per-bar call below only reads the array (no allocation, no look-ahead).
        var close = data.Close.Span;
        _sides = new sbyte[close.Length];
        for (int i = _lookback; i < close.Length; i++)
        {
            _sides[i] = close[i] > close[i - _lookback] ? (sbyte)1 : (sbyte)0;
        }
    }

    /// <inheritdoc/>
    public int DesiredSide(int barIndex) => _sides[barIndex];
}
