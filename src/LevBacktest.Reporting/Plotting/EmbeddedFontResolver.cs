using ScottPlot;

using SkiaSharp;

namespace LevBacktest.Reporting.Plotting;

/// <summary>Answers ScottPlot's font look-ups for one family with the bundled typefaces (bold for weights ≥ semi-bold).</summary>
internal sealed class EmbeddedFontResolver(string familyName, SKTypeface regular, SKTypeface bold) : IFontResolver
{
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        Matches(fontName) ? ((int)weight >= (int)FontWeight.SemiBold ? bold : regular) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold1, bool italic) =>
        Matches(fontName) ? (bold1 ? bold : regular) : null;

    private bool Matches(string fontName) => string.Equals(fontName, familyName, StringComparison.OrdinalIgnoreCase);
}
