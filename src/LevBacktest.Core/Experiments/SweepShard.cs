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

    /// <summary>
    /// The environment variables that <c>--shard auto/N</c> reads the shard index from, in this order: levbt's own
    /// <c>LEVBT_SHARD_INDEX</c> (set it from a CI matrix, e.g. GitHub Actions' <c>strategy.job-index</c>), a
    /// Kubernetes Indexed Job's <c>JOB_COMPLETION_INDEX</c>, and a Slurm job array's <c>SLURM_ARRAY_TASK_ID</c>
    /// (less <c>SLURM_ARRAY_TASK_MIN</c> when set, so <c>--array=1-4</c> works as well as <c>--array=0-3</c>).
    /// </summary>
    public static IReadOnlyList<string> IndexVariables { get; } = ["LEVBT_SHARD_INDEX", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

    /// <summary>
    /// Parses <c>i/n</c> like <see cref="Parse(string)"/>, or <c>auto/n</c>, whose index comes from the first of
    /// <see cref="IndexVariables"/> that is set.
    /// </summary>
    /// <param name="text"><c>i/n</c> or <c>auto/n</c>.</param>
    /// <param name="environment">Reads an environment variable (null when unset), e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="FormatException">Malformed, no index variable set, or the index is not a whole number below n (the variable is named).</exception>
    public static SweepShard Parse(string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        const string Auto = "auto/";
        if (!text.StartsWith(Auto, StringComparison.Ordinal))
        {
            return Parse(text);
        }

        if (!int.TryParse(text.AsSpan(Auto.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
        {
            throw new FormatException($"--shard '{text}' must be auto/n with n ≥ 1, e.g. auto/4.");
        }

        foreach (string variable in IndexVariables)
        {
            if (environment(variable) is not { Length: > 0 } value)
            {
                continue;
            }

            long index = ParseIndex(variable, value, text);
            if (variable == "SLURM_ARRAY_TASK_ID" && environment("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } minimum)
            {
                index -= ParseIndex("SLURM_ARRAY_TASK_MIN", minimum, text);
            }

            if (index < 0 || index >= count)
            {
                throw new FormatException($"--shard '{text}': {variable}={value} gives shard index {index}, outside 0..{count - 1}; size the job array to {count} tasks.");
            }

            return new SweepShard((int)index, count);
        }

        throw new FormatException($"--shard '{text}': none of {string.Join(", ", IndexVariables)} is set; run it as a task of a batch engine or give the index, e.g. --shard 0/{count}.");
    }

    private static long ParseIndex(string variable, string value, string text)
        => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long index)
            ? index
            : throw new FormatException($"--shard '{text}': {variable}='{value}' is not a whole number.");

    /// <summary>First run index of this shard among <paramref name="runCount"/> runs.</summary>
    /// <param name="runCount">Runs in the whole sweep.</param>
    public int Start(int runCount) => (int)((long)Index * runCount / Count);

    /// <summary>One past the last run index of this shard.</summary>
    /// <param name="runCount">Runs in the whole sweep.</param>
    public int End(int runCount) => (int)((long)(Index + 1) * runCount / Count);

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
