namespace LevBacktest.Reporting.Charts;

/// <summary>
/// One tick of an axis.
/// </summary>
/// <param name="Value">Position in data units (epoch ms on time axes).</param>
/// <param name="Label">Label text, empty for unlabelled minor ticks.</param>
/// <param name="IsMajor">Major ticks get a grid line; minor ticks only a short mark.</param>
/// <param name="SecondLine">Optional second label line (the year under "12 Mar", the date under "14:00").</param>
internal readonly record struct Tick(double Value, string Label, bool IsMajor = true, string? SecondLine = null);
