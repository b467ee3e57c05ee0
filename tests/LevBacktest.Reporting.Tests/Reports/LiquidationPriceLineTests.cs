using LevBacktest.Core.Experiments;
using LevBacktest.Reporting.Plotting;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>
/// The liquidation-price line of liquidations.png breaks at every change of position: flat bars are NaN in
/// equity.parquet, and a reversal (long to short at one bar's open) or a re-entry at the bar another position
/// left is found from trades.parquet.
/// </summary>
public sealed class LiquidationPriceLineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-liquidation-line").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_break_is_inserted_where_a_position_follows_another_without_a_flat_bar()
    {
        // Bars 0..7: flat, long (bars 1–2), short from bar 3 (a reversal), flat at 5, long 6, re-entered long at 7.
        long[] time = [0, 10, 20, 30, 40, 50, 60, 70];
        double[] level = [double.NaN, 100, 101, 150, 151, double.NaN, 90, 95];
        long[] entries = [10, 30, 60, 70];

        var (times, values) = PositionBreaks.Insert(time, level, entries);

        // Entries after a flat bar (10, 60) need no break: the NaN is there already.
        Assert.Equal([0L, 10, 20, 30, 30, 40, 50, 60, 70, 70], times);
        Assert.Equal([double.NaN, 100, 101, double.NaN, 150, 151, double.NaN, 90, double.NaN, 95], values);
    }

    [Fact]
    public void Without_entries_the_line_is_unchanged_and_misaligned_input_is_refused()
    {
        long[] time = [0, 10, 20];
        double[] level = [1, 2, double.NaN];
        var (times, values) = PositionBreaks.Insert(time, level, []);
        Assert.Equal(time, times);
        Assert.Equal(level, values);
        Assert.Throws<ArgumentException>(() => PositionBreaks.Insert(time, [1.0, 2.0], []));
    }

    [Fact]
    public void The_chart_of_a_run_with_reversals_breaks_its_line_at_each_one()
    {
        string folderPath = ResultsFolderFixture.Write(Path.Combine(_root, "grid"), ResultsFolderFixture.TwoAxisSpec(), out var outcome);
        var folder = ResultsFolder.Read(folderPath);

        // The run with the most reversals: a trade entered in the bar in which the previous one (of the other side) exited.
        var (run, reversals) = outcome.Runs
            .Select(r => (r.Point.RunIndex, Reversals(r)))
            .MaxBy(x => x.Item2.Count);
        Assert.True(reversals.Count >= 3, $"the fixture should reverse positions; the best run has {reversals.Count} reversals");
        Assert.Equal(outcome.Runs[run].Result.Trades.Select(t => t.EntryTimeMs), folder.PositionEntryTimesOf(run));

        var context = new ReportContext(folder, prices: null, new ReportOptions { RunIndex = run });
        var figure = LiquidationsChart.Create(context, out _);
        var line = DrawnSeries.Of(figure[0, 0]).Single(l => l.Label == "Liquidation price");
        var x = line.X;
        var y = line.Y;
        var curve = folder.EquityOf(run);
        var liquidation = curve.LiquidationPrice.Span;
        foreach (var entryTime in reversals)
        {
            int bar = curve.TimeMs.Span.IndexOf(entryTime);
            Assert.True(bar > 0 && double.IsFinite(liquidation[bar - 1]) && double.IsFinite(liquidation[bar]), "a reversal has levels on both sides");

            // In the drawn series: the last point of the old position, a NaN, then the first point of the new one.
            int at = x.IndexOf(ChartStyle.TimeCoordinate(entryTime)) - 1;
            Assert.Equal(ChartStyle.TimeCoordinate(curve.TimeMs.Span[bar - 1]), x[at - 1]);
            Assert.Equal(liquidation[bar - 1], y[at - 1]);
            Assert.True(double.IsNaN(y[at]), $"no break before the reversal at {entryTime}");
            Assert.Equal(ChartStyle.TimeCoordinate(entryTime), x[at + 1]);
            Assert.Equal(liquidation[bar], y[at + 1]);
        }
    }

    [Fact]
    public void The_price_panel_draws_no_liquidation_price_at_or_below_zero_and_no_negative_price_axis()
    {
        // At 1x the isolated wallet covers the whole notional: the liquidation price sits near zero (only fees and
        // funding lift it, or leave it at or below zero, which no price can reach); the automatic margin below such a
        // level once stretched the price axis below zero.
        string folderPath = ResultsFolderFixture.Write(Path.Combine(_root, "sweep"), ResultsFolderFixture.LeverageSweepSpec());
        var folder = ResultsFolder.Read(folderPath);
        var curve = folder.EquityOf(0);
        Assert.Contains(curve.LiquidationPrice.ToArray(), double.IsFinite);

        var context = new ReportContext(folder, prices: null, new ReportOptions { RunIndex = 0 });
        var plot = LiquidationsChart.Create(context, out _)[0, 0];
        var line = DrawnSeries.Of(plot).Single(l => l.Label == "Liquidation price");
        Assert.DoesNotContain(line.Y.ToArray(), level => level <= 0);
        Assert.True(plot.Axes.Left.Range.Min >= 0, $"the price axis starts at {plot.Axes.Left.Range.Min}");
    }

    private static List<long> Reversals(RunOutcome run)
    {
        var trades = run.Result.Trades;
        var times = new List<long>();
        for (int i = 1; i < trades.Count; i++)
        {
            if (trades[i].EntryBar == trades[i - 1].ExitBar && trades[i].Side != trades[i - 1].Side && trades[i - 1].ExitReason != Core.Simulation.ExitReason.Liquidation)
            {
                times.Add(trades[i].EntryTimeMs);
            }
        }

        return times;
    }
}
