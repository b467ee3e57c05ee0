using LevBacktest.Reporting.Formatting;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>The one percentage rounding rule of tables, reports and charts (<see cref="PercentText"/>).</summary>
public sealed class PercentTextTests
{
    [Theory]
    [InlineData(-0.9999975, "0", "−99.9 %")]      // the equity legend / heatmap case of issue 11: −99.99975 %
    [InlineData(-0.9999975, "0.#", "−99.9 %")]
    [InlineData(-0.9999975, "0.00", "−99.99 %")]  // the CLI table's precision
    [InlineData(-0.99949, "0.00", "−99.95 %")]    // rounds below 100: unchanged
    [InlineData(0.9999999, "0", "+99.9 %")]       // a drawdown just short of total
    [InlineData(-1.0, "0", "−100 %")]             // wiped out: exactly −100 %, always
    [InlineData(-1.0, "0.00", "−100.00 %")]
    [InlineData(1.5, "0", "+150 %")]
    [InlineData(-0.003, "0", "−0.3 %")]           // not zero never reads as zero
    [InlineData(0.0, "0", "+0 %")]
    public void A_value_that_is_not_minus_100_percent_never_reads_so_and_a_wiped_out_run_always_does(double fraction, string format, string expected) =>
        Assert.Equal(expected, PercentText.Format(fraction, format));

    [Fact]
    public void Plain_text_tables_use_an_ascii_minus_and_no_plus()
    {
        Assert.Equal("-99.99 %", PercentText.Format(-0.9999975, "0.00", plusSign: false, asciiMinus: true));
        Assert.Equal("12.30 %", PercentText.Format(0.123, "0.00", plusSign: false, asciiMinus: true));
        Assert.Equal("n/a", PercentText.Format(double.NaN));
    }
}
