namespace LevBacktest.Core.Data;

/// <summary>Missing bars between two consecutive bars of a series.</summary>
/// <param name="AfterOpenTimeMs">Open time of the last bar before the gap, UTC epoch milliseconds.</param>
/// <param name="NextOpenTimeMs">Open time of the first bar after the gap, UTC epoch milliseconds.</param>
/// <param name="MissingBarCount">Bars missing in between: (next − after) / interval − 1, at least 1.</param>
public readonly record struct DataGap(long AfterOpenTimeMs, long NextOpenTimeMs, long MissingBarCount);
