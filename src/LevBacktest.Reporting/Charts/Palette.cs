namespace LevBacktest.Reporting.Charts;

/// <summary>
/// The Okabe–Ito colour-blind-safe qualitative palette (Okabe &amp; Ito, "Color Universal Design", 2002;
/// the eight colours distinguishable under protanopia, deuteranopia and tritanopia). Series without an
/// explicit colour take <see cref="SeriesColor"/> in order.
/// </summary>
public static class Palette
{
    /// <summary>Okabe–Ito blue, #0072B2.</summary>
    public static Color Blue => Color.FromRgb(0x00, 0x72, 0xB2);

    /// <summary>Okabe–Ito vermillion, #D55E00 (used for losses, liquidations).</summary>
    public static Color Vermillion => Color.FromRgb(0xD5, 0x5E, 0x00);

    /// <summary>Okabe–Ito bluish green, #009E73.</summary>
    public static Color BluishGreen => Color.FromRgb(0x00, 0x9E, 0x73);

    /// <summary>Okabe–Ito orange, #E69F00.</summary>
    public static Color Orange => Color.FromRgb(0xE6, 0x9F, 0x00);

    /// <summary>Okabe–Ito reddish purple, #CC79A7.</summary>
    public static Color ReddishPurple => Color.FromRgb(0xCC, 0x79, 0xA7);

    /// <summary>Okabe–Ito sky blue, #56B4E9.</summary>
    public static Color SkyBlue => Color.FromRgb(0x56, 0xB4, 0xE9);

    /// <summary>Okabe–Ito yellow, #F0E442 (low contrast on white: use for fills, not thin lines).</summary>
    public static Color Yellow => Color.FromRgb(0xF0, 0xE4, 0x42);

    /// <summary>Okabe–Ito black, #000000.</summary>
    public static Color Black => Color.Black;

    /// <summary>
    /// The series order: blue, vermillion, bluish green, orange, reddish purple, sky blue, black, yellow
    /// (yellow last because thin yellow lines are hard to see on white).
    /// </summary>
    public static IReadOnlyList<Color> OkabeIto { get; } =
        [Blue, Vermillion, BluishGreen, Orange, ReddishPurple, SkyBlue, Black, Yellow];

    /// <summary>The colour of the <paramref name="index"/>-th series (0-based), cycling through <see cref="OkabeIto"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Color SeriesColor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return OkabeIto[index % OkabeIto.Count];
    }
}
