using System.Runtime.CompilerServices;

namespace LevBacktest.Core.Metrics;

/// <summary>
/// The one-pass part of <see cref="RunMetrics"/>, gathered by the engine as it records each bar close instead of
/// in a second pass over the curves: return moments, the maximum drawdown and its peak, exposure and average
/// effective leverage. Summation order and arithmetic are those of the definitions on <see cref="RunMetrics"/>,
/// bar by bar, so the figures are the same to the last bit as a pass over the recorded arrays.
/// </summary>
/// <remarks>
/// A mutable struct on purpose: it lives in a local of the bar loop, where the JIT keeps its fields in registers.
/// Re-reading the three 8-byte-per-bar curves afterwards cost about 2 ms of a 15 ms run over a million bars.
/// </remarks>
internal struct RunMetricsAccumulator
{
    private double _previous;
    private int _bars;

    // An equity at or above this cannot set a new maximum drawdown (see NoNewDrawdownFrom): the bar then needs no division.
    private double _noNewDrawdownFrom;

    /// <summary>Starts with the initial capital as the previous equity and the first peak.</summary>
    /// <param name="initialCapital">Initial capital in USDT.</param>
    public RunMetricsAccumulator(double initialCapital)
    {
        _previous = initialCapital;
        Peak = initialCapital;
        PeakBar = -1;
        MaxDrawdownPeakBar = -1;
        MaxDrawdownBar = -1;
        _noNewDrawdownFrom = NoNewDrawdownFrom(Peak, MaxDrawdown);
    }

    /// <summary>Σ r_t of the bar returns r_t = equity_t / equity_{t−1} − 1 (0 when the previous equity is not positive).</summary>
    public double SumOfReturns { get; private set; }

    /// <summary>Σ r_t².</summary>
    public double SumOfSquaredReturns { get; private set; }

    /// <summary>Σ r_t² over r_t &lt; 0; NaN when a NaN return with its sign bit set was seen (recompute by definition then).</summary>
    public double SumOfSquaredNegativeReturns { get; private set; }

    /// <summary>Highest equity so far (USDT), starting at the initial capital.</summary>
    public double Peak { get; private set; }

    /// <summary>Bar of <see cref="Peak"/>, −1 while the peak is the initial capital.</summary>
    public int PeakBar { get; private set; }

    /// <summary>Largest 1 − equity / peak so far, a fraction.</summary>
    public double MaxDrawdown { get; private set; }

    /// <summary>Bar of the peak the maximum drawdown fell from (−1: the initial capital), −1 without a drawdown.</summary>
    public int MaxDrawdownPeakBar { get; private set; }

    /// <summary>Bar where the maximum drawdown was reached, −1 without a drawdown.</summary>
    public int MaxDrawdownBar { get; private set; }

    /// <summary>Bars whose close had a position (notional &gt; 0).</summary>
    public int ExposedBars { get; private set; }

    /// <summary>Σ effective leverage over the exposed bars.</summary>
    public double SumOfExposedLeverage { get; private set; }

    /// <summary>Bars added.</summary>
    public readonly int Count => _bars;

    /// <summary>Adds the close of the next bar without a position.</summary>
    /// <param name="equity">Equity at the close, USDT.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddFlat(double equity) => AddEquity(equity);

    /// <summary>Adds the close of the next bar with a position.</summary>
    /// <param name="equity">Equity at the close, USDT.</param>
    /// <param name="notional">Position notional at the mark close, USDT.</param>
    /// <param name="effectiveLeverage">Notional / equity.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddHeld(double equity, double notional, double effectiveLeverage)
    {
        AddEquity(equity);
        if (notional > 0)
        {
            ExposedBars++;
            SumOfExposedLeverage += effectiveLeverage;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddEquity(double e)
    {
        int bar = _bars++;
        double r = _previous > 0 ? (e / _previous) - 1 : 0;
        SumOfReturns += r;
        SumOfSquaredReturns += r * r;
        SumOfSquaredNegativeReturns += SquareIfSignBitSet(r);
        _previous = e;
        if (e > Peak)
        {
            Peak = e;
            PeakBar = bar;
            _noNewDrawdownFrom = NoNewDrawdownFrom(Peak, MaxDrawdown);
        }
        else if (Peak > 0 && !(e >= _noNewDrawdownFrom))
        {
            double drawdown = 1 - (e / Peak);
            if (drawdown > MaxDrawdown)
            {
                MaxDrawdown = drawdown;
                MaxDrawdownPeakBar = PeakBar;
                MaxDrawdownBar = bar;
                _noNewDrawdownFrom = NoNewDrawdownFrom(Peak, MaxDrawdown);
            }
        }
    }

    /// <summary>
    /// A level T such that every equity e ≥ T gives 1 − e / <paramref name="peak"/> ≤ <paramref name="maxDrawdown"/> in
    /// floating point, so the bar cannot change the maximum drawdown and its division can be skipped: most bars of a
    /// run lie in a drawdown no deeper than the deepest so far. T = fl(fl(peak · fl(1 − M)) · (1 + 2⁻⁵⁰)). Proof, with
    /// u = 2⁻⁵³ and the peak a positive normal number: T ≥ peak·(1 − M)·(1 − u)³·(1 + 8u) ≥ peak·(1 − M)·(1 + 4u), so
    /// e ≥ T gives fl(e / peak) ≥ (e / peak)·(1 − u) ≥ (1 − M)·(1 + 2u) ≥ 1 − M, hence 1 − fl(e / peak) ≤ M exactly and
    /// its rounding (monotone, M a double) is ≤ M: the test "drawdown &gt; MaxDrawdown" is false, as it is when the
    /// division is done. NaN equity never passes e ≥ T (it is divided, as before); +∞ is returned (nothing skipped)
    /// when M &gt; 1, the peak is below 10⁻³⁰⁰ (subnormal products) or the product overflows.
    /// </summary>
    private static double NoNewDrawdownFrom(double peak, double maxDrawdown)
    {
        if (!(maxDrawdown <= 1) || !(peak >= 1e-300))
        {
            return double.PositiveInfinity;
        }

        return peak * (1 - maxDrawdown) * (1 + 8.881784197001252e-16); // 1 + 2⁻⁵⁰, exactly
    }

    /// <summary>
    /// <paramref name="r"/>² when its sign bit is set, else +0, without a branch: a return's sign is a coin
    /// toss, so a branch here would mispredict on about every second bar. Summing these gives exactly the sum
    /// of squares of the negative returns (−0 and positive returns add +0, which changes no sum), except that
    /// a NaN with its sign bit set adds NaN, which <see cref="SumOfSquaredNegativeReturns"/> then reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SquareIfSignBitSet(double r)
    {
        long bits = BitConverter.DoubleToInt64Bits(r);
        double negativePart = BitConverter.Int64BitsToDouble(bits & (bits >> 63));
        return negativePart * negativePart;
    }
}
