using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>How <see cref="ExperimentRunner"/> executes a sweep. Results never depend on these.</summary>
public sealed record ExperimentRunOptions
{
    /// <summary>Runs executed at once (default: one per processor). Each run is single-threaded.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The slice of the sweep to run (default: all of it).</summary>
    public SweepShard Shard { get; init; } = SweepShard.All;

    /// <summary>
    /// Called after each finished run with (runs finished, runs in the shard); may be called from several
    /// threads at once and must be thread-safe and quick. Null for none.
    /// </summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>
    /// Recycles each run's equity-curve arrays and event lists for later runs (see <see cref="RunBufferPool"/>); null
    /// (the default) gives every run fresh arrays. Only for <see cref="ExperimentRunner.Stream"/> consumers that copy what
    /// they keep: once <c>onRun</c> returns, the run's <see cref="RunResult.EquityCurve"/> arrays and its trade,
    /// liquidation, funding and stop lists are given back here and overwritten by a later run. Results are the same
    /// either way, bit for bit. <see cref="ExperimentRunner.Run"/>, which keeps every run, ignores it. The pool may
    /// serve several sweeps of the same bar count one after the other (a benchmark's repeated passes).
    /// </summary>
    public RunBufferPool? RunBuffers { get; init; }

    /// <summary>
    /// Where the worker threads' CPU time goes (engine vs hand-over to the consumer), added up as runs finish; null (the
    /// default) measures nothing. Costs three reads of the thread's CPU clock per run (a system call each on Linux,
    /// ~0.2–0.5 µs); results are the same either way.
    /// </summary>
    public SweepCpuTimes? CpuTimes { get; init; }
}
