namespace LevBacktest.Reporting.MonteCarlo;

/// <summary>
/// One run of a Monte Carlo folder as the charts need it (read from <c>summary.json</c> and <c>montecarlo.parquet</c>).
/// Fractions, not percent; equity in USDT; times in days.
/// </summary>
/// <param name="RunIndex">Index in the sweep.</param>
/// <param name="Leverage">Leverage under test.</param>
/// <param name="OtherParameters">The swept values other than leverage as <c>name = value</c>, joined by ", " (empty when only leverage is swept).</param>
/// <param name="LiquidationProbability">Share of paths liquidated within the horizon.</param>
/// <param name="Lower">Lower end of its 95 % Wilson interval.</param>
/// <param name="Upper">Upper end of its 95 % Wilson interval.</param>
/// <param name="FinalEquityQuantiles">Final equity at 5, 25, 50, 75 and 95 % (USDT), length 5.</param>
/// <param name="DaysToLiquidation">Days to the first liquidation of every liquidated path, ascending.</param>
public sealed record MonteCarloRunFigures(
    int RunIndex,
    double Leverage,
    string OtherParameters,
    double LiquidationProbability,
    double Lower,
    double Upper,
    double[] FinalEquityQuantiles,
    double[] DaysToLiquidation);
