namespace LevBacktest.Core.Regression;

/// <summary>The outcome of a regression check.</summary>
public enum RegressionVerdict
{
    /// <summary>Same data, and every run and metric holds within tolerance.</summary>
    Holds,

    /// <summary>Same data, but results moved: a metric beyond tolerance, or runs or metrics missing or added.</summary>
    Drift,

    /// <summary>
    /// An input file differs from the baseline's. Moved results are then expected and are listed, but the
    /// verdict is about the data, not the strategy: refresh the baseline if the data change is intended.
    /// </summary>
    DataChanged,

    /// <summary>
    /// Same data, but a strategy plugin assembly differs from the baseline's (or was added or removed). Moved
    /// results are then expected from the new code and are listed, but are not counted as drift: refresh the
    /// baseline if the code change is intended.
    /// </summary>
    CodeChanged,
}
