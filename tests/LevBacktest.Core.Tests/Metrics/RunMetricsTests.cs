using LevBacktest.Core.Margin;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Simulation;

namespace LevBacktest.Core.Tests.Metrics;

public sealed class RunMetricsTests
{
    [Fact]
    public void Metrics_of_a_1x_long_follow_their_definitions()
    {
        // 1x long without costs from bar 1's open (= bar 0's close): equity at close t = 10 000 · c_t / c_0 for t ≥ 1.
        double[] closes = [100, 110, 99, 120, 90, 95, 130];
        var settings = new SimulationSettings { Brackets = LeverageBracketSchedule.FlatRate(0.004, 125), TakerFeeRate = 0, MakerFeeRate = 0 };
        var result = Backtester.Run(TestData.FromCloses(closes), settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        var m = result.Metrics;

        double[] equity = closes.Select(c => 10_000 * c / 100).ToArray();
        Assert.Equal(equity, result.EquityCurve.Equity, new ToleranceComparer(1e-9));

        // Simple bar returns r_t (the first against the initial capital: 0), sample std, annualised with 8 760 bars a year.
        double[] r = new double[closes.Length];
        for (int t = 1; t < closes.Length; t++)
        {
            r[t] = (closes[t] / closes[t - 1]) - 1;
        }

        double mean = r.Average();
        double std = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
        double downside = Math.Sqrt(r.Sum(x => x < 0 ? x * x : 0) / r.Length);
        double barsPerYear = 365 * 24;
        Assert.Equal(0.3, m.TotalReturn, 1e-12);
        Assert.Equal(std * Math.Sqrt(barsPerYear), m.AnnualizedVolatility, 1e-9);
        Assert.Equal(mean / std * Math.Sqrt(barsPerYear), m.Sharpe, 1e-9);
        Assert.Equal(mean / downside * Math.Sqrt(barsPerYear), m.Sortino, 1e-9);

        // Peak 12 000 at bar 3, trough 9 000 at bar 4: drawdown 25 %; recovered at bar 6 (13 000): the episode runs
        // from bar 3's close to bar 6's close = 3 hours.
        Assert.Equal(0.25, m.MaxDrawdown, 1e-12);
        Assert.Equal(3.0 / 24, m.MaxDrawdownDurationDays, 1e-12);

        double years = closes.Length / barsPerYear;
        Assert.Equal(years, m.Years, 1e-15);
        Assert.Equal(Math.Pow(1.3, 1 / years) - 1, m.Cagr, Math.Abs(m.Cagr) * 1e-9);
        Assert.Equal(m.Cagr / 0.25, m.Calmar, Math.Abs(m.Calmar) * 1e-12);
        Assert.Equal(6.0 / 7, m.Exposure, 1e-12);
        Assert.Equal(1, m.AverageEffectiveLeverage, 1e-12);
        Assert.Equal(1, m.TradeCount);
        Assert.Equal(0, m.LiquidationCount);
        Assert.True(double.IsNaN(m.FirstLiquidationTime));
        Assert.Equal(0.3, m.UnderlyingReturn, 1e-12);
        Assert.Equal(0, m.LeverageDecay, 1e-12);
        Assert.Equal(3_000, m.OpenUnrealizedPnl, 1e-9);
    }

    [Theory]
    [InlineData(1, 3.0)]
    [InlineData(2, 20.0)]
    [InlineData(3, 60.0)]
    public void Figures_gathered_during_the_run_equal_a_pass_over_the_recorded_curves(int seed, double leverage)
    {
        // The engine gathers return moments, drawdown and exposure as it records each close. Recompute them by
        // definition from the recorded arrays, in bar order, and require equality to the last bit.
        var random = new Random(seed);
        int n = 3_000;
        var closes = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++)
        {
            price *= 1 + (0.03 * ((2 * random.NextDouble()) - 1));
            closes[i] = price;
        }

        var sides = Enumerable.Range(0, n).Select(i => (i % 97) < 10 ? 0 : (i / 97 % 2 == 0 ? 1 : -1)).ToArray();
        var settings = new SimulationSettings { Brackets = LeverageBracketSchedule.FlatRate(0.005, 100), Leverage = leverage };
        var result = Backtester.Run(TestData.FromCloses(closes), settings, new ScriptedSignal(sides), new LeverageUnderTestSizing(), new NoStop());
        var m = result.Metrics;
        var equity = result.EquityCurve.Equity;
        var notional = result.EquityCurve.PositionNotional;
        var effective = result.EquityCurve.EffectiveLeverage;
        Assert.True(leverage < 50 || m.LiquidationCount > 0, "the 60x path should be liquidated at least once");

        double sum = 0, squares = 0, downsideSquares = 0, previous = 10_000, peak = 10_000, maxDrawdown = 0, leverageSum = 0;
        int exposed = 0;
        for (int i = 0; i < n; i++)
        {
            double r = previous > 0 ? (equity[i] / previous) - 1 : 0;
            sum += r;
            squares += r * r;
            downsideSquares += r < 0 ? r * r : 0;
            previous = equity[i];
            peak = Math.Max(peak, equity[i]);
            maxDrawdown = Math.Max(maxDrawdown, peak > 0 ? 1 - (equity[i] / peak) : 0);
            if (notional[i] > 0)
            {
                exposed++;
                leverageSum += effective[i];
            }
        }

        double mean = sum / n;
        double std = Math.Sqrt((squares - (n * mean * mean)) / (n - 1));
        double annual = Math.Sqrt(365 * 24);
        Assert.Equal(maxDrawdown, m.MaxDrawdown);
        Assert.Equal((double)exposed / n, m.Exposure);
        Assert.Equal(leverageSum / exposed, m.AverageEffectiveLeverage);
        Assert.Equal(std * annual, m.AnnualizedVolatility);
        Assert.Equal(mean / std * annual, m.Sharpe);
        Assert.Equal(mean / Math.Sqrt(downsideSquares / n) * annual, m.Sortino);
    }

