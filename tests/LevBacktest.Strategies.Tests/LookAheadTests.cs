using FsCheck;
using FsCheck.Fluent;

using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Tests;

/// <summary>
/// No look-ahead: rewriting every bar (and funding event) after bar k never changes a signal decided at a
/// close ≤ k, a sizing for a fill at an open ≤ k + 1 (which may use closes ≤ k), or a stop set at a close ≤ k.
/// Every built-in strategy is exercised with short periods so that warm-up ends early.
/// </summary>
public sealed class LookAheadTests
{
    private const int Bars = 90;

    private static readonly Dictionary<string, Dictionary<string, object?>> ShortPeriods = new()
    {
        ["ma-cross"] = new() { ["fast"] = 3, ["slow"] = 8 },
        ["donchian-breakout"] = new() { ["entry"] = 6, ["exit"] = 3 },
        ["funding-carry"] = new() { ["threshold"] = 0.05, ["events"] = 2 },
        ["vol-target"] = new() { ["lookback"] = 10 },
        ["fractional-kelly"] = new() { ["lookback"] = 10 },
        ["liquidation-aware"] = new() { ["atrPeriod"] = 5 },
        ["atr"] = new() { ["period"] = 5 },
        ["chandelier"] = new() { ["period"] = 5 },
        ["time"] = new() { ["bars"] = 4 },
    };

    private static readonly StrategyCatalog Catalog = BuiltInStrategies.CreateCatalog();

    private static Config Quick => Config.QuickThrowOnFailure.WithMaxTest(60);

