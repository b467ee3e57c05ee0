namespace LevBacktest.Core.Simulation;

/// <summary>
/// Slippage of market fills (entries, exits, rebalances, stops) as a fraction s of price: buys fill at
/// price · (1 + s), sells at price · (1 − s). Slippage is a cost, never a size change.
/// </summary>
/// <remarks>
/// <see cref="SlippageKind.FixedBasisPoints"/>: s = <see cref="BasisPoints"/> / 10 000.
/// <see cref="SlippageKind.VolatilityProportional"/>: s = <see cref="BasisPoints"/> / 10 000 +
/// <see cref="VolatilityMultiplier"/> · σ, where σ is the sample standard deviation of the close-to-close
/// log returns of the <see cref="LookbackBars"/> completed bars before the fill (fewer near the start;
/// σ = 0 with under two returns). A fill at bar i's open uses bars up to i−1; a fill at bar i's close or
/// inside bar i uses bars up to i−1 as well (the bar in progress is not known at the fill).
/// Take-profit orders are resting limit orders: no slippage, maker fee.
/// </remarks>
/// <param name="Kind">Model family.</param>
/// <param name="BasisPoints">Fixed part in basis points (1 bp = 0.0001), ≥ 0.</param>
/// <param name="VolatilityMultiplier">Multiple of σ (volatility-proportional only), ≥ 0.</param>
/// <param name="LookbackBars">Bars in the σ window (volatility-proportional only), ≥ 2.</param>
public readonly record struct SlippageModel(SlippageKind Kind, double BasisPoints, double VolatilityMultiplier, int LookbackBars)
{
    /// <summary>No slippage.</summary>
    public static SlippageModel None => new(SlippageKind.FixedBasisPoints, 0, 0, 0);

    /// <summary>Fixed slippage of <paramref name="basisPoints"/> bp per market fill.</summary>
    /// <param name="basisPoints">Basis points, ≥ 0.</param>
    public static SlippageModel Fixed(double basisPoints) => new(SlippageKind.FixedBasisPoints, basisPoints, 0, 0);

    /// <summary>Slippage of <paramref name="floorBasisPoints"/> bp plus <paramref name="multiplier"/> · σ over <paramref name="lookbackBars"/> bars.</summary>
    /// <param name="multiplier">Multiple of σ, ≥ 0.</param>
    /// <param name="lookbackBars">Bars in the σ window, ≥ 2.</param>
    /// <param name="floorBasisPoints">Fixed part in basis points, ≥ 0.</param>
    public static SlippageModel VolatilityProportional(double multiplier, int lookbackBars, double floorBasisPoints = 0) =>
        new(SlippageKind.VolatilityProportional, floorBasisPoints, multiplier, lookbackBars);

    /// <summary>Checks the parameters.</summary>
    /// <param name="fieldName">Name used in the exception (the settings field).</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public void Validate(string fieldName)
    {
        if (!double.IsFinite(BasisPoints) || BasisPoints < 0 || BasisPoints >= 10_000)
        {
            throw new ArgumentException($"{fieldName}: basis points must be in [0, 10000), got {BasisPoints}.", fieldName);
        }

        if (Kind == SlippageKind.VolatilityProportional)
        {
            if (!double.IsFinite(VolatilityMultiplier) || VolatilityMultiplier < 0)
            {
                throw new ArgumentException($"{fieldName}: volatility multiplier must be finite and ≥ 0, got {VolatilityMultiplier}.", fieldName);
            }

            if (LookbackBars < 2)
            {
                throw new ArgumentException($"{fieldName}: volatility lookback must be at least 2 bars, got {LookbackBars}.", fieldName);
            }
        }
        else if (Kind != SlippageKind.FixedBasisPoints)
        {
            throw new ArgumentException($"{fieldName}: unknown slippage kind {Kind}.", fieldName);
        }
    }

    /// <summary>
    /// Slippage fractions per bar for fills at or inside bar i, length <paramref name="close"/>.Length;
    /// null for the fixed model (use <see cref="BasisPoints"/> / 10 000 everywhere).
    /// </summary>
    internal double[]? PerBar(ReadOnlySpan<double> close)
    {
        if (Kind == SlippageKind.FixedBasisPoints)
        {
            return null;
        }

        int n = close.Length;
        var result = new double[n];
        double floor = BasisPoints * 1e-4;
        // Rolling sums of log returns r_k = ln(close[k] / close[k−1]), k ≥ 1, over the window k ∈ [i−L, i−1].
        double sum = 0, sumSquares = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (i >= 2)
            {
                double r = Math.Log(close[i - 1] / close[i - 2]);
                sum += r;
                sumSquares += r * r;
                count++;
                int leaving = i - 1 - LookbackBars; // return index leaving the window
                if (leaving >= 1)
                {
                    double old = Math.Log(close[leaving] / close[leaving - 1]);
                    sum -= old;
                    sumSquares -= old * old;
                    count--;
                }
            }

            double sigma = 0;
            if (count >= 2)
            {
                double variance = (sumSquares - (sum * sum / count)) / (count - 1);
                sigma = variance > 0 ? Math.Sqrt(variance) : 0;
            }

            result[i] = floor + (VolatilityMultiplier * sigma);
        }

        return result;
    }
}
