using LevBacktest.Core.Metrics;

namespace LevBacktest.Core.Tests.Metrics;

/// <summary>
/// <see cref="RunMetricsAccumulator"/> skips the drawdown division on bars that provably cannot deepen the maximum
/// drawdown. It must give exactly what the definition gives with a division at every bar below the peak: compared here,
/// bit for bit, with that definition on random walks that hover at the deepest drawdown and on equities placed at the
/// neighbouring doubles of the exact threshold peak·(1 − M).
/// </summary>
public sealed class RunMetricsAccumulatorTests
{
    /// <summary>The definition, bar by bar, dividing at every bar below the peak (the accumulator's code before the skip).</summary>
    private sealed class Definition(double initialCapital)
    {
        private double _previous = initialCapital;
        private int _bars;

        public double Peak { get; private set; } = initialCapital;

        public int PeakBar { get; private set; } = -1;

        public double MaxDrawdown { get; private set; }

        public int MaxDrawdownPeakBar { get; private set; } = -1;

        public int MaxDrawdownBar { get; private set; } = -1;

        public double SumOfReturns { get; private set; }

        public void Add(double e)
        {
            int bar = _bars++;
            double r = _previous > 0 ? (e / _previous) - 1 : 0;
            SumOfReturns += r;
            _previous = e;
            if (e > Peak)
            {
                Peak = e;
                PeakBar = bar;
            }
            else if (Peak > 0)
            {
                double drawdown = 1 - (e / Peak);
                if (drawdown > MaxDrawdown)
                {
                    MaxDrawdown = drawdown;
                    MaxDrawdownPeakBar = PeakBar;
                    MaxDrawdownBar = bar;
                }
            }
        }
    }

    private static void AssertSame(double initialCapital, IEnumerable<double> equities)
    {
        var accumulator = new RunMetricsAccumulator(initialCapital);
        var definition = new Definition(initialCapital);
        foreach (double e in equities)
        {
            accumulator.AddFlat(e);
            definition.Add(e);
            Assert.Equal(BitConverter.DoubleToInt64Bits(definition.MaxDrawdown), BitConverter.DoubleToInt64Bits(accumulator.MaxDrawdown));
            Assert.Equal(definition.MaxDrawdownBar, accumulator.MaxDrawdownBar);
            Assert.Equal(definition.MaxDrawdownPeakBar, accumulator.MaxDrawdownPeakBar);
            Assert.Equal(BitConverter.DoubleToInt64Bits(definition.Peak), BitConverter.DoubleToInt64Bits(accumulator.Peak));
            Assert.Equal(definition.PeakBar, accumulator.PeakBar);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(definition.SumOfReturns), BitConverter.DoubleToInt64Bits(accumulator.SumOfReturns));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_walks_give_the_definitions_drawdown_bit_for_bit(int seed)
    {
        var random = new Random(seed);
        for (int walk = 0; walk < 200; walk++)
        {
            double capital = Math.Exp(random.NextDouble() * 20 - 5);
            double step = Math.Pow(10, -random.Next(2, 14)); // down to a few ulps per bar: equity hugs the deepest drawdown
            var equities = new double[2000];
            double e = capital;
            for (int i = 0; i < equities.Length; i++)
            {
                e *= 1 + (step * (random.NextDouble() - 0.52));
                equities[i] = e;
            }

            AssertSame(capital, equities);
        }
    }

    [Fact]
    public void Equities_at_the_neighbouring_doubles_of_the_threshold_give_the_definitions_drawdown()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 5000; trial++)
        {
            double peak = Math.Exp(random.NextDouble() * 40 - 20);
            double first = peak * (1 - random.NextDouble());
            var equities = new List<double> { peak, first };
            double deepest = 1 - (first / peak);

            // The exact threshold and the doubles around it, several times, in a random order.
            double threshold = peak * (1 - deepest);
            double below = threshold, above = threshold;
            for (int k = 0; k < 6; k++)
            {
                below = Math.BitDecrement(below);
                above = Math.BitIncrement(above);
                equities.Add(random.Next(2) == 0 ? below : above);
                equities.Add(threshold);
            }

            AssertSame(peak / 2, equities);
        }
    }

    [Fact]
    public void Special_values_take_the_definitions_path()
    {
        AssertSame(100, [100, 50, double.NaN, 50, 0, -0.0, 1e-320, double.PositiveInfinity, 10, double.NaN, 5]);
        AssertSame(1e-310, [1e-311, 1e-312, 1e-311, 2e-310, 1e-320]);
        AssertSame(100, [0, 0, 50, 0, 100, 200, 0]); // a 100 % drawdown, then equities at and above zero
        AssertSame(100, [-50, 10, -20, 300, -1]); // negative equity: drawdowns above 1
        AssertSame(double.MaxValue / 2, [double.MaxValue, double.MaxValue / 3, double.MaxValue / 3.5, double.MaxValue]);
    }
}
