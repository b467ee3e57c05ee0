using System.Runtime.InteropServices;

namespace LevBacktest.Reporting.Cairo;

/// <summary>
/// Layout of <c>cairo_text_extents_t</c>: the ink box of a string relative to the current point, in user
/// units (y grows downwards, so <see cref="YBearing"/> is negative for glyphs above the baseline).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CairoTextExtents
{
    public readonly double XBearing;
    public readonly double YBearing;
    public readonly double Width;
    public readonly double Height;
    public readonly double XAdvance;
    public readonly double YAdvance;
}

/// <summary>Layout of <c>cairo_font_extents_t</c>: vertical metrics of the selected font, in user units.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CairoFontExtents
{
    public readonly double Ascent;
    public readonly double Descent;
    public readonly double Height;
    public readonly double MaxXAdvance;
    public readonly double MaxYAdvance;
}
