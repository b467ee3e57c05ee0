using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.Tests;

public sealed class IndicatorTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void SimpleMovingAverageOfOneToTenIsTheMiddleOfEachWindow()
    {
        var sma = new double[10];
        MovingAverages.Simple(OneToTen, 3, sma);
        Assert.True(double.IsNaN(sma[0]) && double.IsNaN(sma[1]));
        for (int i = 2; i < 10; i++)
        {
            Assert.Equal(i, sma[i], 12); // mean of i-1, i, i+1 (values are index + 1)
        }

        MovingAverages.Simple(OneToTen, 10, sma);
        Assert.True(double.IsNaN(sma[8]));
        Assert.Equal(5.5, sma[9], 12);
    }

    [Fact]
    public void ExponentialMovingAverageFollowsTheRecursionSeededWithTheSimpleAverage()
    {
        // period 3 → alpha = 0.5; seed (1+3+2)/3 = 2; then 2 + 0.5(6-2) = 4; 4 + 0.5(4-4) = 4; 4 + 0.5(9-4) = 6.5.
        double[] values = [1, 3, 2, 6, 4, 9];
        var ema = new double[6];
        MovingAverages.Exponential(values, 3, ema);
        Assert.True(double.IsNaN(ema[0]) && double.IsNaN(ema[1]));
        Assert.Equal([2.0, 4.0, 4.0, 6.5], ema[2..]);
    }

    [Fact]
    public void WilderAverageTrueRangeMatchesAHandComputedFiveBarExample()
    {
        double[] high = [10, 11, 13, 12.5, 11.5];
        double[] low = [8, 9, 11.5, 11, 8.5];
        double[] close = [9, 10.5, 12, 11.2, 9];
        var trueRange = new double[5];
        AverageTrueRange.TrueRange(high, low, close, trueRange);
        // TR0 = H-L; TR2 = |13 - 10.5| (gap over the previous close); the others are H-L.
        Assert.Equal([2.0, 2.0, 2.5, 1.5, 3.0], trueRange);

        var atr = new double[5];
        AverageTrueRange.Wilder(high, low, close, 3, atr);
        Assert.True(double.IsNaN(atr[0]) && double.IsNaN(atr[1]));
        Assert.Equal(13.0 / 6.0, atr[2], 12);   // (2 + 2 + 2.5) / 3
        Assert.Equal(35.0 / 18.0, atr[3], 12);  // (13/6 · 2 + 1.5) / 3
        Assert.Equal(62.0 / 27.0, atr[4], 12);  // (35/18 · 2 + 3) / 3
    }

    [Fact]
    public void RollingStandardDeviationUsesTheSampleDivisor()
    {
        var std = new double[10];
        RollingStatistics.StandardDeviation(OneToTen, 3, std);
        Assert.True(double.IsNaN(std[1]));
        for (int i = 2; i < 10; i++)
        {
            Assert.Equal(1.0, std[i], 12); // {k-1, k, k+1}: squared deviations 1 + 0 + 1 over n-1 = 2
        }

        // The classic {2,4,4,4,5,5,7,9}: Σ(x - 5)² = 32, sample variance 32/7.
        double[] values = [100, 2, 4, 4, 4, 5, 5, 7, 9];
        var variance = new double[values.Length];
        RollingStatistics.Variance(values, 8, variance);
        Assert.Equal(32.0 / 7.0, variance[8], 10);
        var mean = new double[values.Length];
        RollingStatistics.Mean(values, 8, mean);
        Assert.Equal(5.0, mean[8], 12);
    }

    [Fact]
    public void SlidingVarianceStaysAccurateOverALongSeries()
    {
        var random = new Random(7);
        var values = new double[5000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 50_000 + (random.NextDouble() * 1000);
        }

        var variance = new double[values.Length];
        RollingStatistics.Variance(values, 50, variance);
        for (int end = 49; end < values.Length; end += 487)
        {
            double m = 0;
            for (int j = end - 49; j <= end; j++)
            {
                m += values[j];
            }

            m /= 50;
            double s = 0;
            for (int j = end - 49; j <= end; j++)
            {
                s += (values[j] - m) * (values[j] - m);
            }

            Assert.Equal(s / 49, variance[end], 6);
        }
    }

    [Fact]
    public void ReturnsStartWithNaNAndWindowsSkipIt()
    {
        double[] close = [100, 110, 99, 108.9];
        var log = new double[4];
        RollingStatistics.LogReturns(close, log);
        Assert.True(double.IsNaN(log[0]));
        Assert.Equal(Math.Log(1.1), log[1], 14);
        Assert.Equal(Math.Log(0.9), log[2], 14);

        var simple = new double[4];
        RollingStatistics.SimpleReturns(close, simple);
        Assert.Equal([0.1, -0.1, 0.1], simple[1..].Select(x => Math.Round(x, 12)).ToArray());

        var mean = new double[4];
        RollingStatistics.Mean(simple, 2, mean);
        Assert.True(double.IsNaN(mean[1])); // the window would include the NaN at index 0
        Assert.Equal(0.0, mean[2], 12);
    }

    [Fact]
    public void DonchianBandsAreTheExtremesOfTheLastPeriodBars()
    {
        double[] high = [1, 3, 2, 5, 4, 4, 1, 0.5];
        var upper = new double[8];
        DonchianChannel.Upper(high, 3, upper);
        Assert.True(double.IsNaN(upper[0]) && double.IsNaN(upper[1]));
        Assert.Equal([3.0, 5, 5, 5, 4, 4], upper[2..]);

        var lower = new double[8];
        DonchianChannel.Lower(high, 3, lower);
        Assert.Equal([1.0, 2, 2, 4, 1, 0.5], lower[2..]);

        DonchianChannel.Upper(high, 1, upper);
        Assert.Equal(high, upper);
    }

    [Fact]
    public void DonchianMatchesABruteForceWindowOnRandomData()
    {
        var random = new Random(11);
        var values = new double[400];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(0, 20); // many ties
        }

        foreach (int period in new[] { 2, 5, 17 })
        {
            var upper = new double[values.Length];
            var lower = new double[values.Length];
            DonchianChannel.Upper(values, period, upper);
            DonchianChannel.Lower(values, period, lower);
            for (int i = period - 1; i < values.Length; i++)
            {
                var window = values.AsSpan(i - period + 1, period);
                double max = double.MinValue, min = double.MaxValue;
                foreach (double v in window)
                {
                    max = Math.Max(max, v);
                    min = Math.Min(min, v);
                }

                Assert.Equal(max, upper[i]);
                Assert.Equal(min, lower[i]);
            }
        }
    }
}
