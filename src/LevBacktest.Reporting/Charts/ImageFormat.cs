namespace LevBacktest.Reporting.Charts;

/// <summary>Output file format of <see cref="Figure.Save(string, ImageFormat)"/>.</summary>
public enum ImageFormat
{
    /// <summary>PNG raster at the figure's pixel size (the default).</summary>
    Png,

    /// <summary>SVG vector document in px units, with the figure's text also as real &lt;title&gt;, &lt;desc&gt; and &lt;text&gt; elements.</summary>
    Svg,

    /// <summary>PDF vector document; 1 px = 72 / <see cref="Figure.Dpi"/> pt; text is embedded and selectable.</summary>
    Pdf,
}
