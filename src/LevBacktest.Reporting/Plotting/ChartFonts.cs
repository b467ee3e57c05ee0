using SkiaSharp;

namespace LevBacktest.Reporting.Plotting;

/// <summary>
/// The one font every chart uses, DejaVu Sans (regular and bold), shipped inside this assembly and
/// registered with ScottPlot under its own family name. ScottPlot's automatic choice picks a serif font on
/// Debian and, on a machine without fonts, draws no text at all (without an error); with the font bundled
/// the charts are the same bytes on every machine. Licence: Bitstream Vera / DejaVu (free to redistribute),
/// Plotting/Fonts/LICENSE-DejaVu.txt.
/// </summary>
public static class ChartFonts
{
    /// <summary>The family name to give ScottPlot (<c>plot.Font.Set(ChartFonts.FamilyName)</c>).</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(LoadAndRegister, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>DejaVu Sans, regular weight.</summary>
    public static SKTypeface Regular => Typefaces.Value.Regular;

    /// <summary>DejaVu Sans Bold (titles).</summary>
    public static SKTypeface Bold => Typefaces.Value.Bold;

    /// <summary>
    /// Loads the bundled font and puts its resolver first in ScottPlot's list, so the family name resolves to
    /// it before any system font; also makes it ScottPlot's default family. Idempotent and thread-safe;
    /// <see cref="ChartStyle.NewPlot"/> calls it.
    /// </summary>
    public static void Register() => _ = Typefaces.Value;

    private static (SKTypeface Regular, SKTypeface Bold) LoadAndRegister()
    {
        var regular = Load("DejaVuSans.ttf");
        var bold = Load("DejaVuSans-Bold.ttf");
        ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(FamilyName, regular, bold));
        ScottPlot.Fonts.Default = FamilyName;
        ScottPlot.Fonts.Sans = FamilyName;
        return (regular, bold);
    }

    private static SKTypeface Load(string file)
    {
        string name = "LevBacktest.Reporting.Fonts." + file;
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} missing from {typeof(ChartFonts).Assembly.GetName().Name}");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"embedded font {name} could not be read");
    }
}
