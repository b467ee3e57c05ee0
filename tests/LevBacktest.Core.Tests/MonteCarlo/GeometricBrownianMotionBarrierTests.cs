using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.MonteCarlo;
using LevBacktest.Core.Tests.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.MonteCarlo;

/// <summary>
/// The whole machinery (GBM generator, runner, engine) against the closed form of the first-passage probability of
/// Brownian motion with drift: an isolated long at leverage L with no fees, funding or stop, on a flat maintenance
/// rate m, has the constant liquidation price LP = entry·(1 − 1/L)/(1 − m), a barrier b = ln(LP/entry) below the
/// start in log price, and P(touched by T) = Φ((b − νT)/(σ√T)) + exp(2νb/σ²)·Φ((b + νT)/(σ√T)), ν = μ − σ²/2.
/// </summary>
public sealed class GeometricBrownianMotionBarrierTests
{
    private const double MaintenanceRate = 0.004;
    private const long Hour = 3_600_000;
    private const double Z99 = 2.5758293035489004;
    private static readonly double[] Leverages = [3, 5, 10, 20];

    /// <summary>Closed-form probability that log price with drift ν and volatility σ touches b &lt; 0 by T (reflection principle).</summary>
    internal static double BarrierHitProbability(double b, double nu, double sigma, double years)
    {
        double s = sigma * Math.Sqrt(years);
        return NormalDistribution.Cdf((b - (nu * years)) / s) + (Math.Exp(2 * nu * b / (sigma * sigma)) * NormalDistribution.Cdf((b + (nu * years)) / s));
    }

    [Fact]
    public void The_closed_form_oracle_matches_known_values()
    {
        // Driftless: the reflection principle gives 2Φ(b/(σ√T)); at b = −σ√T that is 2Φ(−1) = 0.31731050786291.
        Assert.InRange(BarrierHitProbability(-0.5, 0, 0.5, 1), 0.31731050786291 - 1e-7, 0.31731050786291 + 1e-7);
        // With drift the two terms differ; a strong upward drift makes the touch rarer than without.
        Assert.True(BarrierHitProbability(-0.5, 1, 0.5, 1) < BarrierHitProbability(-0.5, 0, 0.5, 1));
    }

    [Theory]
    [InlineData(0.8, 0.3)]
    [InlineData(1.6, -0.5)]
    public void Continuous_monitoring_matches_the_reflection_principle(double volatility, double drift)
    {
        // Daily bars: the Brownian-bridge extremes make the bar length irrelevant to the continuous touch probability.
        const int bars = 31;
        const int paths = 60_000;
        var outcome = Run(volatility, drift, 24 * Hour, bars, paths, closeOnly: false);
        double years = (bars - 1) * 24 * Hour / GeometricBrownianMotion.MillisecondsPerYear;
        AssertWithinInterval(outcome, volatility, drift, years, barrierShift: 0);
    }

    [Theory]
    [InlineData(0.8, 0.3)]
    [InlineData(1.6, -0.5)]
    public void Close_only_monitoring_matches_the_Broadie_Glasserman_Kou_shifted_barrier(double volatility, double drift)
    {
        // Liquidation checked at 4-hour closes only: the discrete barrier behaves like the continuous one moved
        // 0.5826·σ·√Δt further away (Broadie, Glasserman and Kou 1997; 0.5826 = −ζ(1/2)/√(2π)).
        const int bars = 181;
        const int paths = 40_000;
        long interval = 4 * Hour;
        var outcome = Run(volatility, drift, interval, bars, paths, closeOnly: true);
        double dt = interval / GeometricBrownianMotion.MillisecondsPerYear;
        double years = (bars - 1) * dt;
        AssertWithinInterval(outcome, volatility, drift, years, barrierShift: -0.5826 * volatility * Math.Sqrt(dt));
    }

    [Fact]
    public void Close_only_monitoring_liquidates_less_often_than_continuous()
    {
        var continuous = Run(1.0, 0, 4 * Hour, 61, 4_000, closeOnly: false);
        var closes = Run(1.0, 0, 4 * Hour, 61, 4_000, closeOnly: true);
        for (int r = 0; r < Leverages.Length; r++)
        {
            var a = RunRiskSummary.Compute(continuous.Rows, continuous.RunCount, r);
            var b = RunRiskSummary.Compute(closes.Rows, closes.RunCount, r);
            Assert.True(b.LiquidatedPaths < a.LiquidatedPaths, $"leverage {Leverages[r]}: close-only {b.LiquidatedPaths}, continuous {a.LiquidatedPaths}");
        }
    }

    private static void AssertWithinInterval(MonteCarloOutcome outcome, double volatility, double drift, double years, double barrierShift)
    {
        double nu = drift - (0.5 * volatility * volatility);
        for (int r = 0; r < Leverages.Length; r++)
        {
            double leverage = Leverages[r];
            double barrier = Math.Log((1 - (1 / leverage)) / (1 - MaintenanceRate)) + barrierShift;
            double expected = BarrierHitProbability(barrier, nu, volatility, years);
            var risk = RunRiskSummary.Compute(outcome.Rows, outcome.RunCount, r);
            var (lower, upper) = RiskStatistics.WilsonInterval(risk.LiquidatedPaths, risk.PathCount, Z99);
            Assert.True(
                expected >= lower && expected <= upper,
                $"σ {volatility}, μ {drift}, leverage {leverage}: closed form {expected:0.0000}, simulated {risk.LiquidationProbability:0.0000}, 99 % interval [{lower:0.0000}, {upper:0.0000}]");
            Assert.True(upper - lower < 0.015, $"interval too wide to mean anything: {upper - lower:0.0000}");
        }
    }

    private static MonteCarloOutcome Run(double volatility, double drift, long interval, int bars, int paths, bool closeOnly)
    {
        var plan = ExperimentPlan.Create(
            SpecFixtures.Parse(s =>
            {
                s["instrument"] = new JsonObject
                {
                    ["maintenanceMarginRate"] = MaintenanceRate,
                    ["maxLeverage"] = 125,
                    ["takerFeeRate"] = 0,
                    ["makerFeeRate"] = 0,
                    ["slippage"] = new JsonObject { ["basisPoints"] = 0 },
                };
                s["afterLiquidation"] = "endRun";
                s["sweep"] = new JsonObject { ["leverage"] = new JsonArray([.. Leverages.Select(l => JsonValue.Create(l))]) };
            }),
            BuiltInStrategies.CreateCatalog());
        var generator = new GeometricBrownianMotion("SYNUSDT", 100, SyntheticMarket.Start, interval, bars, drift, volatility, closeOnly: closeOnly);
        return MonteCarloRunner.Run(plan, generator, LeverageBracketSchedule.FlatRate(MaintenanceRate, 125), paths, seed: 20_260_101, new MonteCarloRunOptions(), CancellationToken.None);
    }
}
