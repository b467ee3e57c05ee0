using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.Signals;

/// <summary>
/// Moving-average crossover on closes: long while the fast average is above the slow one, short (or flat
/// when shorts are disabled) while it is below.
/// </summary>
/// <remarks>
/// Side at bar i uses the averages at i (closes 0..i). Warm-up: 0 (flat) until both averages exist, i.e.
/// for bars i &lt; slow − 1. When the averages are exactly equal the previous side is kept (flat during
/// warm-up), so a flat price does not flip the position back and forth.
/// </remarks>
public sealed class MovingAverageCrossSignal : ISignal
{
    private sbyte[] _sides = [];

    /// <summary>Creates the signal.</summary>
    /// <param name="fastPeriod">Bars in the fast average, ≥ 1 and &lt; <paramref name="slowPeriod"/>.</param>
    /// <param name="slowPeriod">Bars in the slow average.</param>
    /// <param name="kind">Simple or exponential averages.</param>
    /// <param name="allowShort">False to stay flat instead of going short.</param>
    /// <exception cref="ArgumentOutOfRangeException">fastPeriod &lt; 1 or fastPeriod ≥ slowPeriod.</exception>
    public MovingAverageCrossSignal(int fastPeriod, int slowPeriod, MovingAverageKind kind, bool allowShort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriod, fastPeriod);
        FastPeriod = fastPeriod;
        SlowPeriod = slowPeriod;
        Kind = kind;
        AllowShort = allowShort;
    }

    /// <summary>Registration of "ma-cross".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSignal(
        "ma-cross",
        "Long while the fast moving average of closes is above the slow one, short (or flat) while below.",
        [
            StrategyParameter.Integer("fast", 20, "Bars in the fast moving average; must be less than slow.", minimum: 1),
            StrategyParameter.Integer("slow", 50, "Bars in the slow moving average.", minimum: 2),
            StrategyParameter.Choice("kind", "sma", "Moving average: sma (simple) or ema (exponential, alpha = 2/(period+1)).", "sma", "ema"),
            StrategyParameter.Boolean("allowShort", true, "Go short when fast < slow; false stays flat instead."),
        ],
        values =>
        {
            int fast = values.GetInteger("fast");
            int slow = values.GetInteger("slow");
            if (fast >= slow)
            {
                throw new StrategyConfigurationException($"signal 'ma-cross': fast ({fast}) must be less than slow ({slow}).");
            }

            var kind = values.GetChoice("kind") == "ema" ? MovingAverageKind.Exponential : MovingAverageKind.Simple;
            return new MovingAverageCrossSignal(fast, slow, kind, values.GetBoolean("allowShort"));
        });

    /// <summary>Bars in the fast average.</summary>
    public int FastPeriod { get; }

    /// <summary>Bars in the slow average.</summary>
    public int SlowPeriod { get; }

    /// <summary>Simple or exponential.</summary>
    public MovingAverageKind Kind { get; }

    /// <summary>Whether the signal goes short.</summary>
    public bool AllowShort { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Runs that differ only in leverage, stop or sizing share one computation (same code, same values).
        _sides = SharedSeries.Of(data).GetOrCompute(
            $"ma-cross(fast={FastPeriod},slow={SlowPeriod},kind={Kind},allowShort={AllowShort})", data.Count, () => ComputeSides(data));
    }

    private sbyte[] ComputeSides(MarketData data)
    {
        var close = data.Close.Span;
        int n = close.Length;
        double[] fast = new double[n];
        double[] slow = new double[n];
        if (Kind == MovingAverageKind.Exponential)
        {
            MovingAverages.Exponential(close, FastPeriod, fast);
            MovingAverages.Exponential(close, SlowPeriod, slow);
        }
        else
        {
            MovingAverages.Simple(close, FastPeriod, fast);
            MovingAverages.Simple(close, SlowPeriod, slow);
        }

        var sides = new sbyte[n];
        sbyte side = 0;
        sbyte below = AllowShort ? (sbyte)-1 : (sbyte)0;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(fast[i]) || double.IsNaN(slow[i]))
            {
                side = 0;
            }
            else if (fast[i] > slow[i])
            {
                side = 1;
            }
            else if (fast[i] < slow[i])
            {
                side = below;
            }

            sides[i] = side;
        }

        return sides;
    }

    /// <inheritdoc/>
    public int DesiredSide(int barIndex) => _sides[barIndex];

    /// <inheritdoc/>
    public ReadOnlyMemory<sbyte> DesiredSides => _sides;
}
