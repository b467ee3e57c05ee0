using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Tests;

/// <summary>The per-bar calls of every built-in strategy allocate nothing (allocation belongs in Prepare).</summary>
public sealed class PerBarAllocationTests
{
    [Fact]
    public void PerBarCallsDoNotAllocate()
    {
        var closes = new double[300];
        for (int i = 0; i < closes.Length; i++)
        {
            closes[i] = 100 * Math.Exp(0.05 * Math.Sin(i / 7.0));
        }

        var data = TestBars.FromCloses(closes);
        foreach (var descriptor in BuiltInStrategies.CreateCatalog().All)
        {
            object strategy = descriptor.Create(descriptor.BindDefaults());
            switch (strategy)
            {
                case ISignal signal:
                    signal.Prepare(data);
                    AssertNoAllocation(descriptor, () =>
                    {
                        int sum = 0;
                        for (int i = 0; i < data.Count; i++)
                        {
                            sum += signal.DesiredSide(i);
                        }

                        return sum;
                    });
                    break;
                case ISizing sizing:
                    sizing.Prepare(data);
                    AssertNoAllocation(descriptor, () =>
                    {
                        double sum = 0;
                        for (int i = 1; i < data.Count; i++)
                        {
                            var context = new SizingContext(i, 1, 1000, closes[i - 1], 5, closes[i - 1] * 0.97, 0.004, 125, 0.0005);
                            sum += sizing.TargetLeverage(context);
                            var position = new PositionView(i, 1, 1, 1, 1, 100, closes[i], 1000, 5, 5, 81, 110, 90, 95);
                            sum += sizing.ShouldRebalance(position) ? 1 : 0;
                        }

                        return (int)sum;
                    });
                    break;
                case IStopLoss stop:
                    stop.Prepare(data);
                    AssertNoAllocation(descriptor, () =>
                    {
                        double sum = 0;
                        for (int i = 1; i < data.Count; i++)
                        {
                            var position = new PositionView(i, 1, 1, 1, 1, 100, closes[i], 1000, 5, 5, 81, 110, 90, 95);
                            var decision = stop.Evaluate(new StopContext(i, i == 1, position));
                            sum += double.IsNaN(decision.StopPrice) ? 0 : decision.StopPrice;
                        }

                        return (int)sum;
                    });
                    break;
                default:
                    Assert.Fail($"{descriptor.Label} created a {strategy.GetType().Name}");
                    break;
            }
        }
    }

    private static void AssertNoAllocation(StrategyDescriptor descriptor, Func<int> loop)
    {
        loop(); // first run compiles
        long before = GC.GetAllocatedBytesForCurrentThread();
        loop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{descriptor.Label} allocated {allocated} bytes in its per-bar calls.");
    }
}
