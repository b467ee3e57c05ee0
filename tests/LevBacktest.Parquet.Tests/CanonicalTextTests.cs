using System.Numerics;
using System.Text;

using LevBacktest.Parquet.Text;

namespace LevBacktest.Parquet.Tests;

/// <summary>The canonical value text of the corpus README ("Canonical JSONL"), case by case from its examples.</summary>
public sealed class CanonicalTextTests
{
    [Theory]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.000015, "0.000015")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000.0")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-123456789.125, "-123456789.125")]
    public void Double_ShortestDigitsInEcmaScriptLayout(double value, string expected)
    {
        var text = new StringBuilder();
        ShortestFloatFormatter.AppendDouble(text, value);
        Assert.Equal(expected, text.ToString());
    }

    [Theory]
    [InlineData(1.1f, "1.1")]
    [InlineData(16777216f, "16777216.0")]
    [InlineData(3.4028235e38f, "3.4028235e+38")]
    [InlineData(1e-45f, "1e-45")]
    public void Float_ShortestDigitsOfBinary32(float value, string expected)
    {
        var text = new StringBuilder();
        ShortestFloatFormatter.AppendSingle(text, value);
        Assert.Equal(expected, text.ToString());
    }

    [Fact]
    public void Half_ShortestDigitsOfBinary16()
    {
        // 0.1 is stored in binary16 as 0.0999755859375 and prints as 0.1 in its own format.
        var text = new StringBuilder();
        ShortestFloatFormatter.AppendHalf(text, (Half)0.1);
        Assert.Equal("0.1", text.ToString());
        text.Clear();
        ShortestFloatFormatter.AppendHalf(text, Half.MaxValue);

        // 65504 is the largest binary16; binary16 values near it are 32 apart, so "655" × 10² already converts back.
        Assert.Equal("65500.0", text.ToString());
    }

    [Fact]
    public void JsonString_EscapesOnlyWhatJsonRequires()
    {
        var text = new StringBuilder();
        JsonStringEscaper.Append(text, "q\"b\\s/\u0001\u001f\b\t\n\f\r\u007f\u2028é\uFEFF");
        Assert.Equal("\"q\\\"b\\\\s/\\u0001\\u001f\\b\\t\\n\\f\\r\u007f\u2028é\uFEFF\"", text.ToString());
    }

    [Theory]
    [InlineData(0L, "1970-01-01")]
    [InlineData(-1L, "1969-12-31")]
    [InlineData(14304L, "2009-03-01")]
    [InlineData(11016L, "2000-02-29")]
    [InlineData(-719528L, "0000-01-01")]
    [InlineData(-719529L, "-000001-12-31")]
    [InlineData(2932897L, "+010000-01-01")]
    public void Date_ProlepticGregorianWithExpandedYears(long days, string expected)
    {
        var text = new StringBuilder();
        CalendarFormatter.AppendDate(text, days);
        Assert.Equal(expected, text.ToString());
    }

    [Fact]
    public void Timestamp_BeforeTheEpochRoundsTowardThePast()
    {
        var text = new StringBuilder();
        CalendarFormatter.AppendTimestamp(text, -1, 1000, 3, utc: false);
        Assert.Equal("1969-12-31T23:59:59.999", text.ToString());
        text.Clear();
        CalendarFormatter.AppendTimestamp(text, 1_704_070_800_000_000, 1_000_000, 6, utc: true);
        Assert.Equal("2024-01-01T01:00:00.000000Z", text.ToString());
    }

    [Fact]
    public void Int96_SparkOverflowedValue_RecoversTheWrittenInstant()
    {
        // Raw bytes 0060b9c76ee2ffff a8abb0f9 (expected/DISAGREEMENTS.md): nanos −32,509,551,616,000, Julian day −105,862,232.
        var value = new ParquetInt96(-32_509_551_616_000, -105_862_232);
        var text = new StringBuilder();
        CalendarFormatter.AppendTimestamp(text, value.ToUnixNanosecondsExact(), 1_000_000_000, 9, utc: true);
        Assert.Equal("+290000-12-30T23:00:00.000000000Z", text.ToString());

        var ordinary = new ParquetInt96(60_000_000_000, 2_454_892);
        Assert.Equal(new BigInteger(ordinary.ToUnixNanosecondsWrapping()), ordinary.ToUnixNanosecondsExact());
    }

    [Theory]
    [InlineData(-1230, 2, "-12.30")]
    [InlineData(5, 2, "0.05")]
    [InlineData(-5, 2, "-0.05")]
    [InlineData(1003858, 3, "1003.858")]
    [InlineData(123, 0, "123")]
    [InlineData(0, 3, "0.000")]
    public void Decimal_ExactScaledText(long unscaled, int scale, string expected)
    {
        var text = new StringBuilder();
        DecimalFormatter.Append(text, unscaled, scale);
        Assert.Equal(expected, text.ToString());
    }
}
