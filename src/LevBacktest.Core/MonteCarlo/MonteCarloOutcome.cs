using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// The rows of a Monte Carlo run (or of one shard of its paths): for each path of the shard and each run of the
/// sweep, a <see cref="PathRunResult"/>.
/// </summary>
public sealed class MonteCarloOutcome
{
    /// <summary>Creates the outcome.</summary>
    /// <param name="plan">The sweep that was run on every path.</param>
    /// <param name="totalPaths">Paths of the whole Monte Carlo run (all shards).</param>
    /// <param name="firstPath">Index of the first path held here.</param>
    /// <param name="pathCount">Paths held here.</param>
    /// <param name="rows">Path-major rows: row (p − firstPath) · RunCount + r is path p, run r; length pathCount · plan.RunCount.</param>
    /// <exception cref="ArgumentException">The row count does not match.</exception>
    public MonteCarloOutcome(ExperimentPlan plan, int totalPaths, int firstPath, int pathCount, PathRunResult[] rows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length != (long)pathCount * plan.RunCount)
        {
            throw new ArgumentException($"Expected {pathCount} × {plan.RunCount} rows, got {rows.Length}.", nameof(rows));
        }

        Plan = plan;
        TotalPaths = totalPaths;
        FirstPath = firstPath;
        PathCount = pathCount;
        Rows = rows;
    }

    /// <summary>The sweep run on every path.</summary>
    public ExperimentPlan Plan { get; }

    /// <summary>Paths of the whole Monte Carlo run.</summary>
    public int TotalPaths { get; }

    /// <summary>First path index held.</summary>
    public int FirstPath { get; }

    /// <summary>Paths held.</summary>
    public int PathCount { get; }

    /// <summary>Runs of the sweep per path.</summary>
    public int RunCount => Plan.RunCount;

    /// <summary>Path-major rows, length <see cref="PathCount"/> · <see cref="RunCount"/>.</summary>
    public PathRunResult[] Rows { get; }

    /// <summary>The row of path <paramref name="path"/> (absolute index) and run <paramref name="runIndex"/>.</summary>
    public PathRunResult Row(int path, int runIndex) => Rows[((long)(path - FirstPath) * RunCount) + runIndex];
}