    private static Arbitrary<(int Seed, int Cut)> Cases =>
        Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(1, Bars - 2)).Select(t => (t.Item1, t.Item2)).ToArbitrary();

    [Fact]
    public void SignalsDecidedUpToBarKIgnoreLaterBars()
    {
        Check.One(Quick, Prop.ForAll(Cases, c =>
        {
            var (original, rewritten) = Paths(c.Seed, c.Cut);
            foreach (var descriptor in Catalog.OfKind(StrategyKind.Signal))
            {
                int[] before = TestBars.Sides(descriptor.CreateSignal(Bind(descriptor)), original);
                int[] after = TestBars.Sides(descriptor.CreateSignal(Bind(descriptor)), rewritten);
                bool anyPosition = false;
                for (int i = 0; i <= c.Cut; i++)
                {
                    anyPosition |= before[i] != 0;
                    if (before[i] != after[i])
                    {
                        throw new Xunit.Sdk.XunitException($"{descriptor.Name}: side at bar {i} changed when bars after {c.Cut} changed.");
                    }
                }

                RequireNonTrivial(anyPosition, descriptor, c.Cut);
            }

            return true;
        }));
    }

    [Fact]
    public void SizingForAFillAtOpenKPlusOneIgnoresLaterBars()
    {
        Check.One(Quick, Prop.ForAll(Cases, c =>
        {
            var (original, rewritten) = Paths(c.Seed, c.Cut);
            foreach (var descriptor in Catalog.OfKind(StrategyKind.Sizing))
            {
                var a = descriptor.CreateSizing(Bind(descriptor));
                var b = descriptor.CreateSizing(Bind(descriptor));
                a.Prepare(original);
                b.Prepare(rewritten);
                bool anyLeverage = false;
                for (int fill = 1; fill <= c.Cut + 1; fill++)
                {
                    foreach (int side in new[] { 1, -1 })
                    {
                        // The fill bar's open is known at the fill, so both runs see the same one.
                        double open = original.Open.Span[fill];
                        var context = new SizingContext(fill, side, 10_000, open, 10, open * (1 - (side * 0.03)), 0.004, 125, 0.0005);
                        double x = a.TargetLeverage(context), y = b.TargetLeverage(context);
                        anyLeverage |= x > 0;
                        if (!x.Equals(y))
                        {
                            throw new Xunit.Sdk.XunitException($"{descriptor.Name}: leverage for a fill at bar {fill} changed ({x} vs {y}) when bars after {c.Cut} changed.");
                        }
                    }
                }

                RequireNonTrivial(anyLeverage, descriptor, c.Cut);
            }

            return true;
        }));
    }

    [Fact]
    public void StopsSetUpToBarKIgnoreLaterBars()
    {
        Check.One(Quick, Prop.ForAll(Cases, c =>
        {
            var (original, rewritten) = Paths(c.Seed, c.Cut);
            foreach (var descriptor in Catalog.OfKind(StrategyKind.StopLoss))
            {
                var a = descriptor.CreateStopLoss(Bind(descriptor));
                var b = descriptor.CreateStopLoss(Bind(descriptor));
                a.Prepare(original);
                b.Prepare(rewritten);
                int entry = Math.Max(1, c.Cut / 2);
                double stopA = double.NaN, stopB = double.NaN;
                bool anyStop = descriptor.Name == "none";
                for (int bar = entry; bar <= c.Cut; bar++)
                {
                    bool isEntry = bar == entry;
                    var high = original.High.Span[entry..(bar + 1)];
                    var low = original.Low.Span[entry..(bar + 1)];
                    double fill = original.Open.Span[entry];
                    double highest = fill, lowest = fill;
                    if (!isEntry)
                    {
                        foreach (double h in high)
                        {
                            highest = Math.Max(highest, h);
                        }

                        foreach (double l in low)
                        {
                            lowest = Math.Min(lowest, l);
                        }
                    }

                    var viewA = new PositionView(bar, entry, entry, 1, 1, fill, original.Close.Span[bar], 1000, 5, 5, fill * 0.81, highest, lowest, stopA);
                    var viewB = viewA with { StopPrice = stopB };
                    var decisionA = a.Evaluate(new StopContext(bar, isEntry, viewA));
                    var decisionB = b.Evaluate(new StopContext(bar, isEntry, viewB));
                    if (!decisionA.Equals(decisionB))
                    {
                        throw new Xunit.Sdk.XunitException($"{descriptor.Name}: stop at bar {bar} changed ({decisionA} vs {decisionB}) when bars after {c.Cut} changed.");
                    }

                    anyStop |= !double.IsNaN(decisionA.StopPrice) || decisionA.ExitAtNextOpen;
                    stopA = decisionA.StopPrice;
                    stopB = decisionB.StopPrice;
                }

                RequireNonTrivial(anyStop, descriptor, c.Cut);
            }

            return true;
        }));
    }

    /// <summary>Past warm-up every strategy must have produced something, or the comparison proves nothing.</summary>
    private static void RequireNonTrivial(bool producedSomething, StrategyDescriptor descriptor, int cut)
    {
        if (cut >= 40 && !producedSomething)
        {
            throw new Xunit.Sdk.XunitException($"{descriptor.Name} produced no position, leverage or stop in {cut + 1} bars; the look-ahead check would be vacuous.");
        }
    }

    private static StrategyParameterValues Bind(StrategyDescriptor descriptor) =>
        ShortPeriods.TryGetValue(descriptor.Name, out var values) ? descriptor.Bind(values) : descriptor.BindDefaults();

    /// <summary>A random walk with funding every 4 h, and a copy whose bars after <paramref name="cut"/> (and
    /// funding settled after bar cut's close) are replaced by an independent walk.</summary>
    private static (MarketData Original, MarketData Rewritten) Paths(int seed, int cut)
    {
        var random = new Random(seed);
        double[] o = new double[Bars], h = new double[Bars], l = new double[Bars], c = new double[Bars];
        Walk(random, o, h, l, c, 0, 100.0);
        double[] o2 = (double[])o.Clone(), h2 = (double[])h.Clone(), l2 = (double[])l.Clone(), c2 = (double[])c.Clone();
        Walk(random, o2, h2, l2, c2, cut + 1, c[cut]);

        int events = Bars / 4;
        long[] times = new long[events];
        double[] rates = new double[events];
        double[] rates2 = new double[events];
        long cutClose = TestBars.StartMs + ((cut + 1) * TestBars.HourMs);
        for (int k = 0; k < events; k++)
        {
            times[k] = TestBars.StartMs + (k * 4 * TestBars.HourMs);
            rates[k] = (random.NextDouble() - 0.5) * 0.0004;
            rates2[k] = times[k] < cutClose ? rates[k] : (random.NextDouble() - 0.5) * 0.0004;
        }

        return (
            TestBars.FromOhlc(o, h, l, c, funding: new FundingEvents(times, rates, default)),
            TestBars.FromOhlc(o2, h2, l2, c2, funding: new FundingEvents(times, rates2, default)));
    }

    private static void Walk(Random random, double[] open, double[] high, double[] low, double[] close, int from, double start)
    {
        double previous = start;
        for (int i = from; i < close.Length; i++)
        {
            open[i] = previous * (1 + ((random.NextDouble() - 0.5) * 0.004));
            close[i] = open[i] * Math.Exp((random.NextDouble() - 0.5) * 0.06);
            high[i] = Math.Max(open[i], close[i]) * (1 + (random.NextDouble() * 0.01));
            low[i] = Math.Min(open[i], close[i]) * (1 - (random.NextDouble() * 0.01));
            previous = close[i];
        }
    }
}
