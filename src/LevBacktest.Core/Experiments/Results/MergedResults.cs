namespace LevBacktest.Core.Experiments.Results;

/// <summary>What <see cref="ResultsMerger.Merge"/> published.</summary>
/// <param name="FolderPath">The merged results folder, absolute.</param>
/// <param name="Experiment">The experiment's name (the spec's <c>name</c>).</param>
/// <param name="RunCount">Runs in the merged folder: every run of the sweep.</param>
/// <param name="Shards">The shard folders merged, in ascending run index.</param>
public sealed record MergedResults(string FolderPath, string Experiment, int RunCount, IReadOnlyList<MergedShard> Shards);
