namespace LevBacktest.Core.Regression;

/// <summary>One thing that differs between a baseline and the current results.</summary>
/// <param name="Kind">What differs.</param>
/// <param name="Run">The run's label (its swept values, see <see cref="SnapshotRun.Label"/>).</param>
/// <param name="Metric">The metric's camelCase name; null for a missing or added run.</param>
/// <param name="Baseline">The baseline value; null when the baseline has none (added run or metric).</param>
/// <param name="Current">The value now; null when there is none now (missing run or metric).</param>
public sealed record RegressionDifference(RegressionDifferenceKind Kind, string Run, string? Metric, double? Baseline, double? Current)
{
    /// <summary>now − baseline when both are numbers; NaN otherwise (e.g. one side NaN, or a missing value).</summary>
    public double AbsoluteDifference => Baseline is double b && Current is double c ? c - b : double.NaN;

    /// <summary>(now − baseline) / |baseline| when both are numbers and the baseline is not 0; NaN otherwise.</summary>
    public double RelativeDifference => Baseline is double b && Current is double c && b != 0 ? (c - b) / Math.Abs(b) : double.NaN;
}
