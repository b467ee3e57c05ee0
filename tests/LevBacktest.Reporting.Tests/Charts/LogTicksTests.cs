using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

public sealed class LogTicksTests
{
    [Fact]
    public void One_to_ten_thousand_gives_labelled_decades()
    {
        var ticks = LogTicks.Generate(1, 1e4, 6, AxisFormat.Number, null);
        var labelled = ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal([1.0, 10, 100, 1000, 10000], labelled.Select(t => t.Value));
        Assert.Equal(["1", "10", "100", "1,000", "10,000"], labelled.Select(t => t.Label));
        // Unlabelled minor ticks at 2..9 × 10^k.
        Assert.Contains(ticks, t => !t.IsMajor && t.Label.Length == 0 && Math.Abs(t.Value - 300) < 1e-9);
    }

    [Fact]
    public void Few_decades_also_label_two_and_five()
    {
        var ticks = LogTicks.Generate(1_000, 100_000, 10, AxisFormat.Number, null);
        Assert.Equal(["1,000", "2,000", "5,000", "10,000", "20,000", "50,000", "100,000"], ticks.Where(t => t.Label.Length > 0).Select(t => t.Label));
    }

    [Fact]
    public void Many_decades_are_thinned()
    {
        var ticks = LogTicks.Generate(1e-6, 1e6, 5, AxisFormat.Number, null);
        var labelled = ticks.Where(t => t.Label.Length > 0).Select(t => Math.Round(Math.Log10(t.Value))).ToList();
        Assert.True(labelled.Count <= 5);
        Assert.Equal(labelled.Count, labelled.Distinct().Count());
        Assert.All(labelled.Zip(labelled.Skip(1)), p => Assert.Equal(labelled[1] - labelled[0], p.Second - p.First));
    }

    [Fact]
    public void A_range_inside_one_decade_falls_back_to_linear_ticks()
    {
        var ticks = LogTicks.Generate(20_000, 60_000, 6, AxisFormat.Number, null);
        Assert.Equal(["20,000", "30,000", "40,000", "50,000", "60,000"], ticks.Select(t => t.Label));
    }
}
