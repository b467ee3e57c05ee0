using LevBacktest.Core.Data;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Makes synthetic market paths for <see cref="MonteCarloRunner"/>: one <see cref="MarketData"/> per path,
/// built from nothing but the path's own random stream, so that path k is the same whatever thread, shard or
/// order generates it. Implement this to plug in another market model.
/// </summary>
/// <remarks>
/// One generator instance is shared by every worker thread: it must be immutable after construction.
/// Per-worker scratch space comes from <see cref="PathBuffer"/>; the returned data may share that buffer's
/// arrays, and is dropped (with every run's result) before the worker asks for its next path, which is what
/// keeps memory bounded whatever the number of paths.
/// </remarks>
public interface IPathGenerator
{
    /// <summary>Bars per path (the horizon divided by the bar interval), at least 2.</summary>
    int BarCount { get; }

    /// <summary>Bar length in milliseconds.</summary>
    long BarIntervalMs { get; }

    /// <summary>Short description for summaries and logs, e.g. <c>stationary block bootstrap, mean block 72 bars</c>.</summary>
    string Description { get; }

    /// <summary>Generates one path.</summary>
    /// <param name="random">The path's random stream, already positioned at its start (seeded from (seed, path index)).</param>
    /// <param name="buffer">The calling worker's scratch arrays; the result may wrap them.</param>
    /// <returns>
    /// Market data of <see cref="BarCount"/> bars at <see cref="BarIntervalMs"/> spacing: last price, optional mark
    /// price and funding events, with the same content rules as loaded data (low ≤ open, close ≤ high, positive prices).
    /// </returns>
    MarketData Generate(PathRandom random, PathBuffer buffer);
}
