namespace LevBacktest.Core.Experiments.Results;

/// <summary>How much of each run's equity curve a results folder's <c>equity.parquet</c> keeps.</summary>
public enum EquityStorageKind
{
    /// <summary>Every bar of every run.</summary>
    Full,

    /// <summary>
    /// Per run, the bars of minimum and maximum equity in each of a fixed number of equal buckets of bars, plus the
    /// first and last bar, the bar of maximum drawdown and every liquidation bar (see <see cref="EquityDownsampler"/>).
    /// </summary>
    Downsampled,

    /// <summary>No rows: the folder keeps metrics and events only.</summary>
    None,
}
