using LevBacktest.Core.Experiments;
using LevBacktest.Core.Regression;

namespace LevBacktest.Core.Tests.Regression;

/// <summary>Small hand-made snapshots for the comparer and baseline tests.</summary>
internal static class SnapshotBuilder
{
    internal static readonly SnapshotDataFile Prices = new("prices", "data/prices.parquet", new string('a', 64), 100, 1_700_000_000_000, 1_700_356_400_000);
    internal static readonly SnapshotDataFile Funding = new("funding", "data/funding.parquet", new string('b', 64), 13, 1_700_006_400_000, 1_700_352_000_000);

    internal static SnapshotRun Run(int index, double leverage, params (string Name, double Value)[] metrics)
        => new(index, [new SnapshotParameter("leverage", SpecValue.FromNumber(leverage))], metrics.Select(m => new KeyValuePair<string, double>(m.Name, m.Value)).ToList());

    internal static RegressionSnapshot Snapshot(params SnapshotRun[] runs) => Snapshot([Prices, Funding], runs);

    internal static RegressionSnapshot Snapshot(SnapshotDataFile[] files, params SnapshotRun[] runs) => new("test-spec", "0.1.0", files, runs);
}
