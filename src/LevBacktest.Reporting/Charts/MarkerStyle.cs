namespace LevBacktest.Reporting.Charts;

/// <summary>How point markers look.</summary>
/// <param name="Shape">Marker shape.</param>
/// <param name="Color">Fill colour (stroke colour for <see cref="MarkerShape.Cross"/>).</param>
/// <param name="Size">Width of the marker in pixels at 96 DPI; must be positive.</param>
public readonly record struct MarkerStyle(MarkerShape Shape, Color Color, double Size = 10);