    [Fact]
    public void Every_named_value_is_the_property_of_its_name_and_the_copied_values_are_the_same_in_order()
    {
        // Every double property set to its own value (1, 2, 3, …): a value listed under another name, or missing, shows.
        var m = new RunMetrics();
        var properties = typeof(RunMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)).ToArray();
        for (int k = 0; k < properties.Length; k++)
        {
            properties[k].SetValue(m, k + 1.0);
        }

        var byName = m.ToNamedValues().ToDictionary(p => p.Key, p => p.Value);
        foreach (var property in properties)
        {
            Assert.Equal((double)property.GetValue(m)!, byName[char.ToLowerInvariant(property.Name[0]) + property.Name[1..]]);
        }

        var copied = new double[RunMetrics.Names.Count];
        m.CopyValuesTo(copied);
        Assert.Equal(m.ToNamedValues().Select(p => p.Value), copied);
    }

    [Fact]
    public void Named_values_are_camel_case_in_a_stable_order_matching_the_properties()
    {
        var m = new RunMetrics { TotalReturn = 0.5, Cagr = 0.1, MaxDrawdown = 0.2, FirstLiquidationTime = 123, MarginLost = 7, FeesPaid = 3, FundingPaid = 2, FundingReceived = 1, TradeCount = 4 };
        var pairs = m.ToNamedValues();
        Assert.Equal(RunMetrics.Names, pairs.Select(p => p.Key));
        var byName = pairs.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(0.5, byName["totalReturn"]);
        Assert.Equal(0.1, byName["cagr"]);
        Assert.Equal(0.2, byName["maxDrawdown"]);
        Assert.Equal(123, byName["firstLiquidationTime"]);
        Assert.Equal(7, byName["marginLost"]);
        Assert.Equal(3, byName["feesPaid"]);
        Assert.Equal(2, byName["fundingPaid"]);
        Assert.Equal(1, byName["fundingReceived"]);
        Assert.Equal(4, byName["tradeCount"]);

        // Every public double property appears once, under its camelCase name.
        var properties = typeof(RunMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        Assert.Equal(properties.OrderBy(x => x, StringComparer.Ordinal), RunMetrics.Names.OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(RunMetrics.Names.Count, RunMetrics.Names.Distinct().Count());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void Cagr_of_a_very_short_run_with_a_large_return_is_NaN_rather_than_infinite()
    {
        // Ten hourly bars in which a 1x long gains 200 %: (3)^(8 760 / 10) overflows a double.
        double[] closes = [100, 120, 140, 160, 180, 200, 220, 240, 260, 300];
        var settings = new SimulationSettings { Brackets = LeverageBracketSchedule.FlatRate(0.004, 125), TakerFeeRate = 0, MakerFeeRate = 0 };
        var m = Backtester.Run(TestData.FromCloses(closes), settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop()).Metrics;
        Assert.Equal(2, m.TotalReturn, 1e-12);
        Assert.True(double.IsNaN(m.Cagr));
        Assert.All(m.ToNamedValues().Where(p => p.Key is not ("cagr" or "calmar" or "firstLiquidationTime" or "timeToFirstLiquidationDays")), p => Assert.True(double.IsFinite(p.Value), p.Key));
    }
}
