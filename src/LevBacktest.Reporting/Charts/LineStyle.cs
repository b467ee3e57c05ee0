namespace LevBacktest.Reporting.Charts;

/// <summary>How a line is stroked.</summary>
/// <param name="Color">Stroke colour.</param>
/// <param name="Width">Width in pixels at 96 DPI (scaled with <see cref="Figure.Dpi"/>); must be positive.</param>
/// <param name="Dash">Dash pattern.</param>
public readonly record struct LineStyle(Color Color, double Width = 1.5, LineDash Dash = LineDash.Solid);
