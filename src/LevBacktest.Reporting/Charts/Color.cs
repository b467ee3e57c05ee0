using System.Globalization;

namespace LevBacktest.Reporting.Charts;

/// <summary>
/// An sRGB colour with straight (not premultiplied) alpha; every component is a fraction in [0, 1].
/// </summary>
/// <param name="Red">Red component, 0..1.</param>
/// <param name="Green">Green component, 0..1.</param>
/// <param name="Blue">Blue component, 0..1.</param>
/// <param name="Alpha">Opacity, 0 (transparent) .. 1 (opaque).</param>
public readonly record struct Color(double Red, double Green, double Blue, double Alpha = 1.0)
{
    /// <summary>Opaque black.</summary>
    public static Color Black => new(0, 0, 0);

    /// <summary>Opaque white.</summary>
    public static Color White => new(1, 1, 1);

    /// <summary>The neutral grey used for missing (NaN) heatmap cells and secondary text.</summary>
    public static Color Gray => FromRgb(0x99, 0x99, 0x99);

    /// <summary>Creates an opaque colour from 8-bit sRGB components.</summary>
    public static Color FromRgb(byte red, byte green, byte blue) => new(red / 255.0, green / 255.0, blue / 255.0);

    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA" (the leading '#' is optional).</summary>
    /// <exception cref="FormatException">The text is not 6 or 8 hexadecimal digits.</exception>
    public static Color FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.AsSpan().TrimStart('#');
        if ((digits.Length != 6 && digits.Length != 8)
            || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint value))
        {
            throw new FormatException($"Colour '{hex}' is not of the form #RRGGBB or #RRGGBBAA.");
        }
        if (digits.Length == 6)
        {
            value = (value << 8) | 0xFF;
        }
        return new Color((value >> 24) / 255.0, ((value >> 16) & 0xFF) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0);
    }

    /// <summary>The same colour with opacity <paramref name="alpha"/> (0..1).</summary>
    public Color WithAlpha(double alpha) => this with { Alpha = alpha };

    /// <summary>Relative luminance (WCAG 2 definition, from linearised sRGB), 0 for black .. 1 for white.</summary>
    public double RelativeLuminance
    {
        get
        {
            static double Linear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            return (0.2126 * Linear(Red)) + (0.7152 * Linear(Green)) + (0.0722 * Linear(Blue));
        }
    }

    /// <summary>"#RRGGBB" (alpha omitted when opaque, else "#RRGGBBAA").</summary>
    public override string ToString()
    {
        static int B(double c) => (int)Math.Round(Math.Clamp(c, 0, 1) * 255);
        return Alpha >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"#{B(Red):X2}{B(Green):X2}{B(Blue):X2}")
            : string.Create(CultureInfo.InvariantCulture, $"#{B(Red):X2}{B(Green):X2}{B(Blue):X2}{B(Alpha):X2}");
    }
}
