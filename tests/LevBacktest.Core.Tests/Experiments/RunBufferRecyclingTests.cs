using System.Text.Json.Nodes;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>
/// <see cref="ExperimentRunOptions.RunBuffers"/>: a streamed sweep that recycles its runs' curve arrays and event lists
/// gives the same runs and the same results folder as one that does not, whatever the thread count; the buffers really
/// are reused; and a consumer must copy what it keeps.
/// </summary>
public sealed class RunBufferRecyclingTests : IDisposable
{
    private static readonly LeverageBracketSchedule Flat = LeverageBracketSchedule.FlatRate(0.004, 125);
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-recycle").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>What a run produced, copied out of whatever buffers it was written into.</summary>
    private sealed record CopiedRun(
        int RunIndex,
        IReadOnlyList<KeyValuePair<string, double>> Metrics,
        double[][] Curve,
        TradeRecord[] Trades,
        LiquidationRecord[] Liquidations,
        FundingPaymentRecord[] Funding,
        StopEventRecord[] Stops)
    {
        public static CopiedRun Of(RunOutcome run)
        {
            var r = run.Result;
            var c = r.EquityCurve;
            return new CopiedRun(
                run.Point.RunIndex,
                [.. r.Metrics.ToNamedValues()],
                [(double[])c.Equity.Clone(), (double[])c.PositionNotional.Clone(), (double[])c.EffectiveLeverage.Clone(), (double[])c.MarginRatio.Clone(), (double[])c.LiquidationPrice.Clone()],
                [.. r.Trades],
                [.. r.Liquidations],
                [.. r.FundingPayments],
                [.. r.StopEvents]);
        }
    }

    private static List<CopiedRun> Copied(ExperimentOutcome outcome) => [.. outcome.Runs.Select(CopiedRun.Of)];

