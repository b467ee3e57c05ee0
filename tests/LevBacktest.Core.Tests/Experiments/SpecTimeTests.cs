using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class SpecTimeTests
{
    [Theory]
    [InlineData("1970-01-01", 0L)]
    [InlineData("2020-03-12", 1_583_971_200_000L)]
    [InlineData("2020-03-12T10:00:00Z", 1_583_971_200_000L + (10 * 3_600_000L))]
    [InlineData("2020-03-12T12:00:00+02:00", 1_583_971_200_000L + (10 * 3_600_000L))]
    [InlineData("2020-03-12T10:00:00.250Z", 1_583_971_200_000L + (10 * 3_600_000L) + 250)]
    public void Parses_dates_and_zoned_times_as_utc_milliseconds(string text, long expected)
    {
        Assert.True(SpecTime.TryParseUtcMilliseconds(text, out long ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("2020-03-12T10:00:00")]
    [InlineData("12/03/2020")]
    [InlineData("2020-13-01")]
    [InlineData("")]
    public void Rejects_ambiguous_or_malformed_times(string text) => Assert.False(SpecTime.TryParseUtcMilliseconds(text, out _));

    [Theory]
    [InlineData("15m", 900_000L)]
    [InlineData("4h", 14_400_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("1w", 604_800_000L)]
    public void Parses_durations(string text, long expected)
    {
        Assert.True(SpecTime.TryParseDurationMilliseconds(text, out long ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("4 h")]
    [InlineData("1y")]
    [InlineData("-1h")]
    public void Rejects_bad_durations(string text) => Assert.False(SpecTime.TryParseDurationMilliseconds(text, out _));

    [Fact]
    public void Formats_utc_instants() => Assert.Equal("2020-03-12T10:00:00Z", SpecTime.FormatUtc(1_583_971_200_000L + (10 * 3_600_000L)));
}
