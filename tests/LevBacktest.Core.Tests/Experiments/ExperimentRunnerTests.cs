using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Strategies;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class ExperimentRunnerTests
{
    internal static readonly LevBacktest.Core.Data.MarketData Market = SyntheticMarket.Create();
    internal static readonly LeverageBracketSchedule Flat = LeverageBracketSchedule.FlatRate(0.004, 125);

    /// <summary>12 runs: MA cross 12/48, leverages 1, 5, 20, 60 × fixed stops 1 %, 3 %, 20 %.</summary>
    internal static ExperimentPlan SweepPlan() => ExperimentPlan.Create(
        SpecFixtures.Parse(s =>
        {
            s["instrument"]!["slippage"] = new JsonObject { ["basisPoints"] = 2 };
            s["strategy"]!["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 12, ["slow"] = 48 } };
            s["strategy"]!["stop"] = "fixed-percent";
            s["sweep"] = new JsonObject
            {
                ["leverage"] = new JsonArray(1, 5, 20, 60),
                ["stop.distance"] = new JsonArray(0.01, 0.03, 0.2),
            };
        }),
        BuiltInStrategies.CreateCatalog());

    private static ExperimentOutcome Run(ExperimentPlan plan, int threads, SweepShard? shard = null)
        => ExperimentRunner.Run(plan, Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = threads, Shard = shard ?? SweepShard.All }, CancellationToken.None);

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var plan = SweepPlan();
        var one = Run(plan, 1);
        var two = Run(plan, 2);
        var eight = Run(plan, 8);
        Assert.Equal(12, one.Runs.Count);
        for (int r = 0; r < one.Runs.Count; r++)
        {
            Assert.Equal(r, one.Runs[r].Point.RunIndex);
            foreach (var other in new[] { two, eight })
            {
                Assert.Equal(one.Runs[r].Point.RunIndex, other.Runs[r].Point.RunIndex);
                Assert.Equal(one.Runs[r].Result.Metrics.ToNamedValues(), other.Runs[r].Result.Metrics.ToNamedValues());
                Assert.Equal(one.Runs[r].Result.EquityCurve.Equity, other.Runs[r].Result.EquityCurve.Equity);
                Assert.Equal(one.Runs[r].Result.Trades, other.Runs[r].Result.Trades);
            }
        }
    }

    [Fact]
    public void The_sweep_really_varies_the_runs()
    {
        var outcome = Run(SweepPlan(), 2);
        var finals = outcome.Runs.Select(r => r.Result.Metrics.FinalEquity).ToArray();
        Assert.True(finals.Distinct().Count() >= 10, string.Join(", ", finals));
        Assert.Equal([1, 1, 1, 5, 5, 5, 20, 20, 20, 60, 60, 60], outcome.Runs.Select(r => r.Result.Metrics.Leverage));
    }

    [Fact]
    public void Each_run_equals_a_direct_engine_call_with_its_settings()
    {
        var plan = SweepPlan();
        var outcome = Run(plan, 2);
        var run = outcome.Runs[7]; // leverage 20, stop distance 0.03
        var settings = new SimulationSettings
        {
            InitialCapital = 10_000,
            MarginMode = MarginMode.Isolated,
            IsolatedAllocation = 1.0,
            Leverage = 20,
            Brackets = Flat,
            TakerFeeRate = 0.0005,
            MakerFeeRate = 0.0002,
            Slippage = SlippageModel.Fixed(2),
        };
        var direct = Backtester.Run(
            Market,
            settings,
            new MovingAverageCrossSignal(12, 48, MovingAverageKind.Simple, allowShort: true),
            FixedLeverageSizing.Descriptor.CreateSizing(FixedLeverageSizing.Descriptor.BindDefaults()),
            new FixedPercentStopLoss(0.03));
        Assert.Equal(direct.Metrics.ToNamedValues(), run.Result.Metrics.ToNamedValues());
        Assert.Equal(direct.EquityCurve.Equity, run.Result.EquityCurve.Equity);
    }

    [Fact]
    public void Shards_are_the_same_runs_as_the_whole_sweep()
    {
        var plan = SweepPlan();
        var whole = Run(plan, 2);
        var pieces = Enumerable.Range(0, 5).SelectMany(i => Run(plan, 2, new SweepShard(i, 5)).Runs).ToList();
        Assert.Equal(whole.Runs.Select(r => r.Point.RunIndex), pieces.Select(r => r.Point.RunIndex));
        for (int r = 0; r < whole.Runs.Count; r++)
        {
            Assert.Equal(whole.Runs[r].Result.Metrics.ToNamedValues(), pieces[r].Result.Metrics.ToNamedValues());
        }
    }

    [Fact]
    public void Streaming_hands_over_runs_in_index_order_holding_at_most_threads_plus_window()
    {
        // Progress counts finished runs, the consumer counts handed-over ones: their difference is what the
        // reorder buffer holds, which must stay within the window whatever order the threads finish in.
        var plan = SweepPlan();
        foreach (int threads in new[] { 1, 2, 8 })
        {
            var delivered = new List<int>();
            int finished = 0;
            int mostHeld = 0;
            var options = new ExperimentRunOptions
            {
                MaxDegreeOfParallelism = threads,
                Progress = (done, _) =>
                {
                    Volatile.Write(ref finished, done);
                    int held;
                    lock (delivered)
                    {
                        held = done - delivered.Count;
                        mostHeld = Math.Max(mostHeld, held);
                    }
                },
            };
            ExperimentRunner.Stream(plan, Market, Flat, options, run =>
            {
                lock (delivered)
                {
                    delivered.Add(run.Point.RunIndex);
                }

                Thread.Sleep(run.Point.RunIndex % 3 == 0 ? 20 : 0); // a slow consumer lets finished runs pile up
            }, CancellationToken.None);

            Assert.Equal(Enumerable.Range(0, 12), delivered);
            Assert.InRange(mostHeld, 1, Math.Min(threads, 12) + ExperimentRunner.ReorderWindow);
        }
    }

    [Fact]
    public void A_failing_consumer_stops_the_sweep_with_its_exception()
    {
        int handed = 0;
        var error = Assert.Throws<IOException>(() => ExperimentRunner.Stream(SweepPlan(), Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            if (++handed == 3)
            {
                throw new IOException("disk full");
            }
        }, CancellationToken.None));
        Assert.Equal("disk full", error.Message);
        Assert.Equal(3, handed);
    }

    [Fact]
    public void Progress_reports_every_run_once_and_ends_at_the_total()
    {
        var reports = new System.Collections.Concurrent.ConcurrentBag<(int Done, int Total)>();
        ExperimentRunner.Run(SweepPlan(), Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 2, Progress = (d, t) => reports.Add((d, t)) }, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 12), reports.Select(r => r.Done).Order());
        Assert.All(reports, r => Assert.Equal(12, r.Total));
    }

    [Fact]
    public void A_cancelled_sweep_throws_operation_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ExperimentRunner.Run(SweepPlan(), Market, Flat, new ExperimentRunOptions(), cancellation.Token));
    }

    [Fact]
    public void Cancelling_midway_stops_the_sweep()
    {
        using var cancellation = new CancellationTokenSource();
        int seen = 0;
        var options = new ExperimentRunOptions
        {
            MaxDegreeOfParallelism = 1,
            Progress = (done, _) =>
            {
                seen = done;
                if (done == 3)
                {
                    cancellation.Cancel();
                }
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => ExperimentRunner.Run(SweepPlan(), Market, Flat, options, cancellation.Token));
        Assert.InRange(seen, 3, 4);
    }

    [Fact]
    public void A_run_the_engine_rejects_names_its_index_and_sweep_values()
    {
        var plan = ExperimentPlan.Create(
            SpecFixtures.Parse(s => s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(2, 3) }),
            BuiltInStrategies.CreateCatalog());
        var noBars = Market.Slice(0, 1);
        var error = Assert.Throws<ExperimentRunException>(() => ExperimentRunner.Run(plan, noBars, Flat, new ExperimentRunOptions(), CancellationToken.None));
        Assert.Equal(0, error.RunIndex);
        Assert.StartsWith("run 0 (leverage = 2): ", error.Message, StringComparison.Ordinal);
    }
}
