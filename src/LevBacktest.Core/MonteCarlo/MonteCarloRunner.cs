using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Runs an experiment's whole sweep on every synthetic path of a generator, with the engine as it is
/// (<see cref="Backtester"/>: tiers, mark price, funding, liquidation), keeping one <see cref="PathRunResult"/> per
/// (path, run) and dropping the path and every run's result as soon as that path is done.
/// </summary>
/// <remarks>
/// Paths are spread over workers; each worker owns one <see cref="PathBuffer"/> and one <see cref="PathRandom"/>, re-seeded
/// from (seed, path) for every path, so the rows are identical whatever the thread count, the scheduling, or the shard
/// split. Memory: the rows (48 bytes per path and run) plus, per worker, one path's columns and one run's result.
/// </remarks>
public static class MonteCarloRunner
{
    /// <summary>Runs the paths of the shard that <paramref name="options"/> selects.</summary>
    /// <param name="plan">The checked sweep.</param>
    /// <param name="generator">The market model (shared by all workers, immutable).</param>
    /// <param name="brackets">Margin tiers; their schedule must start at or before the generator's first bar.</param>
    /// <param name="pathCount">Paths of the whole Monte Carlo run, positive.</param>
    /// <param name="seed">Seed of the path streams.</param>
    /// <param name="options">Threads, shard, progress.</param>
    /// <param name="cancellationToken">Stops starting new paths; the call then throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ExperimentRunException">The engine rejected a run (the lowest path, then run index, is reported).</exception>
    public static MonteCarloOutcome Run(
        ExperimentPlan plan,
        IPathGenerator generator,
        LeverageBracketSchedule brackets,
        int pathCount,
        ulong seed,
        MonteCarloRunOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(brackets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(pathCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1);
        int first = options.Shard.Start(pathCount);
        int count = options.Shard.End(pathCount) - first;
        int runCount = plan.RunCount;
        var points = new RunPoint[runCount];
        var settings = new SimulationSettings[runCount];
        for (int r = 0; r < runCount; r++)
        {
            points[r] = plan.GetRun(r);
            settings[r] = SimulationSettingsFactory.Create(plan.Spec, points[r], brackets);
        }

        var rows = new PathRunResult[(long)count * runCount];

        // Only each run's metrics are kept: its curve arrays and event lists go back for the worker's next run.
        var buffers = RunBufferPool.ForThreads(options.MaxDegreeOfParallelism);
        int finished = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(
                0,
                count,
                parallel,
                () => (Buffer: new PathBuffer(generator.BarCount), Random: new PathRandom(seed, 0)),
                (k, _, worker) =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int path = first + k;
                    worker.Random.Reset(seed, path);
                    var data = generator.Generate(worker.Random, worker.Buffer);
                    for (int r = 0; r < runCount; r++)
                    {
                        rows[((long)k * runCount) + r] = RunOne(plan, points[r], settings[r], data, path, buffers);
                    }

                    options.Progress?.Invoke(Interlocked.Increment(ref finished), count);
                    return worker;
                },
                _ => { });
        }
        catch (AggregateException aggregate)
        {
            var failure = aggregate.InnerExceptions
                .Where(e => e is not OperationCanceledException)
                .OrderBy(e => e is MonteCarloPathException p ? p.Path : int.MaxValue)
                .ThenBy(e => e is MonteCarloPathException p ? p.RunIndex : int.MaxValue)
                .FirstOrDefault();
            if (failure is null)
            {
                throw new OperationCanceledException("The Monte Carlo run was cancelled.", aggregate, cancellationToken);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure is MonteCarloPathException wrapped ? wrapped.InnerException! : failure);
            throw;
        }

        return new MonteCarloOutcome(plan, pathCount, first, count, rows);
    }

    /// <summary>The row of one run's metrics.</summary>
    /// <param name="metrics">A finished run's metrics.</param>
    public static PathRunResult ToRow(RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new PathRunResult(
            metrics.LiquidationCount > 0,
            metrics.TimeToFirstLiquidationDays,
            metrics.FinalEquity,
            metrics.TotalReturn,
            metrics.MaxDrawdown,
            metrics.FundingPaid - metrics.FundingReceived);
    }

    private static PathRunResult RunOne(ExperimentPlan plan, RunPoint point, SimulationSettings settings, MarketData data, int path, RunBufferPool buffers)
    {
        var signal = point.Signal.Descriptor.CreateSignal(point.Signal);
        var sizing = point.Sizing.Descriptor.CreateSizing(point.Sizing);
        var stop = point.Stop.Descriptor.CreateStopLoss(point.Stop);
        try
        {
            var result = Backtester.Run(data, settings, signal, sizing, stop, buffers);
            var row = ToRow(result.Metrics);
            buffers.Return(result);
            return row;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            var run = new ExperimentRunException(point.RunIndex, $"path {path}, {ExperimentRunner.DescribePoint(plan, point.RunIndex)}", exception);
            throw new MonteCarloPathException(path, point.RunIndex, run);
        }
    }

    /// <summary>Carries the path and run of a failure through <see cref="Parallel"/> so the lowest one is reported.</summary>
    private sealed class MonteCarloPathException(int path, int runIndex, Exception inner) : Exception(inner.Message, inner)
    {
        public int Path { get; } = path;

        public int RunIndex { get; } = runIndex;
    }
}
