using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

public sealed class TimeTicksTests
{
    private static double Ms(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static DateTime Utc(double ms) => DateTimeOffset.FromUnixTimeMilliseconds((long)ms).UtcDateTime;

    [Fact]
    public void Three_years_with_few_ticks_are_yearly_on_January_first()
    {
        var ticks = TimeTicks.Generate(Ms(2021, 1, 1), Ms(2024, 1, 1), 5);
        Assert.Equal(["2021", "2022", "2023", "2024"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal((1, 1, 0), (Utc(t.Value).Month, Utc(t.Value).Day, Utc(t.Value).Hour)));
    }

    [Fact]
    public void Three_years_with_room_are_quarterly_with_month_labels()
    {
        var ticks = TimeTicks.Generate(Ms(2021, 1, 1), Ms(2024, 1, 1), 13);
        Assert.Equal(13, ticks.Count);
        Assert.Equal("Jan 2021", ticks[0].Label);
        Assert.Equal("Apr 2021", ticks[1].Label);
        Assert.All(ticks, t => Assert.True(Utc(t.Value).Day == 1 && (Utc(t.Value).Month - 1) % 3 == 0));
    }

    [Fact]
    public void Two_months_get_weekly_ticks_on_mondays_with_the_year_under_the_first()
    {
        var ticks = TimeTicks.Generate(Ms(2024, 3, 1), Ms(2024, 4, 30), 10);
        Assert.All(ticks, t => Assert.Equal(DayOfWeek.Monday, Utc(t.Value).DayOfWeek));
        Assert.Equal("4 Mar", ticks[0].Label);
        Assert.Equal("2024", ticks[0].SecondLine);
        Assert.Null(ticks[1].SecondLine);
    }

    [Fact]
    public void One_day_gets_hour_ticks_labelled_as_clock_times_with_the_date_where_it_changes()
    {
        var ticks = TimeTicks.Generate(Ms(2024, 3, 12, 10), Ms(2024, 3, 13, 10), 10);
        Assert.Equal("12:00", ticks[0].Label);
        Assert.Equal("12 Mar 2024", ticks[0].SecondLine);
        var midnight = ticks.Single(t => t.Label == "00:00");
        Assert.Equal("13 Mar 2024", midnight.SecondLine);
        Assert.All(ticks, t => Assert.Equal(0, Utc(t.Value).Hour % 3));
    }

    [Fact]
    public void Ninety_minutes_get_quarter_hour_ticks()
    {
        var ticks = TimeTicks.Generate(Ms(2024, 3, 12, 14, 0), Ms(2024, 3, 12, 15, 30), 8);
        Assert.Equal(["14:00", "14:15", "14:30", "14:45", "15:00", "15:15", "15:30"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Decades_use_multi_year_steps()
    {
        var ticks = TimeTicks.Generate(Ms(1990, 6, 1), Ms(2030, 1, 1), 6);
        Assert.Equal(["2000", "2010", "2020", "2030"], ticks.Select(t => t.Label));
    }
}
