namespace LevBacktest.Core.Experiments.Results;

/// <summary>One shard folder that went into a merged results folder.</summary>
/// <param name="FolderPath">The shard's results folder, absolute.</param>
/// <param name="Shard">The slice it holds, as its <c>summary.json</c> records it (<c>sweep.shard</c>).</param>
/// <param name="FirstRunIndex">Its first run index.</param>
/// <param name="EndRunIndex">One past its last run index (equal to <paramref name="FirstRunIndex"/> for an empty shard).</param>
public readonly record struct MergedShard(string FolderPath, SweepShard Shard, int FirstRunIndex, int EndRunIndex)
{
    /// <summary>Number of runs the shard holds.</summary>
    public int RunCount => EndRunIndex - FirstRunIndex;
}
