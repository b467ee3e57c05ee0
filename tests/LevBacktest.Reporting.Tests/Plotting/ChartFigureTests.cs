using System.Text;

using LevBacktest.Reporting.Plotting;

using ScottPlot;

using SkiaSharp;

namespace LevBacktest.Reporting.Tests.Plotting;

/// <summary>The figure adapter over ScottPlot: formats, the bundled font, panel alignment, determinism.</summary>
public sealed class ChartFigureTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public ChartFigureTests(TestOutput output) => _output = output;

    private static ChartFigure TwoPanelFigure()
    {
        var figure = new ChartFigure(1200, 800, rows: 2) { Title = "Searchable title Qz", Subtitle = "SYNBTCUSDT · 1h bars · subtitle words" };
        long start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var time = Enumerable.Range(0, 500).Select(i => start + (i * 3_600_000L)).ToArray();
        var x = ChartStyle.TimeCoordinates(time);
        var top = figure[0, 0];
        ChartStyle.UseTimeAxis(top.Axes.Bottom);
        ChartStyle.UseLogAxis(top.Axes.Left, 100, 100_000);
        ChartStyle.AddLine(top, x, ChartStyle.Log10(x.Select((_, i) => 1000 * Math.Exp(i / 200.0)).ToArray()), "equity 3×", ChartColors.Blue);
        top.YLabel("Equity (USDT, log)");
        var bottom = figure[1, 0];
        ChartStyle.UseTimeAxis(bottom.Axes.Bottom);
        ChartStyle.UsePercentTicks(bottom.Axes.Left);
        ChartStyle.AddLine(bottom, x, x.Select((_, i) => i / 500.0).ToArray(), "ratio", ChartColors.Vermillion);
        bottom.YLabel("Margin ratio, a much longer label (%)");
        bottom.Axes.Left.Range.Set(0, 123_456_789);
        return figure;
    }

    [Fact]
    public void Svg_keeps_title_and_tick_text_as_text_in_the_bundled_family()
    {
        string path = _output.File("figure.svg");
        TwoPanelFigure().Save(path, ChartFormat.Svg);
        string svg = File.ReadAllText(path);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("Searchable title Qz", svg);
        Assert.Contains("font-family=\"DejaVu Sans\"", svg);
        Assert.Contains("2023-01", svg);
        Assert.DoesNotContain("01/", svg);
    }

    [Fact]
    public void Png_and_svg_and_pdf_are_the_same_bytes_every_time()
    {
        foreach (var format in new[] { ChartFormat.Png, ChartFormat.Svg, ChartFormat.Pdf })
        {
            using var first = new MemoryStream();
            using var second = new MemoryStream();
            TwoPanelFigure().Write(first, format);
            TwoPanelFigure().Write(second, format);
            Assert.True(first.Length > 1000, $"{format} is {first.Length} bytes");
            Assert.Equal(first.ToArray(), second.ToArray());
        }
    }

    [Fact]
    public void Pdf_is_a_pdf_with_the_font_embedded()
    {
        using var stream = new MemoryStream();
        TwoPanelFigure().Write(stream, ChartFormat.Pdf);
        string text = Encoding.Latin1.GetString(stream.ToArray());
        Assert.StartsWith("%PDF-", text);
        Assert.Contains("DejaVuSans", text);
        Assert.Contains("/FontFile2", text);
    }

    [Fact]
    public void Png_has_ink_where_the_title_is_and_the_requested_size()
    {
        string path = _output.File("figure.png");
        TwoPanelFigure().Save(path, ChartFormat.Png);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1200, 800), (bitmap.Width, bitmap.Height));
        Assert.True(PixelProbe.InkFraction(path, new PixelRect(18, 300, 40, 8)) > 0.03, "no ink where the title is");
    }

    [Fact]
    public void Stacked_panels_share_their_left_edge_though_their_tick_labels_differ_in_width()
    {
        var figure = TwoPanelFigure();
        using var stream = new MemoryStream();
        figure.Write(stream, ChartFormat.Png);
        var top = figure[0, 0].RenderManager.LastRender.DataRect;
        var bottom = figure[1, 0].RenderManager.LastRender.DataRect;
        Assert.Equal(top.Left, bottom.Left);
        Assert.Equal(top.Right, bottom.Right);
        Assert.True(top.Bottom < bottom.Top);
    }

    [Fact]
    public void Every_plot_uses_the_bundled_font()
    {
        var plot = ChartStyle.NewPlot();
        Assert.Equal(ChartFonts.FamilyName, plot.Axes.Title.Label.FontName);
        Assert.Equal(ChartFonts.FamilyName, plot.Axes.Left.TickLabelStyle.FontName);
        Assert.Equal(ChartFonts.FamilyName, plot.Axes.Bottom.Label.FontName);
        Assert.Equal(ChartFonts.FamilyName, plot.Legend.FontName);
        Assert.False(plot.Legend.SetBestFontOnEachRender);
        Assert.Equal("DejaVu Sans", ChartFonts.Regular.FamilyName);
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.GetTypeface(ChartFonts.FamilyName, bold: true, italic: false).FamilyName);
        Assert.True(ScottPlot.Fonts.GetTypeface(ChartFonts.FamilyName, bold: true, italic: false).IsBold);
    }

    [Fact]
    public void A_line_breaks_at_every_NaN_and_only_its_first_stretch_is_in_the_legend()
    {
        var plot = ChartStyle.NewPlot();
        var stretches = ChartStyle.AddLine(plot, [1, 2, 3, 4, 5, 6, 7], [1, 2, double.NaN, 4, 5, double.NaN, double.NaN], "run", ChartColors.Blue);
        Assert.Equal(2, stretches.Count);
        Assert.Equal(2, stretches[0].Data.Count);
        Assert.Equal(2, stretches[1].Data.Count);
        Assert.Equal("run", stretches[0].LegendText);
        Assert.Equal(string.Empty, stretches[1].LegendText);
    }
}
