using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Runs the runs of a sweep (or of one shard) in parallel on one shared, immutable <see cref="MarketData"/>.
/// Every run gets its own strategy instances and settings and is addressed by its run index, so the
/// results are identical whatever the number of threads or the order in which runs finish.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs the shard of <paramref name="plan"/> that <paramref name="options"/> selects and keeps every run.</summary>
    /// <param name="plan">The checked plan.</param>
    /// <param name="data">Market data, loaded once and shared read-only by all runs.</param>
    /// <param name="brackets">Margin tiers, shared read-only.</param>
    /// <param name="options">Threads, shard and progress callback.</param>
    /// <param name="cancellationToken">Stops starting new runs; the call then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The runs in ascending run index. It holds every run's full results (equity curve of
    /// data.Count bars per run): for large sweeps use <see cref="Stream"/>, which holds only the runs in flight.
    /// Every run has its own arrays: <see cref="ExperimentRunOptions.RunBuffers"/> is ignored here.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ExperimentRunException">A run failed (the one with the lowest index is reported).</exception>
    public static ExperimentOutcome Run(ExperimentPlan plan, MarketData data, LeverageBracketSchedule brackets, ExperimentRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var runs = new List<RunOutcome>(options.Shard.End(plan.RunCount) - options.Shard.Start(plan.RunCount));
        Stream(plan, data, brackets, options with { RunBuffers = null }, runs.Add, cancellationToken);
        return new ExperimentOutcome(plan, data, options.Shard, runs);
    }

    /// <summary>
    /// Runs the shard of <paramref name="plan"/> that <paramref name="options"/> selects and hands every finished
    /// run to <paramref name="onRun"/> in ascending run index, one call at a time. Runs finish in any order on
    /// <see cref="ExperimentRunOptions.MaxDegreeOfParallelism"/> threads; a run that finishes before a lower
    /// index waits in a reorder buffer, and no run starts more than <see cref="ReorderWindow"/> indices ahead
    /// of the next one to hand over. So at most threads + window runs are held at once, whatever the number
    /// of runs, and <paramref name="onRun"/> sees the same sequence whatever the thread count.
    /// </summary>
    /// <param name="plan">The checked plan.</param>
    /// <param name="data">Market data, loaded once and shared read-only by all runs.</param>
    /// <param name="brackets">Margin tiers, shared read-only.</param>
    /// <param name="options">Threads, shard and progress callback (called as runs finish, in any order).</param>
    /// <param name="onRun">Receives each run in ascending run index, on one of the worker threads, never two
    /// calls at once; the run is dropped when it returns. An exception from it stops the sweep and is rethrown.
    /// With <see cref="ExperimentRunOptions.RunBuffers"/> set, the run's curve arrays and event lists are recycled
    /// when it returns: it must copy whatever of them it keeps.</param>
    /// <param name="cancellationToken">Stops starting new runs; the call then throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ExperimentRunException">A run failed (the one with the lowest index is reported).</exception>
    public static void Stream(
        ExperimentPlan plan,
        MarketData data,
        LeverageBracketSchedule brackets,
        ExperimentRunOptions options,
        Action<RunOutcome> onRun,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(brackets);
        ArgumentNullException.ThrowIfNull(options);
        var buffers = options.RunBuffers;
        StreamRuns(plan, runIndex => RunOne(plan, data, brackets, runIndex, buffers), options, onRun, cancellationToken);
    }

    /// <summary>
    /// <see cref="Stream(ExperimentPlan, MarketData, LeverageBracketSchedule, ExperimentRunOptions, Action{RunOutcome}, CancellationToken)"/>
    /// with any way of running one run by index (a portfolio's runs go through here too): same threads, order and bounds.
    /// </summary>
    internal static void StreamRuns(ExperimentPlan plan, Func<int, RunOutcome> runOne, ExperimentRunOptions options, Action<RunOutcome> onRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onRun);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1);
        int start = options.Shard.Start(plan.RunCount);
        int count = options.Shard.End(plan.RunCount) - start;
        int threads = Math.Min(options.MaxDegreeOfParallelism, Math.Max(count, 1));
        var delivery = new OrderedDelivery(threads + ReorderWindow, onRun, cancellationToken, options.RunBuffers);
        var cpuTimes = options.CpuTimes;
        int finished = 0;
        int next = -1;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        try
        {
            // One loop per worker taking indices in ascending order, so a waiting worker always waits on runs
            // that other workers are computing (never on one not yet started).
            Parallel.For(0, threads, parallel, _ =>
            {
                int k;
                while ((k = Interlocked.Increment(ref next)) < count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!delivery.WaitForRoom(k))
                    {
                        return;
                    }

                    RunOutcome run;
                    long started = cpuTimes is null ? 0 : ThreadCpuClock.Now();
                    try
                    {
                        run = runOne(start + k);
                    }
                    catch
                    {
                        delivery.Fail();
                        throw;
                    }

                    long ran = cpuTimes is null ? 0 : ThreadCpuClock.Now();
                    cpuTimes?.AddEngine(ran - started);
                    int done = Interlocked.Increment(ref finished);
                    options.Progress?.Invoke(done, count);
                    delivery.Finish(k, run);
                    cpuTimes?.AddHandOver(ThreadCpuClock.Now() - ran);
                }
            });
        }
        catch (AggregateException aggregate)
        {
            // Report the failing run with the lowest index, so the message does not depend on thread timing.
            var failure = aggregate.InnerExceptions
                .Where(e => e is not OperationCanceledException)
                .OrderBy(e => e is ExperimentRunException run ? run.RunIndex : int.MaxValue)
                .FirstOrDefault();
            if (failure is null)
            {
                throw new OperationCanceledException("The sweep was cancelled.", aggregate, cancellationToken);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// How many run indices past the next one to hand over a worker may start (on top of one per thread):
    /// room for a few slow runs without holding many finished ones.
    /// </summary>
    public const int ReorderWindow = 4;

    /// <summary>Runs one run of the sweep by index, on the calling thread.</summary>
    /// <param name="plan">The checked plan.</param>
    /// <param name="data">Market data.</param>
    /// <param name="brackets">Margin tiers.</param>
    /// <param name="runIndex">0 ≤ runIndex &lt; plan.RunCount.</param>
    /// <exception cref="ExperimentRunException">The engine rejected the run; the message names the run's sweep values.</exception>
    public static RunOutcome RunOne(ExperimentPlan plan, MarketData data, LeverageBracketSchedule brackets, int runIndex)
        => RunOne(plan, data, brackets, runIndex, buffers: null);

    /// <summary>
    /// Runs one run of the sweep by index, on the calling thread, writing its curve and events into buffers from
    /// <paramref name="buffers"/> (see <see cref="Backtester.Run(MarketData, SimulationSettings, Strategies.ISignal, Strategies.ISizing, Strategies.IStopLoss, RunBufferPool?)"/>):
    /// give the result back with <see cref="RunBufferPool.Return"/> once read.
    /// </summary>
    /// <param name="plan">The checked plan.</param>
    /// <param name="data">Market data.</param>
    /// <param name="brackets">Margin tiers.</param>
    /// <param name="runIndex">0 ≤ runIndex &lt; plan.RunCount.</param>
    /// <param name="buffers">Recycled buffers; null for fresh arrays.</param>
    /// <exception cref="ExperimentRunException">The engine rejected the run; the message names the run's sweep values.</exception>
    public static RunOutcome RunOne(ExperimentPlan plan, MarketData data, LeverageBracketSchedule brackets, int runIndex, RunBufferPool? buffers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var point = plan.GetRun(runIndex);
        var settings = SimulationSettingsFactory.Create(plan.Spec, point, brackets);
        var signal = point.Signal.Descriptor.CreateSignal(point.Signal);
        var sizing = point.Sizing.Descriptor.CreateSizing(point.Sizing);
        var stop = point.Stop.Descriptor.CreateStopLoss(point.Stop);
        try
        {
            return new RunOutcome(point, Backtester.Run(data, settings, signal, sizing, stop, buffers));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            throw new ExperimentRunException(runIndex, DescribePoint(plan, runIndex), exception);
        }
    }

    /// <summary>The swept values of a run as <c>leverage = 5, stop.distance = 0.02</c> (empty without axes).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="runIndex">The run.</param>
    public static string DescribePoint(ExperimentPlan plan, int runIndex)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = new string[plan.Grid.Axes.Count];
        for (int k = 0; k < parts.Length; k++)
        {
            parts[k] = $"{plan.Grid.Axes[k].Name} = {plan.Grid.Value(runIndex, k)}";
        }

        return string.Join(", ", parts);
    }
}
