namespace LevBacktest.Core.Regression;

/// <summary>The result of comparing current results with a baseline (<see cref="RegressionComparer.Compare"/>).</summary>
public sealed class RegressionReport
{
    /// <summary>Creates the report.</summary>
    /// <param name="baseline">The baseline compared against.</param>
    /// <param name="current">The current results.</param>
    /// <param name="tolerance">The tolerance used.</param>
    /// <param name="dataChanges">Input files that differ, in baseline role order then added roles.</param>
    /// <param name="differences">Runs and metrics that differ, in baseline run order then added runs.</param>
    /// <param name="comparedRuns">Runs present on both sides.</param>
    /// <param name="comparedMetrics">Metric values compared across those runs.</param>
    public RegressionReport(
        RegressionSnapshot baseline,
        RegressionSnapshot current,
        RegressionTolerance tolerance,
        IReadOnlyList<DataFileChange> dataChanges,
        IReadOnlyList<RegressionDifference> differences,
        int comparedRuns,
        int comparedMetrics)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(dataChanges);
        ArgumentNullException.ThrowIfNull(differences);
        Baseline = baseline;
        Current = current;
        Tolerance = tolerance;
        DataChanges = dataChanges;
        Differences = differences;
        ComparedRuns = comparedRuns;
        ComparedMetrics = comparedMetrics;
    }

    /// <summary>The baseline compared against.</summary>
    public RegressionSnapshot Baseline { get; }

    /// <summary>The current results.</summary>
    public RegressionSnapshot Current { get; }

    /// <summary>The tolerance used.</summary>
    public RegressionTolerance Tolerance { get; }

    /// <summary>Input files that differ; empty when the data is the baseline's.</summary>
    public IReadOnlyList<DataFileChange> DataChanges { get; }

    /// <summary>Strategy plugins whose assembly differs from the baseline's, or that only one side has; empty when none.</summary>
    public IReadOnlyList<PluginChange> PluginChanges { get; init; } = [];

    /// <summary>Runs and metrics that differ beyond tolerance, or are missing or added.</summary>
    public IReadOnlyList<RegressionDifference> Differences { get; }

    /// <summary>Runs present on both sides.</summary>
    public int ComparedRuns { get; }

    /// <summary>Metric values compared across those runs.</summary>
    public int ComparedMetrics { get; }

    /// <summary>
    /// <see cref="RegressionVerdict.DataChanged"/> when any input file differs (whatever the differences),
    /// else <see cref="RegressionVerdict.CodeChanged"/> when a strategy plugin differs, else
    /// <see cref="RegressionVerdict.Drift"/> when anything differs, else <see cref="RegressionVerdict.Holds"/>.
    /// </summary>
    public RegressionVerdict Verdict => DataChanges.Count > 0 ? RegressionVerdict.DataChanged
        : PluginChanges.Count > 0 ? RegressionVerdict.CodeChanged
        : Differences.Count > 0 ? RegressionVerdict.Drift
        : RegressionVerdict.Holds;

    /// <summary>True when the spec name or tool version differ (reported as a note; neither is drift by itself).</summary>
    public bool SpecNameDiffers => !string.Equals(Baseline.SpecName, Current.SpecName, StringComparison.Ordinal);

    /// <summary>
    /// True when the tool versions differ, ignoring build metadata after '+' (the commit id; SemVer 2.0.0
    /// §10 leaves it out of version precedence), so an ordinary commit is not flagged. A note, not drift.
    /// </summary>
    public bool ToolVersionDiffers => !string.Equals(WithoutBuildMetadata(Baseline.ToolVersion), WithoutBuildMetadata(Current.ToolVersion), StringComparison.Ordinal);

    private static string WithoutBuildMetadata(string version)
    {
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
