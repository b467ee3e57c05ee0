using ScottPlot;

namespace LevBacktest.Reporting.Plotting;

/// <summary>
/// The house colours: the Okabe–Ito colour-blind-safe qualitative palette (Okabe &amp; Ito, "Color Universal
/// Design", 2002), distinguishable under protanopia, deuteranopia and tritanopia, plus greys for references.
/// </summary>
public static class ChartColors
{
    /// <summary>Okabe–Ito blue, #0072B2.</summary>
    public static Color Blue { get; } = Color.FromHex("#0072B2");

    /// <summary>Okabe–Ito vermillion, #D55E00 (losses, liquidations).</summary>
    public static Color Vermillion { get; } = Color.FromHex("#D55E00");

    /// <summary>Okabe–Ito bluish green, #009E73.</summary>
    public static Color BluishGreen { get; } = Color.FromHex("#009E73");

    /// <summary>Okabe–Ito orange, #E69F00.</summary>
    public static Color Orange { get; } = Color.FromHex("#E69F00");

    /// <summary>Okabe–Ito reddish purple, #CC79A7.</summary>
    public static Color ReddishPurple { get; } = Color.FromHex("#CC79A7");

    /// <summary>Okabe–Ito sky blue, #56B4E9.</summary>
    public static Color SkyBlue { get; } = Color.FromHex("#56B4E9");

    /// <summary>Black, #000000.</summary>
    public static Color Black { get; } = Color.FromHex("#000000");

    /// <summary>Okabe–Ito yellow, #F0E442 (low contrast on white: fills only).</summary>
    public static Color Yellow { get; } = Color.FromHex("#F0E442");

    /// <summary>Mid grey for reference lines (initial capital, break-even, zero), #777777.</summary>
    public static Color ReferenceGray { get; } = Color.FromHex("#777777");

    /// <summary>Dark grey for prices and secondary text, #555555.</summary>
    public static Color DarkGray { get; } = Color.FromHex("#555555");

    /// <summary>
    /// Line colours in order: blue, vermillion, bluish green, orange, reddish purple, sky blue, black
    /// (yellow is left out: a thin yellow line vanishes on white). Seven colours: with more series,
    /// <see cref="LinePattern"/> tells the repeats apart (<see cref="SeriesPattern"/>).
    /// </summary>
    public static IReadOnlyList<Color> Series { get; } = [Blue, Vermillion, BluishGreen, Orange, ReddishPurple, SkyBlue, Black];

    /// <summary>Colour of series <paramref name="index"/> (0-based), cycling through <see cref="Series"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Color SeriesColor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Series[index % Series.Count];
    }

    /// <summary>
    /// Line pattern of series <paramref name="index"/> of <paramref name="count"/>: all solid while every series has
    /// its own colour; beyond six series, solid, dashed and dotted in turn, so that no two series share colour and
    /// pattern until 21.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static LinePattern SeriesPattern(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (count <= 6)
        {
            return LinePattern.Solid;
        }

        return (index % 3) switch { 0 => LinePattern.Solid, 1 => LinePattern.Dashed, _ => LinePattern.Dotted };
    }
}
