using LevBacktest.Core.Data;
using LevBacktest.Core.Tests.Experiments;

namespace LevBacktest.Core.Tests.Data;

public sealed class SharedSeriesTests
{
    [Fact]
    public void A_key_is_computed_once_per_data_set_and_the_same_instance_is_shared()
    {
        var data = SyntheticMarket.Create(bars: 100);
        int computations = 0;
        double[] Compute()
        {
            Interlocked.Increment(ref computations);
            return new double[data.Count];
        }

        var first = SharedSeries.Of(data).GetOrCompute("test(a=1)", 800, Compute);
        var second = SharedSeries.Of(data).GetOrCompute("test(a=1)", 800, Compute);
        var other = SharedSeries.Of(data).GetOrCompute("test(a=2)", 800, Compute);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(2, computations);
    }

    [Fact]
    public void Another_data_set_has_its_own_series()
    {
        var a = SyntheticMarket.Create(bars: 100);
        var b = SyntheticMarket.Create(bars: 100);
        var fromA = SharedSeries.Of(a).GetOrCompute("test", 800, () => new double[1]);
        var fromB = SharedSeries.Of(b).GetOrCompute("test", 800, () => new double[1]);
        Assert.NotSame(fromA, fromB);
    }

    [Fact]
    public void Concurrent_callers_of_one_key_wait_for_a_single_computation()
    {
        var data = SyntheticMarket.Create(bars: 100);
        int computations = 0;
        var results = new double[16][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = SharedSeries.Of(data).GetOrCompute("slow", 8, () =>
            {
                Interlocked.Increment(ref computations);
                Thread.Sleep(50);
                return new double[1];
            }));
        Assert.Equal(1, computations);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void Past_the_byte_budget_series_are_computed_for_each_caller_and_not_kept()
    {
        var data = SyntheticMarket.Create(bars: 100);
        var kept = SharedSeries.Of(data).GetOrCompute("fits", SharedSeries.ByteBudget, () => new double[1]);
        int computations = 0;
        double[] Compute()
        {
            computations++;
            return new double[1];
        }

        var first = SharedSeries.Of(data).GetOrCompute("over", 1, Compute);
        var second = SharedSeries.Of(data).GetOrCompute("over", 1, Compute);

        Assert.NotSame(first, second);
        Assert.Equal(2, computations);
        Assert.Same(kept, SharedSeries.Of(data).GetOrCompute("fits", SharedSeries.ByteBudget, () => new double[1]));
    }
}
