using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>
/// equity.png on a log axis: a run that falls far below the initial capital stays visible down to its
/// lowest close instead of vanishing under a fixed floor at 0.1 % of the initial capital.
/// </summary>
public sealed class EquityFloorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-equity-floor").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(10_000, 3.2, 3.2)]        // data lower than the old 10 USDT floor: the axis follows it
    [InlineData(10_000, 1e-5, 0.01)]      // beyond six decades below the initial capital: clipped there
    [InlineData(10_000, double.PositiveInfinity, 0.01)] // nothing positive: the limit
    [InlineData(double.NaN, 5, 5)]
    [InlineData(double.NaN, 1e-9, 1e-3)]
    public void The_floor_is_the_lowest_positive_equity_but_at_most_six_decades_down(double initial, double lowest, double expected) =>
        Assert.Equal(expected, LogFloor.Choose(initial, lowest), 12);

    [Fact]
    public void Values_below_the_floor_are_drawn_on_it_and_wiped_out_values_end_the_line()
    {
        Assert.Equal(5.0, LogFloor.Clamp(5, 0.01));
        Assert.Equal(0.01, LogFloor.Clamp(1e-7, 0.01));
        Assert.True(double.IsNaN(LogFloor.Clamp(0, 0.01)));
        Assert.True(double.IsNaN(LogFloor.Clamp(-3, 0.01)));
        Assert.True(double.IsNaN(LogFloor.Clamp(double.NaN, 0.01)));
        Assert.Equal(0.004, LogFloor.LowestPositive([double.NaN, 0, -1, 7, 0.004, 12]));
        Assert.Equal("0.0042", LogFloor.FormatAmount(0.0042));
        Assert.Equal("0.01", LogFloor.FormatAmount(0.01));
        Assert.Equal("12,345", LogFloor.FormatAmount(12_345.4));
    }

    [Fact]
    public void A_run_below_a_thousandth_of_the_initial_capital_is_drawn_at_its_own_level()
    {
        // Re-entering 20× after each liquidation drains the account to cents on data/sample (Jan–Feb 2023).
        var folder = ResultsFolder.Read(ResultsFolderFixture.Write(Path.Combine(_root, "grid"), ResultsFolderFixture.TwoAxisSpec()));
        var context = new ReportContext(folder, prices: null, new ReportOptions());
        var figure = EquityChart.Create(context, out _);
        var lines = DrawnSeries.Of(figure.Plot);
        Assert.Equal(context.LineRuns.Count, lines.Count);
        double initial = folder.InitialCapital;
        bool belowOldFloor = false;
        for (int k = 0; k < lines.Count; k++)
        {
            var curve = folder.EquityOf(context.LineRuns[k].RunIndex);
            var equity = curve.Equity.Span[..context.ActiveLength(context.LineRuns[k].RunIndex)];
            var expected = new List<(double X, double Y)>();
            for (int i = 0; i < equity.Length; i++)
            {
                if (equity[i] > 0)
                {
                    belowOldFloor |= equity[i] < initial / 1000;
                    // Every positive close is drawn, at its value (none of these is six decades down); a wiped-out close ends the line.
                    expected.Add((ChartStyle.TimeCoordinate(curve.TimeMs.Span[i]), Math.Log10(equity[i])));
                }
            }

            var drawn = lines[k].X.Zip(lines[k].Y).Where(p => double.IsFinite(p.Second)).ToList();
            Assert.Equal(expected.Count, drawn.Count);
            for (int i = 0; i < drawn.Count; i++)
            {
                Assert.Equal(expected[i].X, drawn[i].First);
                Assert.Equal(expected[i].Y, drawn[i].Second);
            }
        }

        Assert.True(belowOldFloor, "the fixture should have a run below 0.1 % of the initial capital");
    }
}
