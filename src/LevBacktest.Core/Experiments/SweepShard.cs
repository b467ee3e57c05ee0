using System.Globalization;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// One of <see cref="Count"/> contiguous slices of a sweep's run indices, so a sweep can be spread over
/// the tasks of a batch engine (a Kubernetes Indexed Job, a Slurm array, a CI matrix). Shard i of n
/// holds runs [⌊i·R/n⌋, ⌊(i+1)·R/n⌋) of R runs; the shards of one sweep cover every run exactly once.
/// </summary>
/// <param name="Index">Zero-based shard number, 0 ≤ Index &lt; Count (matches a Kubernetes JOB_COMPLETION_INDEX).</param>
/// <param name="Count">Number of shards, at least 1.</param>
public readonly record struct SweepShard(int Index, int Count)
{
    /// <summary>The whole sweep (shard 0 of 1).</summary>
    public static SweepShard All => new(0, 1);

    /// <summary>Parses <c>i/n</c> (zero-based i, 0 ≤ i &lt; n).</summary>
    /// <param name="text">For example <c>"2/8"</c>.</param>
    /// <exception cref="FormatException">The text is not of that form or i is out of range.</exception>
    public static SweepShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1 || index >= count)
        {
            throw new FormatException($"--shard '{text}' must be i/n with 0 ≤ i < n, e.g. 0/4 for the first of four shards.");
        }

        return new SweepShard(index, count);
    }

    /// <summary>First run index of this shard among <paramref name="runCount"/> runs.</summary>
    /// <param name="runCount">Runs in the whole sweep.</param>
    public int Start(int runCount) => (int)((long)Index * runCount / Count);

    /// <summary>One past the last run index of this shard.</summary>
    /// <param name="runCount">Runs in the whole sweep.</param>
    public int End(int runCount) => (int)((long)(Index + 1) * runCount / Count);

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
