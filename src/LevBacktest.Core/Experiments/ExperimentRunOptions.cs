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
}
