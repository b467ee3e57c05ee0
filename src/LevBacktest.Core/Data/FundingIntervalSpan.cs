namespace LevBacktest.Core.Data;

/// <summary>
/// A run of funding settlements spaced by the same interval, as found in the data (exchanges use
/// 8 h, 4 h and 1 h and change a symbol's interval over time). Spacing is rounded to the minute so
/// that millisecond jitter in settlement times does not split a run; a missed settlement shows as a
/// short run of twice the interval.
/// </summary>
/// <param name="IntervalMs">Spacing of the settlements in the run, milliseconds (28,800,000 = 8 h).</param>
/// <param name="FromMs">First settlement of the run, UTC epoch milliseconds.</param>
/// <param name="ToMs">Last settlement of the run, UTC epoch milliseconds (inclusive).</param>
/// <param name="IntervalCount">Number of intervals in the run (settlements − 1).</param>
public readonly record struct FundingIntervalSpan(long IntervalMs, long FromMs, long ToMs, int IntervalCount);
