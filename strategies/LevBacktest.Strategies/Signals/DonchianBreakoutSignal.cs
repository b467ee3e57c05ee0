using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.Signals;

/// <summary>
/// Donchian channel breakout in the manner of the Turtle rules: go long when a bar closes above the highest
/// high of the previous <c>entry</c> bars, short when it closes below their lowest low; leave a long when a
/// bar closes below the lowest low of the previous <c>exit</c> bars (a short, above their highest high).
/// </summary>
/// <remarks>
/// Bar i is compared with the channel of bars i − period..i − 1 (not including itself, so a breakout is
/// possible). Warm-up: 0 (flat) for bars i &lt; entry. An exit and an opposite entry on the same bar reverse
/// the position. The exit channel is inactive until it has <c>exit</c> previous bars.
/// </remarks>
public sealed class DonchianBreakoutSignal : ISignal
{
    private sbyte[] _sides = [];

    /// <summary>Creates the signal.</summary>
    /// <param name="entryPeriod">Bars in the entry channel, ≥ 1.</param>
    /// <param name="exitPeriod">Bars in the exit channel, ≥ 1.</param>
    /// <param name="allowShort">False to take only long breakouts.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period below 1.</exception>
    public DonchianBreakoutSignal(int entryPeriod, int exitPeriod, bool allowShort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entryPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(exitPeriod, 1);
        EntryPeriod = entryPeriod;
        ExitPeriod = exitPeriod;
        AllowShort = allowShort;
    }

    /// <summary>Registration of "donchian-breakout".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSignal(
        "donchian-breakout",
        "Enter on a close beyond the previous entry-bar high/low channel, exit on a close beyond the shorter exit channel.",
        [
            StrategyParameter.Integer("entry", 20, "Bars in the entry channel (highest high / lowest low before the bar).", minimum: 1),
            StrategyParameter.Integer("exit", 10, "Bars in the exit channel; a long exits below its lowest low, a short above its highest high.", minimum: 1),
            StrategyParameter.Boolean("allowShort", true, "Take downside breakouts short; false takes only long breakouts."),
        ],
        values => new DonchianBreakoutSignal(values.GetInteger("entry"), values.GetInteger("exit"), values.GetBoolean("allowShort")));

    /// <summary>Bars in the entry channel.</summary>
    public int EntryPeriod { get; }

    /// <summary>Bars in the exit channel.</summary>
    public int ExitPeriod { get; }

    /// <summary>Whether downside breakouts are taken short.</summary>
    public bool AllowShort { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Runs that differ only in leverage, stop or sizing share one computation (same code, same values).
        _sides = SharedSeries.Of(data).GetOrCompute(
            $"donchian-breakout(entry={EntryPeriod},exit={ExitPeriod},allowShort={AllowShort})", data.Count, () => ComputeSides(data));
    }

    private sbyte[] ComputeSides(MarketData data)
    {
        var high = data.High.Span;
        var low = data.Low.Span;
        var close = data.Close.Span;
        int n = close.Length;
        double[] entryHigh = new double[n];
        double[] entryLow = new double[n];
        double[] exitHigh = new double[n];
        double[] exitLow = new double[n];
        DonchianChannel.Upper(high, EntryPeriod, entryHigh);
        DonchianChannel.Lower(low, EntryPeriod, entryLow);
        DonchianChannel.Upper(high, ExitPeriod, exitHigh);
        DonchianChannel.Lower(low, ExitPeriod, exitLow);

        var sides = new sbyte[n];
        sbyte side = 0;
        for (int i = 1; i < n; i++)
        {
            double c = close[i];
            if (side > 0 && c < exitLow[i - 1])
            {
                side = 0;
            }
            else if (side < 0 && c > exitHigh[i - 1])
            {
                side = 0;
            }

            // NaN channels (warm-up) compare false, so no entry before EntryPeriod previous bars exist.
            if (side <= 0 && c > entryHigh[i - 1])
            {
                side = 1;
            }
            else if (side >= 0 && AllowShort && c < entryLow[i - 1])
            {
                side = -1;
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
