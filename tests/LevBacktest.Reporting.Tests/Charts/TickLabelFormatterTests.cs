using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

public sealed class TickLabelFormatterTests
{
    [Theory]
    [InlineData(12_500, 500, "12,500")]
    [InlineData(1_234_567, 1, "1,234,567")]
    [InlineData(-2_000, 1_000, "\u22122,000")]
    [InlineData(0.25, 0.05, "0.25")]
    [InlineData(0.3, 0.1, "0.3")]
    [InlineData(1e-17, 0.1, "0")]
    [InlineData(2.5e9, 1e9, "2.5e9")]
    public void Numbers_have_thousands_separators_and_a_true_minus(double value, double step, string expected) =>
        Assert.Equal(expected, TickLabelFormatter.Format(value, step, AxisFormat.Number));

    [Theory]
    [InlineData(-0.45, 0.05, "\u221245 %")]
    [InlineData(0.125, 0.025, "12.5 %")]
    [InlineData(0.0001, 0.0001, "0.01 %")]
    [InlineData(0, 0.1, "0 %")]
    public void Percent_axes_show_fractions_as_percent(double value, double step, string expected) =>
        Assert.Equal(expected, TickLabelFormatter.Format(value, step, AxisFormat.Percent));

    [Fact]
    public void Currency_puts_the_symbol_after_the_minus()
    {
        Assert.Equal("$12,500", TickLabelFormatter.Format(12_500, 500, AxisFormat.Currency, "$"));
        Assert.Equal("\u2212$300", TickLabelFormatter.Format(-300, 100, AxisFormat.Currency, "$"));
    }
}
