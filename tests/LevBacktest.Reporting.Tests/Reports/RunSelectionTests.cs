using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

public sealed class RunSelectionTests
{
    [Fact]
    public void A_sweep_of_21_leverages_draws_8_keeping_the_ends_and_the_liquidation_threshold()
    {
        double[] leverages = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 125];

        // Liquidated from 7× up; 5× ends richest, 125× poorest.
        var runs = leverages.Select((l, i) => Run(i, l, liquidations: l >= 7 ? 1 : 0, finalEquity: l == 5 ? 30_000 : l == 125 ? 0 : 10_000)).ToList();
        var selected = RunSelection.ForLines(Folder(runs), 8, out string description, out var fixedAxes);
        var chosen = selected.Select(r => r.Leverage).ToList();
        Assert.Equal(8, chosen.Count);
        Assert.Equal(chosen.Order(), chosen);
        Assert.Contains(1.0, chosen);
        Assert.Contains(125.0, chosen);
        Assert.Contains(7.0, chosen);
        Assert.Contains(6.0, chosen);
        Assert.Contains(5.0, chosen);
        Assert.Empty(fixedAxes);
        Assert.StartsWith("8 of 21 runs", description);
    }

    [Fact]
    public void Few_runs_are_all_drawn()
    {
        var runs = new[] { Run(0, 2, 0, 1), Run(1, 1, 0, 1) };
        var selected = RunSelection.ForLines(Folder(runs), 8, out string description, out _);
        Assert.Equal([1.0, 2.0], selected.Select(r => r.Leverage));
        Assert.Equal("all 2 runs", description);
    }

    [Fact]
    public void The_focus_run_is_the_lowest_liquidated_leverage_else_the_highest()
    {
        var liquidated = new[] { Run(0, 1, 0, 1), Run(1, 5, 1, 0), Run(2, 20, 1, 0) };
        Assert.Equal(1, RunSelection.Focus(Folder(liquidated), null).RunIndex);
        var safe = new[] { Run(0, 1, 0, 1), Run(1, 5, 0, 1) };
        Assert.Equal(1, RunSelection.Focus(Folder(safe), null).RunIndex);
        Assert.Equal(0, RunSelection.Focus(Folder(safe), 0).RunIndex);
    }

    private static ResultsRun Run(int index, double leverage, int liquidations, double finalEquity) =>
        new(index, new Dictionary<string, string> { ["leverage"] = leverage.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "s · fixed-leverage(x) · none()",
            new Dictionary<string, double> { ["leverage"] = leverage, ["liquidationCount"] = liquidations, ["finalEquity"] = finalEquity });

    private static ResultsFolder Folder(IReadOnlyList<ResultsRun> runs) => ResultsFolder.FromParts(
        [new ResultsAxis("leverage", runs.Select(r => r.Parameters["leverage"]).ToList(), runs.Select(r => r.Leverage).ToList())], runs);
}
