using LevBacktest.Core.Regression;

using static LevBacktest.Core.Tests.Regression.SnapshotBuilder;

namespace LevBacktest.Core.Tests.Regression;

/// <summary>Strategy plugins in regression checks: a changed, added or removed plugin is changed code, not drift.</summary>
public sealed class PluginRegressionTests
{
    private static readonly SnapshotRun[] Runs = [Run(0, 1, ("totalReturn", 0.1)), Run(1, 5, ("totalReturn", 0.4))];
    private static readonly SnapshotRun[] MovedRuns = [Run(0, 1, ("totalReturn", 0.1)), Run(1, 5, ("totalReturn", -0.2))];

    private static RegressionSnapshot With(SnapshotRun[] runs, params SnapshotPlugin[] plugins) => new("test-spec", "0.1.0", [Prices, Funding], runs, plugins);

    [Fact]
    public void A_rebuilt_plugin_with_moved_results_is_changed_code_and_lists_the_moves()
    {
        var baseline = With(Runs, new SnapshotPlugin("/a/bin/Mine.dll", new string('1', 64)));
        var current = With(MovedRuns, new SnapshotPlugin("/b/elsewhere/Mine.dll", new string('2', 64)));

        var report = RegressionComparer.Compare(baseline, current, RegressionTolerance.Default);

        Assert.Equal(RegressionVerdict.CodeChanged, report.Verdict);
        var change = Assert.Single(report.PluginChanges);
        Assert.Equal("Mine.dll", change.FileName);
        Assert.Single(report.Differences);
        Assert.Empty(report.DataChanges);
    }

    [Fact]
    public void The_same_plugin_at_another_path_holds()
    {
        var baseline = With(Runs, new SnapshotPlugin("bin/Mine.dll", new string('1', 64)));
        var current = With(Runs, new SnapshotPlugin("/home/ci/checkout/bin/Mine.dll", new string('1', 64)));

        Assert.Equal(RegressionVerdict.Holds, RegressionComparer.Compare(baseline, current, RegressionTolerance.Default).Verdict);
    }

    [Fact]
    public void An_added_or_removed_plugin_is_changed_code_and_changed_data_comes_first()
    {
        var none = With(Runs);
        var one = With(Runs, new SnapshotPlugin("Mine.dll", new string('1', 64)));
        var report = RegressionComparer.Compare(none, one, RegressionTolerance.Default);
        Assert.Equal(RegressionVerdict.CodeChanged, report.Verdict);
        Assert.Null(Assert.Single(report.PluginChanges).Baseline);
        Assert.Null(Assert.Single(RegressionComparer.Compare(one, none, RegressionTolerance.Default).PluginChanges).Current);

        var otherData = new RegressionSnapshot("test-spec", "0.1.0", [Prices with { Sha256 = new string('f', 64) }, Funding], Runs, []);
        Assert.Equal(RegressionVerdict.DataChanged, RegressionComparer.Compare(one, otherData, RegressionTolerance.Default).Verdict);
    }

    [Fact]
    public void A_baseline_keeps_its_plugins_and_stays_byte_identical_without_them()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-baseline-").FullName;
        try
        {
            string path = Path.Combine(folder, "b.json");
            BaselineFile.Write(path, With(Runs, new SnapshotPlugin(Path.Combine(folder, "plugin", "Mine.dll"), new string('3', 64))));
            var read = BaselineFile.Read(path);
            var plugin = Assert.Single(read.Plugins);
            Assert.Equal("plugin/Mine.dll", plugin.Path);
            Assert.Equal(new string('3', 64), plugin.Sha256);

            BaselineFile.Write(path, With(Runs));
            Assert.DoesNotContain("plugins", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Empty(BaselineFile.Read(path).Plugins);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
