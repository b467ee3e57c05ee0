namespace LevBacktest.Core.Tests.MonteCarlo;

/// <summary>The standard normal CDF for test oracles: Abramowitz and Stegun 26.2.17 (absolute error below 7.5·10⁻⁸).</summary>
internal static class NormalDistribution
{
    public static double Cdf(double x)
    {
        if (x < 0)
        {
            return 1 - Cdf(-x);
        }

        double t = 1 / (1 + (0.2316419 * x));
        double polynomial = t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        double density = Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
        return 1 - (density * polynomial);
    }
}
