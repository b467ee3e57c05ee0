namespace LevBacktest.Reporting.Charts;

/// <summary>Blank space around a figure's content, in pixels at 96 DPI (scaled with <see cref="Figure.Dpi"/>).</summary>
/// <param name="Left">Left margin.</param>
/// <param name="Top">Top margin.</param>
/// <param name="Right">Right margin.</param>
/// <param name="Bottom">Bottom margin.</param>
public readonly record struct Margins(double Left, double Top, double Right, double Bottom)
{
    /// <summary>The same margin on all four sides.</summary>
    public static Margins Uniform(double margin) => new(margin, margin, margin, margin);
}
