using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>
/// Chandelier exit (Charles LeBeau): a trailing stop k Wilder ATRs from the highest high (long) or lowest low
/// (short) of completed bars since entry. At entry it is fill price ∓ k · ATR of bar e − 1; at the close of
/// bar i it is extreme ∓ k · ATR_i.
/// </summary>
/// <remarks>
/// The stop is ratcheted: it never moves against the position (a widening ATR does not loosen it), taking
/// the tighter of the new value and the stop in force. While the ATR is undefined (warm-up) the stop in
/// force is kept, or there is none (NaN).
/// </remarks>
public sealed class ChandelierStopLoss : IStopLoss
{
    private double[] _atr = [];

    /// <summary>Creates the rule.</summary>
    /// <param name="multiple">k: ATRs behind the extreme, &gt; 0.</param>
    /// <param name="period">Wilder ATR period in bars, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range.</exception>
    public ChandelierStopLoss(double multiple, int period)
    {
        if (!(multiple > 0.0 && double.IsFinite(multiple)))
        {
            throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "ATR multiple must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Multiple = multiple;
        Period = period;
    }

    /// <summary>Registration of "chandelier".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "chandelier",
        "Trailing stop k Wilder ATRs behind the highest high (long) / lowest low (short) since entry, never loosened.",
        [
            StrategyParameter.Number("multiple", 3.0, "k: ATRs behind the extreme since entry.", minimum: 0.0, minimumIsExclusive: true),
            StrategyParameter.Integer("period", 22, "Wilder ATR period in bars.", minimum: 1),
        ],
        values => new ChandelierStopLoss(values.GetNumber("multiple"), values.GetInteger("period")));

    /// <summary>k: ATRs behind the extreme.</summary>
    public double Multiple { get; }

    /// <summary>ATR period in bars.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _atr = AverageTrueRange.WilderShared(data, Period);
    }

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        var position = context.Position;
        int atrBar = context.IsEntry ? context.BarIndex - 1 : context.BarIndex;
        double atr = atrBar >= 0 && atrBar < _atr.Length ? _atr[atrBar] : double.NaN;
        double stop = position.Side > 0
            ? position.HighestHighSinceEntry - (Multiple * atr)
            : position.LowestLowSinceEntry + (Multiple * atr);
        double current = context.IsEntry ? double.NaN : position.StopPrice;
        if (double.IsNaN(stop))
        {
            return new StopDecision(current, false);
        }

        if (!double.IsNaN(current))
        {
            stop = position.Side > 0 ? Math.Max(stop, current) : Math.Min(stop, current);
        }

        return new StopDecision(stop, false);
    }
}
