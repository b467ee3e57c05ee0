using System.Text.Json.Nodes;

using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.MonteCarlo;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.MonteCarlo;

public sealed class StationaryBlockBootstrapTests
{
    private static readonly MarketData History = SyntheticMarket.Create(bars: 2400);
    private static readonly LeverageBracketSchedule Flat = LeverageBracketSchedule.FlatRate(0.004, 125);

    private static ExperimentPlan Plan() => ExperimentPlan.Create(
        SpecFixtures.Parse(s =>
        {
            s["instrument"]!["takerFeeRate"] = 0.0005;
            s["instrument"]!["slippage"] = new JsonObject { ["basisPoints"] = 2 };
            s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 12, ["slow"] = 48 } };
            s["strategy"]!["stop"] = new JsonObject { ["name"] = "trailing-percent", ["parameters"] = new JsonObject { ["distance"] = 0.03 } };
            s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 5, 20, 60) };
        }),
        BuiltInStrategies.CreateCatalog());

    [Fact]
    public void One_block_as_long_as_the_data_reproduces_the_historical_run_exactly()
    {
        var plan = Plan();
        var generator = new StationaryBlockBootstrap(History, History.Count, double.PositiveInfinity, firstBlockAtDataStart: true);
        var path = generator.Generate(new PathRandom(5, 3), new PathBuffer(History.Count));
        Assert.Equal(History.Open.ToArray(), path.Open.ToArray());
        Assert.Equal(History.MarkLow.ToArray(), path.MarkLow.ToArray());
        // The history's last settlement falls after its last bar and settles nowhere; every other one is kept as it was.
        int settled = History.FundingBarIndex.ToArray().Count(bar => bar < History.Count);
        Assert.Equal(History.Funding.Count - 1, settled);
        Assert.Equal(History.Funding.TimeMs[..settled].ToArray(), path.Funding.TimeMs.ToArray());
        Assert.Equal(History.Funding.Rate[..settled].ToArray(), path.Funding.Rate.ToArray());
        for (int r = 0; r < plan.RunCount; r++)
        {
            var historical = ExperimentRunner.RunOne(plan, History, Flat, r).Result;
            var point = plan.GetRun(r);
            var resampled = Backtester.Run(
                path,
                SimulationSettingsFactory.Create(plan.Spec, point, Flat),
                point.Signal.Descriptor.CreateSignal(point.Signal),
                point.Sizing.Descriptor.CreateSizing(point.Sizing),
                point.Stop.Descriptor.CreateStopLoss(point.Stop));
            Assert.Equal(historical.Metrics.ToNamedValues(), resampled.Metrics.ToNamedValues());
            Assert.Equal(historical.EquityCurve.Equity, resampled.EquityCurve.Equity);
        }

        // Through the runner: every path is the history, so every row is the historical run's.
        var outcome = MonteCarloRunner.Run(plan, generator, Flat, 3, 11, new MonteCarloRunOptions(), CancellationToken.None);
        for (int r = 0; r < plan.RunCount; r++)
        {
            var expected = MonteCarloRunner.ToRow(ExperimentRunner.RunOne(plan, History, Flat, r).Result.Metrics);
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(expected, outcome.Row(p, r));
            }
        }

        Assert.Contains(outcome.Rows, row => row.FinalEquity != outcome.Rows[0].FinalEquity);
    }

    [Fact]
    public void Resampled_bars_are_whole_historical_bars_scaled_and_chained()
    {
        var generator = new StationaryBlockBootstrap(History, 1000, 24);
        var path = generator.Generate(new PathRandom(1, 0), new PathBuffer(1000));
        var open = path.Open.Span;
        var close = path.Close.Span;
        int blocks = 0;
        for (int j = 0; j < path.Count; j++)
        {
            Assert.True(path.Low.Span[j] <= Math.Min(open[j], close[j]) && path.High.Span[j] >= Math.Max(open[j], close[j]));
            Assert.Equal(SyntheticMarket.Start + (j * SyntheticMarket.Hour), path.OpenTimeMs.Span[j]);

            // Some historical bar i has the same shape: every ratio of the bar is history's.
            int source = FindSource(path, j);
            Assert.True(source >= 0, $"bar {j} is no historical bar scaled");
            if (j > 0)
            {
                // The synthetic sample has no gaps, so the chain is seamless: open = previous close.
                Assert.Equal(1, open[j] / close[j - 1], 12);
                if (FindSource(path, j - 1) + 1 != source)
                {
                    blocks++;
                }
            }
        }

        // Geometric blocks of mean 24 bars: about 1000/24 ≈ 42 restarts; far from 0 and from 1000.
        Assert.InRange(blocks, 20, 70);
    }

    [Fact]
    public void Resampled_paths_keep_daily_volatility_and_the_funding_distribution_within_sampling_error()
    {
        const int paths = 300;
        const int bars = 24 * 60;
        var generator = new StationaryBlockBootstrap(History, bars, 72);
        var buffer = new PathBuffer(bars);
        var random = new PathRandom(0, 0);
        var pathVariance = new double[paths];
        var pathMeanRate = new double[paths];
        long events = 0;
        for (int p = 0; p < paths; p++)
        {
            random.Reset(42, p);
            var path = generator.Generate(random, buffer);
            pathVariance[p] = MeanSquaredDailyLogReturn(path.Close.Span, path.Open.Span[0]);
            var rates = path.Funding.Rate.Span;
            events += rates.Length;
            double sum = 0;
            foreach (double rate in rates)
            {
                sum += rate;
            }

            pathMeanRate[p] = sum / rates.Length;
        }

        // Daily volatility: history's mean squared daily log return (each day's, over its 100 days) against the
        // paths' pooled one; the tolerance is three combined standard errors (history's from its days, the paths'
        // from their spread).
        var historyDaily = DailyLogReturns(History.Close.Span, History.Open.Span[0]);
        double historyVariance = historyDaily.Average(x => x * x);
        double historyError = StandardDeviation(historyDaily.Select(x => x * x).ToArray()) / Math.Sqrt(historyDaily.Length);
        double bootVariance = pathVariance.Average();
        double bootError = StandardDeviation(pathVariance) / Math.Sqrt(paths);
        Assert.True(
            Math.Abs(bootVariance - historyVariance) <= 3 * Math.Sqrt((historyError * historyError) + (bootError * bootError)),
            $"daily variance: history {historyVariance:E4} ± {historyError:E2}, bootstrap {bootVariance:E4} ± {bootError:E2}");

        // Funding: one settlement per 8 bars as in history, and the same mean rate within three standard errors.
        double perBar = (double)History.Funding.Count / History.Count;
        Assert.InRange(events / (double)paths, perBar * bars * 0.97, perBar * bars * 1.03);
        var historyRates = History.Funding.Rate.ToArray();
        double historyMean = historyRates.Average();
        double rateError = StandardDeviation(pathMeanRate) / Math.Sqrt(paths);
        double historyRateError = StandardDeviation(historyRates) / Math.Sqrt(historyRates.Length);
        Assert.True(
            Math.Abs(pathMeanRate.Average() - historyMean) <= 3 * Math.Sqrt((rateError * rateError) + (historyRateError * historyRateError)),
            $"mean funding rate: history {historyMean:E4}, bootstrap {pathMeanRate.Average():E4}");

        // Every resampled rate is one of history's: the distribution's support is kept exactly.
        var known = new HashSet<double>(historyRates);
        random.Reset(42, 0);
        var first = generator.Generate(random, buffer);
        Assert.All(first.Funding.Rate.ToArray(), rate => Assert.Contains(rate, known));
    }

    [Fact]
    public void A_path_depends_on_the_seed_and_its_index_alone()
    {
        var generator = new StationaryBlockBootstrap(History, 500, 10);
        var a = generator.Generate(new PathRandom(9, 17), new PathBuffer(500)).Close.ToArray();
        var random = new PathRandom(9, 3);
        var buffer = new PathBuffer(500);
        _ = generator.Generate(random, buffer);
        random.Reset(9, 17);
        Assert.Equal(a, generator.Generate(random, buffer).Close.ToArray());
        Assert.NotEqual(a, generator.Generate(new PathRandom(9, 18), new PathBuffer(500)).Close.ToArray());
        Assert.NotEqual(a, generator.Generate(new PathRandom(10, 17), new PathBuffer(500)).Close.ToArray());
    }

    private static int FindSource(MarketData path, int j)
    {
        double ratio = path.Close.Span[j] / path.Open.Span[j];
        double highRatio = path.High.Span[j] / path.Open.Span[j];
        double markRatio = path.MarkLow.Span[j] / path.Open.Span[j];
        for (int i = 0; i < History.Count; i++)
        {
            double open = History.Open.Span[i];
            if (Math.Abs((History.Close.Span[i] / open) - ratio) < 1e-12 && Math.Abs((History.High.Span[i] / open) - highRatio) < 1e-12
                && Math.Abs((History.MarkLow.Span[i] / open) - markRatio) < 1e-12)
            {
                return i;
            }
        }

        return -1;
    }

    private static double[] DailyLogReturns(ReadOnlySpan<double> close, double start)
    {
        var returns = new double[close.Length / 24];
        double previous = start;
        for (int d = 0; d < returns.Length; d++)
        {
            double end = close[(d * 24) + 23];
            returns[d] = Math.Log(end / previous);
            previous = end;
        }

        return returns;
    }

    private static double MeanSquaredDailyLogReturn(ReadOnlySpan<double> close, double start)
        => DailyLogReturns(close, start).Average(x => x * x);

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
