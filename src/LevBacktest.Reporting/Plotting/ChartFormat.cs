namespace LevBacktest.Reporting.Plotting;

/// <summary>Output file format of <see cref="ChartFigure.Save(string, ChartFormat)"/>.</summary>
public enum ChartFormat
{
    /// <summary>PNG raster at the figure's pixel size (the default).</summary>
    Png,

    /// <summary>SVG vector document in px units; text stays searchable <c>&lt;text&gt;</c> in the bundled font's family.</summary>
    Svg,

    /// <summary>PDF vector document through SkiaSharp's PDF backend; 1 px = 0.75 pt (96 dpi); the font is embedded.</summary>
    Pdf,
}