    private static ExperimentOutcome Unrecycled() => ExperimentRunner.Run(
        ResultsFixture.Outcome.Plan, ResultsFixture.Outcome.Data, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 1 }, CancellationToken.None);

    private static void AssertSameRuns(IReadOnlyList<CopiedRun> expected, IReadOnlyList<CopiedRun> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].RunIndex, actual[r].RunIndex);
            Assert.Equal(expected[r].Metrics, actual[r].Metrics);
            for (int column = 0; column < expected[r].Curve.Length; column++)
            {
                // Bit for bit (NaN liquidation prices included), not within a tolerance.
                Assert.Equal(
                    expected[r].Curve[column].Select(BitConverter.DoubleToInt64Bits),
                    actual[r].Curve[column].Select(BitConverter.DoubleToInt64Bits));
            }

            Assert.Equal(expected[r].Trades, actual[r].Trades);
            Assert.Equal(expected[r].Liquidations, actual[r].Liquidations);
            Assert.Equal(expected[r].Funding, actual[r].Funding);
            Assert.Equal(expected[r].Stops, actual[r].Stops);
        }
    }

    [Fact]
    public void The_fixture_sweep_has_events_of_every_kind_and_runs_of_different_lengths_of_lists()
    {
        var runs = Unrecycled().Runs;
        Assert.Contains(runs, r => r.Result.Liquidations.Count > 0);
        Assert.Contains(runs, r => r.Result.Liquidations.Count == 0);
        Assert.Contains(runs, r => r.Result.StopEvents.Count > 0);
        Assert.True(runs.Select(r => r.Result.Trades.Count).Distinct().Count() > 1, "a reused list must shrink as well as grow");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_recycling_sweep_gives_every_run_value_for_value(int threads)
    {
        var expected = Copied(Unrecycled());
        var outcome = ResultsFixture.Outcome;
        var pool = RunBufferPool.ForThreads(threads);
        var actual = new List<CopiedRun>();
        ExperimentRunner.Stream(outcome.Plan, outcome.Data, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = threads, RunBuffers = pool }, run => actual.Add(CopiedRun.Of(run)), CancellationToken.None);
        AssertSameRuns(expected, actual);

        // 12 runs, at most threads + window of them held at once: the rest ran in buffers given back.
        Assert.InRange(pool.ReusedCount, 12 - (threads + ExperimentRunner.ReorderWindow), 11);
    }

    [Fact]
    public void On_one_thread_every_run_reuses_the_first_runs_arrays_and_lists()
    {
        var outcome = ResultsFixture.Outcome;
        var pool = new RunBufferPool(1);
        var equityArrays = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var tradeLists = new HashSet<object>(ReferenceEqualityComparer.Instance);
        double[]? firstRunEquity = null;
        double[]? firstRunEquityCopy = null;
        ExperimentRunner.Stream(outcome.Plan, outcome.Data, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 1, RunBuffers = pool }, run =>
        {
            equityArrays.Add(run.Result.EquityCurve.Equity);
            equityArrays.Add(run.Result.EquityCurve.MarginRatio);
            tradeLists.Add(run.Result.Trades);
            if (run.Point.RunIndex == 0)
            {
                firstRunEquity = run.Result.EquityCurve.Equity; // wrong: kept without copying
                firstRunEquityCopy = (double[])run.Result.EquityCurve.Equity.Clone(); // right
            }
        }, CancellationToken.None);

        Assert.Equal(2, equityArrays.Count); // one Equity and one MarginRatio array for all 12 runs
        Assert.Single(tradeLists);
        Assert.Equal(11, pool.ReusedCount);
        Assert.Equal(1, pool.Available);

        // The copy still holds run 0's curve; the kept reference now holds the last run's (run 11, another leverage).
        var unrecycled = Unrecycled();
        Assert.Equal(unrecycled.Runs[0].Result.EquityCurve.Equity, firstRunEquityCopy);
        Assert.Equal(unrecycled.Runs[11].Result.EquityCurve.Equity, firstRunEquity);
        Assert.NotEqual(unrecycled.Runs[0].Result.EquityCurve.Equity, unrecycled.Runs[11].Result.EquityCurve.Equity);
    }

    [Fact]
    public void Run_keeps_every_run_in_its_own_arrays_even_when_given_a_pool()
    {
        var outcome = ResultsFixture.Outcome;
        var pool = RunBufferPool.ForThreads(2);
        var kept = ExperimentRunner.Run(outcome.Plan, outcome.Data, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 2, RunBuffers = pool }, CancellationToken.None);
        Assert.Equal(12, kept.Runs.Select(r => r.Result.EquityCurve.Equity).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(0, pool.ReusedCount);
        Assert.Equal(0, pool.Available);
        AssertSameRuns(Copied(Unrecycled()), Copied(kept));
    }

    [Fact]
    public void A_result_goes_back_once_and_only_to_its_own_pool()
    {
        var outcome = ResultsFixture.Outcome;
        var pool = new RunBufferPool(4);
        var other = new RunBufferPool(4);
        var result = ExperimentRunner.RunOne(outcome.Plan, outcome.Data, Flat, 0, pool).Result;
        var fresh = ExperimentRunner.RunOne(outcome.Plan, outcome.Data, Flat, 0).Result;
        Assert.False(other.Return(result));
        Assert.False(pool.Return(fresh));
        Assert.True(pool.Return(result));
        Assert.False(pool.Return(result));
        Assert.Equal(1, pool.Available);
        var again = ExperimentRunner.RunOne(outcome.Plan, outcome.Data, Flat, 0, pool).Result;
        Assert.Same(result.EquityCurve.Equity, again.EquityCurve.Equity);
        Assert.Equal(fresh.EquityCurve.Equity, again.EquityCurve.Equity);
        Assert.Equal(fresh.Trades, again.Trades);
    }

    [Fact]
    public void A_set_of_another_bar_count_is_not_handed_out()
    {
        var outcome = ResultsFixture.Outcome;
        var pool = new RunBufferPool(4);
        var full = ExperimentRunner.RunOne(outcome.Plan, outcome.Data, Flat, 3, pool).Result;
        Assert.True(pool.Return(full));
        var times = outcome.Data.OpenTimeMs.Span;
        var shorter = outcome.Data.Slice(times[0], times[^100]);
        var cut = ExperimentRunner.RunOne(outcome.Plan, shorter, Flat, 3, pool).Result;
        Assert.Equal(outcome.Data.Count - 100, shorter.Count);
        Assert.Equal(shorter.Count, cut.EquityCurve.Count);
        Assert.NotSame(full.EquityCurve.Equity, cut.EquityCurve.Equity);
        Assert.Equal(0, pool.ReusedCount);
        Assert.Equal(ExperimentRunner.RunOne(outcome.Plan, shorter, Flat, 3).Result.EquityCurve.Equity, cut.EquityCurve.Equity);
    }

    public static TheoryData<string, int> Storages => new()
    {
        { "full", 1 },
        { "full", 3 },
        { "downsampled:40", 1 },
        { "downsampled:40", 3 },
        { "downsampled:40+full", 3 },
        { "none", 3 },
    };

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_recycling_sweep_streams_the_same_folder_bytes(string storageText, int threads)
    {
        var outcome = ResultsFixture.Outcome;
        var storage = storageText.EndsWith("+full", StringComparison.Ordinal)
            ? EquityStorage.Parse(storageText[..^5], outcome.Plan.RunCount, outcome.Data.Count).WithFullRuns([1, 6, 11])
            : EquityStorage.Parse(storageText, outcome.Plan.RunCount, outcome.Data.Count);
        string plain = Stream("plain", storage, new ExperimentRunOptions { MaxDegreeOfParallelism = 1 });
        string recycled = Stream("recycled", storage, new ExperimentRunOptions { MaxDegreeOfParallelism = threads, RunBuffers = RunBufferPool.ForThreads(threads) });
        var files = Directory.GetFiles(plain).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(recycled).Select(Path.GetFileName).Order().ToArray());
        Assert.Contains("equity.parquet", files);
        Assert.Contains("summary.json", files);
        foreach (string? file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(plain, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(recycled, file!))), $"{file} differs");
        }
    }

    private string Stream(string name, EquityStorage storage, ExperimentRunOptions options)
    {
        var outcome = ResultsFixture.Outcome;
        string directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        var kept = new List<RunOutcome>();
        using (var writer = ResultsStreamWriter.Create(directory))
        {
            ExperimentRunner.Stream(outcome.Plan, outcome.Data, Flat, options, run => kept.Add(writer.Append(storage.Keep(run))), CancellationToken.None);
            writer.Complete(new ExperimentOutcome(outcome.Plan, outcome.Data, SweepShard.All, kept, storage), ResultsFixture.Provenance);
        }

        // What the consumer kept holds no reference to the recycled buffers.
        Assert.All(kept, r => Assert.Equal(0, r.Result.EquityCurve.Count));
        Assert.All(kept, r => Assert.Empty(r.Result.Trades));
        return directory;
    }
}
