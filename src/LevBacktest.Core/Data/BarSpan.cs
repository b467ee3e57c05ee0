namespace LevBacktest.Core.Data;

/// <summary>A run of consecutive bars, e.g. the bars whose mark price fell back to the last price.</summary>
/// <param name="FromMs">Open time of the first bar of the run, UTC epoch milliseconds.</param>
/// <param name="ToMs">End of the last bar of the run (its open time + interval), UTC epoch milliseconds, exclusive.</param>
/// <param name="BarCount">Number of bars in the run.</param>
public readonly record struct BarSpan(long FromMs, long ToMs, int BarCount);
