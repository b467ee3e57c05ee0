namespace LevBacktest.Core.Regression;

/// <summary>What kind of difference a <see cref="RegressionDifference"/> is.</summary>
public enum RegressionDifferenceKind
{
    /// <summary>A metric's value moved beyond the tolerance.</summary>
    Moved,

    /// <summary>A run of the baseline has no run with the same swept values now.</summary>
    MissingRun,

    /// <summary>A run now has no run with the same swept values in the baseline.</summary>
    AddedRun,

    /// <summary>A metric of a baseline run is absent from the run now.</summary>
    MissingMetric,

    /// <summary>A metric of a run now is absent from its baseline run.</summary>
    AddedMetric,
}
