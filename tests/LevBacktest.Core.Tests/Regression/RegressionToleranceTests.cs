using LevBacktest.Core.Regression;

namespace LevBacktest.Core.Tests.Regression;

public sealed class RegressionToleranceTests
{
    private static readonly RegressionTolerance Default = RegressionTolerance.Default;

    [Fact]
    public void Defaults_are_relative_1e9_and_absolute_1e12()
    {
        Assert.Equal(1e-9, Default.Relative);
        Assert.Equal(1e-12, Default.Absolute);
    }

    [Theory]
    [InlineData(double.NaN, double.NaN, true)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, true)]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity, true)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity, false)]
    [InlineData(double.PositiveInfinity, 1e308, false)]
    [InlineData(double.NaN, 0.0, false)]
    [InlineData(0.0, double.NaN, false)]
    [InlineData(double.NaN, double.PositiveInfinity, false)]
    public void Non_finite_values_equal_only_themselves(double baseline, double current, bool holds)
    {
        Assert.Equal(holds, Default.Holds("sharpe", baseline, current));
        Assert.Equal(holds, Default.Holds("sharpe", current, baseline));
    }

    [Fact]
    public void Relative_tolerance_scales_with_the_larger_magnitude()
    {
        // 1e-9 · 1000 = 1e-6 (+1e-12 absolute): a move of 0.9e-6 holds, 1.1e-6 does not.
        Assert.True(Default.Holds("finalEquity", 1000, 1000 + 0.9e-6));
        Assert.False(Default.Holds("finalEquity", 1000, 1000 + 1.1e-6));
        Assert.True(Default.Holds("finalEquity", -1000, -1000 - 0.9e-6));
    }

    [Fact]
    public void Absolute_tolerance_covers_values_that_should_be_zero()
    {
        Assert.True(Default.Holds("leverageDecay", 0.0, 5e-13));
        Assert.True(Default.Holds("leverageDecay", -1e-17, 1e-17));
        Assert.False(Default.Holds("leverageDecay", 0.0, 2e-12));
    }

    [Fact]
    public void Verdict_is_symmetric()
    {
        var random = new Random(7);
        for (int k = 0; k < 10_000; k++)
        {
            double a = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-14, 6));
            double b = a * (1 + ((random.NextDouble() - 0.5) * 4e-9));
            Assert.Equal(Default.Holds("x", a, b), Default.Holds("x", b, a));
        }
    }

    [Theory]
    [InlineData("tradeCount", 12, 13)]
    [InlineData("liquidationCount", 1, 2)]
    [InlineData("firstLiquidationTime", 1_700_000_000_000, 1_700_000_000_001)]
    public void Event_counts_and_times_are_compared_exactly(string metric, double baseline, double current)
    {
        var loose = new RegressionTolerance(0.5, 1);
        Assert.False(loose.Holds(metric, baseline, current));
        Assert.True(loose.Holds(metric, baseline, baseline));
        Assert.True(loose.Holds("finalEquity", baseline, current)); // the same numbers as a plain metric do hold
    }

    [Fact]
    public void Exact_tolerance_accepts_only_identical_values()
    {
        Assert.True(RegressionTolerance.Exact.Holds("sharpe", 0.1, 0.1));
        Assert.False(RegressionTolerance.Exact.Holds("sharpe", 0.1, Math.BitIncrement(0.1)));
    }

    [Theory]
    [InlineData(-1e-9, 0)]
    [InlineData(0, -1)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void Negative_or_non_finite_tolerances_are_rejected(double relative, double absolute)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegressionTolerance(relative, absolute));
    }
}
