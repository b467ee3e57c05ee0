namespace LevBacktest.Core.Regression;

/// <summary>A strategy plugin whose assembly differs from the baseline's (or that only one side has).</summary>
/// <param name="FileName">The plugin's file name, which matches the two sides.</param>
/// <param name="Baseline">The baseline's plugin; null when the baseline had none of that name.</param>
/// <param name="Current">The plugin now; null when there is none of that name now.</param>
public sealed record PluginChange(string FileName, SnapshotPlugin? Baseline, SnapshotPlugin? Current);
