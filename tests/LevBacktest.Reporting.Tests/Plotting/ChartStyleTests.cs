using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Tests.Plotting;

/// <summary>Tick placement and labels of the house axes, against hand-computed values.</summary>
public sealed class ChartStyleTests
{
    private static readonly Func<double, string> Format = ChartStyle.FormatNumber;

    [Fact]
    public void Log_ticks_over_three_decades_are_1_2_5_with_minor_ticks_between()
    {
        var ticks = LogTickGenerator.Generate(Math.Log10(10), Math.Log10(10_000), 20, Format);
        var majors = ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(["10", "20", "50", "100", "200", "500", "1,000", "2,000", "5,000", "10,000"], majors);
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(30)) < 1e-12);
        Assert.All(ticks.Where(t => t.IsMajor), t => Assert.Equal(Math.Pow(10, t.Position), double.Parse(t.Label.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), 9));
    }

    [Fact]
    public void Log_ticks_over_many_decades_label_decades_only()
    {
        var ticks = LogTickGenerator.Generate(-2, 4, 8, Format);
        Assert.Equal(["0.01", "0.1", "1", "10", "100", "1,000", "10,000"], ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray());
        var thinned = LogTickGenerator.Generate(-6, 6, 5, Format);
        Assert.Equal(["0.000001", "0.001", "1", "1,000", "1,000,000"], thinned.Where(t => t.IsMajor).Select(t => t.Label).ToArray());
    }

    [Fact]
    public void A_narrow_log_axis_gets_plain_steps_of_the_value()
    {
        // 9,000 … 12,000 USDT: less than a factor of 4, so 1-2-5 decades would leave one tick (10,000).
        var majors = LogTickGenerator.Generate(Math.Log10(9_000), Math.Log10(12_000), 8, Format).Where(t => t.IsMajor).ToArray();
        Assert.Equal(["9,000", "9,500", "10,000", "10,500", "11,000", "11,500", "12,000"], majors.Select(t => t.Label).ToArray());
        Assert.Equal(Math.Log10(10_500), majors[3].Position, 12);
    }

    [Theory]
    [InlineData(2024, 1, 1, 0, 0, "2024")]
    [InlineData(2024, 3, 1, 0, 0, "2024-03")]
    [InlineData(2024, 3, 12, 0, 0, "2024-03-12")]
    [InlineData(2024, 3, 12, 14, 0, "2024-03-12 14:00")]
    public void Time_labels_are_iso_8601(int year, int month, int day, int hour, int minute, string expected) =>
        Assert.Equal(expected, ChartStyle.IsoLabel(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc)));

    [Fact]
    public void Time_coordinates_are_ole_automation_days_of_the_utc_instant()
    {
        long ms = new DateTimeOffset(2024, 3, 12, 14, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(new DateTime(2024, 3, 12, 14, 0, 0).ToOADate(), ChartStyle.TimeCoordinate(ms), 9);
    }

    [Theory]
    [InlineData(-0.45, "−45 %")]
    [InlineData(0.005, "0.5 %")]
    [InlineData(1e-17, "0 %")]
    [InlineData(1.0, "100 %")]
    public void Percent_ticks_use_a_true_minus(double fraction, string expected) => Assert.Equal(expected, ChartStyle.FormatPercentTick(fraction));

    [Theory]
    [InlineData(12_345.0, "12,345")]
    [InlineData(-2.5, "−2.5")]
    [InlineData(0.0042, "0.0042")]
    [InlineData(-1e-17, "0")]
    public void Numbers_have_separators_and_a_true_minus(double value, string expected) => Assert.Equal(expected, ChartStyle.FormatNumber(value));

    [Fact]
    public void Count_axes_tick_whole_numbers_only()
    {
        var plot = ChartStyle.NewPlot();
        ChartStyle.UseWholeNumberTicks(plot.Axes.Left);
        plot.Axes.Left.Range.Set(0, 3);
        plot.Axes.Left.TickGenerator.Regenerate(new CoordinateRange(0, 3), Edge.Left, new PixelLength(600), Paint.NewDisposablePaint(), new LabelStyle());
        var majors = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.NotEmpty(majors);
        Assert.All(majors, t => Assert.Equal(Math.Round(t.Position), t.Position));
    }

    [Fact]
    public void More_than_six_series_get_distinct_colour_and_pattern_pairs()
    {
        var pairs = Enumerable.Range(0, 21).Select(i => (ChartColors.SeriesColor(i), ChartColors.SeriesPattern(i, 21).Name)).ToList();
        Assert.Equal(21, pairs.Distinct().Count());
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(LinePattern.Solid.Name, ChartColors.SeriesPattern(i, 6).Name));
    }
}
