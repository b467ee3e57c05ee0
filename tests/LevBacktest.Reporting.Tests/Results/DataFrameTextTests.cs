using LevBacktest.Reporting.Results;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Tests.Results;

public sealed class DataFrameTextTests
{
    private static DataFrame Sample()
    {
        var time = new DateTimeDataFrameColumn("time", 2);
        time[0] = new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        time[1] = null;
        var money = new DoubleDataFrameColumn("equity", [1_234_567.891, -0.5]);
        var count = new Int32DataFrameColumn("trades", [12_000, 3]);
        var reason = new StringDataFrameColumn("exitReason", ["liquidation", "stop & <go>"]);
        return new DataFrame(time, money, count, reason);
    }

    [Fact]
    public void Text_is_aligned_culture_invariant_and_keeps_wide_numbers_apart()
    {
        string text = Sample().ToText();
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2024-03-01 08:00  1,234,568  12,000  liquidation", lines[1], StringComparison.Ordinal);
        Assert.Equal(new string(' ', 18), lines[2][..18]);          // a null time is empty, padded
        Assert.Contains("    -0.50", lines[2], StringComparison.Ordinal);  // right-aligned under "1,234,568"
        Assert.Equal(lines[0].IndexOf("trades", StringComparison.Ordinal) + "trades".Length, lines[1].IndexOf("12,000", StringComparison.Ordinal) + "12,000".Length);
        Assert.DoesNotContain("3/1/2024", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_past_the_limit_are_counted()
    {
        Assert.EndsWith("… 1 more rows (2 in all)\n", Sample().ToText(maxRows: 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_text_and_right_aligns_numbers()
    {
        string html = Sample().ToHtml();
        Assert.Contains("<td style=\"text-align:left;padding:2px 8px\">stop &amp; &lt;go&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right;padding:2px 8px\">1,234,568</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th style=\"text-align:left;padding:2px 8px\">time</th>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0.00")]
    [InlineData(0.5, "0.50")]
    [InlineData(123.456789, "123.457")]
    [InlineData(1234.5, "1,234.50")]
    [InlineData(-0.1234567, "-0.123457")]
    [InlineData(12_345_678.9, "12,345,679")]
    [InlineData(0.00001234, "1.234E-5")]
    public void Numbers_keep_six_significant_digits(double value, string expected) => Assert.Equal(expected, DataFrameText.FormatCell(value));
}
