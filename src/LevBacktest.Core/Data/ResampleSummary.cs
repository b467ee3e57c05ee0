namespace LevBacktest.Core.Data;

/// <summary>What <see cref="MarketDataResampler"/> did.</summary>
/// <param name="SourceIntervalMs">Bar interval before resampling, milliseconds.</param>
/// <param name="TargetIntervalMs">Bar interval after resampling, milliseconds.</param>
/// <param name="BarCount">Bars produced.</param>
/// <param name="IncompleteBucketCount">Bars produced from fewer source bars than a full bucket holds.</param>
/// <param name="DroppedEdgeBucketCount">Incomplete first/last buckets dropped (0, 1 or 2).</param>
public readonly record struct ResampleSummary(long SourceIntervalMs, long TargetIntervalMs, int BarCount, int IncompleteBucketCount, int DroppedEdgeBucketCount);
