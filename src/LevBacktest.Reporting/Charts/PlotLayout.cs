namespace LevBacktest.Reporting.Charts;

/// <summary>Where a plot was drawn: its data area and the transforms from data to device pixels.</summary>
internal sealed record PlotLayout(Rect Area, ScaleTransform X, ScaleTransform Y, ScaleTransform SecondaryY, IReadOnlyList<Tick> XTicks, IReadOnlyList<Tick> YTicks, Rect? LegendBox);
