using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.StopLoss;

/// <summary>
/// A fixed stop k Wilder ATRs from the trade's first fill price: entry − side · k · ATR, with the ATR of the
/// bars completed before the entry (bar e − 1 for a fill at bar e's open). It does not move afterwards.
/// </summary>
/// <remarks>
/// Warm-up: when the entry comes before the ATR exists (entry bar ≤ period − 1) there is no stop (NaN) until
/// the first close at which the ATR is defined; the stop is then placed from the entry price with that ATR
/// and stays there.
/// </remarks>
public sealed class AtrStopLoss : IStopLoss
{
    private double[] _atr = [];
    private int _anchoredEntryBar = -1;
    private double _anchoredStop = double.NaN;

    /// <summary>Creates the rule.</summary>
    /// <param name="multiple">k: ATRs between entry and stop, &gt; 0.</param>
    /// <param name="period">Wilder ATR period in bars, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range.</exception>
    public AtrStopLoss(double multiple, int period)
    {
        if (!(multiple > 0.0 && double.IsFinite(multiple)))
        {
            throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "ATR multiple must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Multiple = multiple;
        Period = period;
    }

    /// <summary>Registration of "atr".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForStopLoss(
        "atr",
        "Fixed stop k Wilder ATRs (of the bars before entry) from the first fill price.",
        [
            StrategyParameter.Number("multiple", 3.0, "k: ATRs between the entry price and the stop.", minimum: 0.0, minimumIsExclusive: true),
            StrategyParameter.Integer("period", 14, "Wilder ATR period in bars.", minimum: 1),
        ],
        values => new AtrStopLoss(values.GetNumber("multiple"), values.GetInteger("period")));

    /// <summary>k: ATRs between entry and stop.</summary>
    public double Multiple { get; }

    /// <summary>ATR period in bars.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _atr = AverageTrueRange.WilderShared(data, Period);
        _anchoredEntryBar = -1;
        _anchoredStop = double.NaN;
    }

    /// <inheritdoc/>
    public StopDecision Evaluate(in StopContext context)
    {
        var position = context.Position;
        if (context.IsEntry || position.EntryBarIndex != _anchoredEntryBar)
        {
            _anchoredEntryBar = position.EntryBarIndex;
            _anchoredStop = double.NaN;
        }

        if (double.IsNaN(_anchoredStop))
        {
            // At entry only completed bars count: the ATR of bar e − 1. At a close, bar i is complete.
            int atrBar = context.IsEntry ? context.BarIndex - 1 : context.BarIndex;
            double atr = atrBar >= 0 && atrBar < _atr.Length ? _atr[atrBar] : double.NaN;
            _anchoredStop = position.EntryPrice - (position.Side * Multiple * atr);
        }

        return new StopDecision(_anchoredStop, false);
    }
}
