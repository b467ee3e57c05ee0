using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>How <see cref="MonteCarloRunner"/> executes. Results never depend on these.</summary>
public sealed record MonteCarloRunOptions
{
    /// <summary>Paths simulated at once (default: one per processor); each path's runs execute one after another on its worker.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The slice of the paths to run: shard i of n holds paths [⌊i·N/n⌋, ⌊(i+1)·N/n⌋) (default: all).</summary>
    public SweepShard Shard { get; init; } = SweepShard.All;

    /// <summary>Called after each finished path with (paths finished, paths in the shard); thread-safe and quick, or null.</summary>
    public Action<int, int>? Progress { get; init; }
}
