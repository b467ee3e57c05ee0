namespace LevBacktest.Core.MonteCarlo;

/// <summary>Monte Carlo shard folders that cannot be merged (missing files, different experiments, missing or repeated paths).</summary>
/// <param name="message">What is wrong, naming the folders and paths.</param>
public sealed class MonteCarloMergeException(string message) : Exception(message);
