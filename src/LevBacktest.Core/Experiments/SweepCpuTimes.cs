namespace LevBacktest.Core.Experiments;

/// <summary>
/// Where a streamed sweep's worker threads spent their CPU time, summed over threads (<see cref="ThreadCpuClock"/>),
/// filled by <see cref="ExperimentRunner.Stream"/> when set as <see cref="ExperimentRunOptions.CpuTimes"/>:
/// <list type="bullet">
/// <item><see cref="EngineNanoseconds"/>: running the runs — building each run's settings and strategies, its signal,
/// sizing, stops and bar loop, and its <see cref="Simulation.RunResult"/> (metrics, curve, events);</item>
/// <item><see cref="HandOverNanoseconds"/>: handing finished runs over — the progress callback, the reorder buffer,
/// the consumer (<c>onRun</c>: a results writer copying the run's rows) and recycling the run's buffers.</item>
/// </list>
/// Waiting for room in the reorder buffer is in neither (a waiting thread uses no CPU). Thread-safe; the sums only grow,
/// so one instance may add up several sweeps. All zero when <see cref="ThreadCpuClock.IsAvailable"/> is false.
/// </summary>
public sealed class SweepCpuTimes
{
    private long _engine;
    private long _handOver;
    private int _runs;

    /// <summary>CPU time spent running the runs, in nanoseconds, summed over the worker threads.</summary>
    public long EngineNanoseconds => Interlocked.Read(ref _engine);

    /// <summary>CPU time spent handing finished runs to the consumer, in nanoseconds, summed over the worker threads.</summary>
    public long HandOverNanoseconds => Interlocked.Read(ref _handOver);

    /// <summary>Runs timed so far.</summary>
    public int RunCount => Volatile.Read(ref _runs);

    /// <summary>Adds one run's engine time (nanoseconds of thread CPU time).</summary>
    /// <param name="nanoseconds">≥ 0.</param>
    internal void AddEngine(long nanoseconds)
    {
        Interlocked.Add(ref _engine, nanoseconds);
        Interlocked.Increment(ref _runs);
    }

    /// <summary>Adds one run's hand-over time (nanoseconds of thread CPU time).</summary>
    /// <param name="nanoseconds">≥ 0.</param>
    internal void AddHandOver(long nanoseconds) => Interlocked.Add(ref _handOver, nanoseconds);
}
