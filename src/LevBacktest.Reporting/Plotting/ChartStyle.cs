using System.Globalization;

using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace LevBacktest.Reporting.Plotting;

/// <summary>
/// The house style of every chart, as thin helpers over ScottPlot: a plot with the bundled font set on every
/// text element (<see cref="NewPlot"/>), ISO-8601 UTC dates on time axes, log axes (log10 coordinates with
/// 1-2-5 ticks labelled with the values), whole-number and percent ticks, lines broken at NaN, and the number
/// formats of the labels (thousands separators, a true minus sign "−").
/// </summary>
public static class ChartStyle
{
    /// <summary>Title text size, px.</summary>
    public const float TitleSize = 17;

    /// <summary>Axis label text size, px.</summary>
    public const float AxisLabelSize = 15;

    /// <summary>Tick label and legend text size, px.</summary>
    public const float TickLabelSize = 13;

    /// <summary>
    /// A new ScottPlot plot in the house style: DejaVu Sans (bundled, <see cref="ChartFonts"/>) on the title,
    /// axis labels, tick labels and legend (ScottPlot's per-render font guess switched off), light grid, white
    /// background. Set the font again with <see cref="ApplyFont(LabelStyle)"/> on any text plottable you add.
    /// </summary>
    public static Plot NewPlot()
    {
        ChartFonts.Register();
        var plot = new Plot();
        ApplyFont(plot);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#E4E4E4");
        plot.Grid.MinorLineWidth = 0;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.FontName = ChartFonts.FamilyName;
        plot.Legend.FontSize = TickLabelSize;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.9);
        plot.Legend.OutlineColor = Color.FromHex("#BBBBBB");
        plot.Legend.SymbolWidth = 36;
        plot.HideLegend();
        return plot;
    }

    /// <summary>Sets the bundled family and the house sizes on every axis, the title and the legend of <paramref name="plot"/>.</summary>
    public static void ApplyFont(Plot plot)
    {
        ChartFonts.Register();
        plot.Font.Set(ChartFonts.FamilyName);
        plot.Axes.Title.Label.FontName = ChartFonts.FamilyName;
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = true;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = ChartFonts.FamilyName;
            axis.Label.FontSize = AxisLabelSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontName = ChartFonts.FamilyName;
            axis.TickLabelStyle.FontSize = TickLabelSize;
        }

        plot.Legend.FontName = ChartFonts.FamilyName;
    }

    /// <summary>Sets the bundled family on a text plottable's label.</summary>
    public static void ApplyFont(LabelStyle label)
    {
        ChartFonts.Register();
        label.FontName = ChartFonts.FamilyName;
    }

    /// <summary>The x coordinate of UTC epoch milliseconds on a time axis (ScottPlot's OLE Automation days).</summary>
    public static double TimeCoordinate(long epochMilliseconds) => (epochMilliseconds / 86_400_000.0) + 25_569.0;

    /// <summary><see cref="TimeCoordinate(long)"/> of every element: the x array of a time series.</summary>
    public static double[] TimeCoordinates(ReadOnlySpan<long> epochMilliseconds)
    {
        var x = new double[epochMilliseconds.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = TimeCoordinate(epochMilliseconds[i]);
        }

        return x;
    }

    /// <summary>
    /// Makes <paramref name="axis"/> a UTC time axis (x values from <see cref="TimeCoordinate(long)"/>) with ISO-8601
    /// labels: "2024", "2024-03", "2024-03-12" or "2024-03-12 14:00", by what each tick falls on — never a
    /// month/day order.
    /// </summary>
    public static void UseTimeAxis(IAxis axis) => axis.TickGenerator = new DateTimeAutomatic { LabelFormatter = IsoLabel };

    /// <summary>The ISO-8601 label of a time tick (see <see cref="UseTimeAxis"/>).</summary>
    public static string IsoLabel(DateTime time) => time switch
    {
        { Month: 1, Day: 1, Hour: 0, Minute: 0, Second: 0 } => time.ToString("yyyy", CultureInfo.InvariantCulture),
        { Day: 1, Hour: 0, Minute: 0, Second: 0 } => time.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        { Hour: 0, Minute: 0, Second: 0 } => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Makes <paramref name="axis"/> a log axis showing <paramref name="minimum"/>…<paramref name="maximum"/> (values,
    /// both &gt; 0): the axis limits become their log10, and the ticks <see cref="LogTickGenerator"/>'s. Data on
    /// this axis must be plotted as <see cref="Log10(ReadOnlySpan{double})"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite and positive, or minimum ≥ maximum.</exception>
    public static void UseLogAxis(IAxis axis, double minimum, double maximum, Func<double, string>? format = null)
    {
        if (!(minimum > 0) || !double.IsFinite(maximum) || !(maximum > minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), $"log axis needs 0 < minimum < maximum, got {minimum} … {maximum}");
        }

        axis.TickGenerator = new LogTickGenerator(format);
        axis.Range.Set(Math.Log10(minimum), Math.Log10(maximum));
    }

    /// <summary>log10 of each value; NaN for values ≤ 0 or NaN (a gap in the line).</summary>
    public static double[] Log10(ReadOnlySpan<double> values)
    {
        var y = new double[values.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = values[i] > 0 ? Math.Log10(values[i]) : double.NaN;
        }

        return y;
    }

    /// <summary>Ticks at whole numbers only (counts), labelled without decimals.</summary>
    public static void UseWholeNumberTicks(IAxis axis) =>
        axis.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = v => FormatNumber(Math.Round(v)) };

    /// <summary>Ticks of fractions labelled in percent ("−45 %", "0.5 %").</summary>
    public static void UsePercentTicks(IAxis axis) =>
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = FormatPercentTick };

    /// <summary>Ticks labelled by <see cref="FormatNumber"/> (thousands separators, true minus).</summary>
    public static void UseNumberTicks(IAxis axis) =>
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = FormatNumber };

    /// <summary>
    /// A number for a tick label: thousands separators, up to 6 significant decimals for small values, a true
    /// minus sign; "0" for values within 1e-12 of zero (tick arithmetic leaves −1e-17).
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            return string.Empty;
        }

        if (Math.Abs(value) < 1e-12)
        {
            return "0";
        }

        double magnitude = Math.Abs(value);
        string text = magnitude >= 1
            ? magnitude.ToString("#,0.##", CultureInfo.InvariantCulture)
            : magnitude.ToString("0." + new string('#', Math.Clamp(2 - (int)Math.Floor(Math.Log10(magnitude)), 2, 15)), CultureInfo.InvariantCulture);
        return value < 0 ? "−" + text : text;
    }

    /// <summary>A fraction as a percent tick label: 0.25 → "25 %", −0.005 → "−0.5 %".</summary>
    public static string FormatPercentTick(double fraction)
    {
        if (!double.IsFinite(fraction))
        {
            return string.Empty;
        }

        double percent = Math.Round(fraction * 100, 10);
        if (Math.Abs(percent) < 1e-9)
        {
            return "0 %";
        }

        string text = Math.Abs(percent).ToString("#,0.###", CultureInfo.InvariantCulture);
        return (percent < 0 ? "−" : string.Empty) + text + " %";
    }

    /// <summary>
    /// Adds a line through (<paramref name="x"/>, <paramref name="y"/>) — x ascending, same length — broken
    /// wherever y is NaN: one ScottPlot <see cref="SignalXY"/> per unbroken stretch (SignalXY reduces a long
    /// series to what each pixel column shows, so a million points draw fast). Only the first stretch carries
    /// the legend text.
    /// </summary>
    /// <returns>The stretches drawn, in order (empty when every y is NaN).</returns>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static IReadOnlyList<SignalXY> AddLine(Plot plot, ReadOnlySpan<double> x, ReadOnlySpan<double> y, string? legend, Color color, float width = 2, LinePattern? pattern = null)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"line x has {x.Length} values, y {y.Length}");
        }

        var stretches = new List<SignalXY>();
        int i = 0;
        while (i < y.Length)
        {
            while (i < y.Length && !(double.IsFinite(y[i]) && double.IsFinite(x[i])))
            {
                i++;
            }

            int start = i;
            while (i < y.Length && double.IsFinite(y[i]) && double.IsFinite(x[i]))
            {
                i++;
            }

            if (i > start)
            {
                var line = new SignalXY(new LineData(x[start..i].ToArray(), y[start..i].ToArray())) { Color = color };
                plot.Add.Plottable(line);
                line.LineWidth = width;
                line.LinePattern = pattern ?? LinePattern.Solid;
                line.MarkerSize = i - start == 1 ? width * 2.5f : 0;
                line.LegendText = stretches.Count == 0 ? legend ?? string.Empty : string.Empty;
                stretches.Add(line);
            }
        }

        return stretches;
    }

    /// <summary>
    /// Shades the area between <paramref name="lower"/> and <paramref name="upper"/> over ascending
    /// <paramref name="x"/> (all the same length), broken wherever either bound is NaN; no legend entry.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static void AddBand(Plot plot, ReadOnlySpan<double> x, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Color fill)
    {
        if (x.Length != lower.Length || x.Length != upper.Length)
        {
            throw new ArgumentException($"band x has {x.Length} values, lower {lower.Length}, upper {upper.Length}");
        }

        int i = 0;
        while (i < x.Length)
        {
            while (i < x.Length && !(double.IsFinite(lower[i]) && double.IsFinite(upper[i])))
            {
                i++;
            }

            int start = i;
            while (i < x.Length && double.IsFinite(lower[i]) && double.IsFinite(upper[i]))
            {
                i++;
            }

            if (i - start > 1)
            {
                var band = plot.Add.FillY(x[start..i].ToArray(), upper[start..i].ToArray(), lower[start..i].ToArray());
                band.FillColor = fill;
                band.LineWidth = 0;
                band.MarkerSize = 0;
            }
        }
    }

    /// <summary>Adds markers at the points (x, y) that are finite; legend text only when given.</summary>
    public static Markers AddMarkers(Plot plot, ReadOnlySpan<double> x, ReadOnlySpan<double> y, MarkerShape shape, float size, Color color, string? legend = null)
    {
        var xs = new List<double>(x.Length);
        var ys = new List<double>(y.Length);
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]))
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        }

        var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), shape, size, color);
        markers.MarkerLineWidth = shape is MarkerShape.Eks or MarkerShape.Cross ? 2.5f : 1;
        markers.LegendText = legend ?? string.Empty;
        return markers;
    }
}
