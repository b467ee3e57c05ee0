namespace LevBacktest.Core.Portfolio;

/// <summary>
/// How a portfolio splits its target gross leverage across the instruments whose signals want a position
/// (see <see cref="PortfolioSettings.Weighting"/>). Weights are fractions summing to 1 over those instruments.
/// </summary>
public enum PortfolioWeighting
{
    /// <summary>Each wanted instrument gets 1/m of the target gross leverage (m = number of instruments wanting a position).</summary>
    Equal,

    /// <summary>Instrument k gets Weight_k / Σ Weight_j over the wanted instruments (<see cref="PortfolioInstrument.Weight"/>).</summary>
    Fixed,

    /// <summary>
    /// Risk parity on realised volatility: weight_k = (1/σ_k) / Σ (1/σ_j) over the wanted instruments, σ_k the sample
    /// standard deviation of the instrument's last <see cref="PortfolioSettings.VolatilityLookbackBars"/> log close-to-close
    /// returns up to the deciding bar (no look-ahead). An instrument without that many returns yet, or with σ = 0, gets no
    /// position until it has.
    /// </summary>
    InverseVolatility,
}
