using System.Diagnostics;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>
/// ThreadCpuClock and ExperimentRunOptions.CpuTimes: the clock counts the calling thread's CPU (not its waiting), the
/// sweep's split puts the runs in "engine" and the consumer in "hand-over", never more than the process used, and
/// measuring changes no result.
/// </summary>
public sealed class SweepCpuTimesTests
{
    private static readonly LevBacktest.Core.Data.MarketData Market = ExperimentRunnerTests.Market;
    private static readonly LevBacktest.Core.Margin.LeverageBracketSchedule Flat = ExperimentRunnerTests.Flat;

    private static ExperimentPlan SweepPlan() => ExperimentRunnerTests.SweepPlan();

    private static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsWindows();

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Spins on the calling thread until its CPU clock has advanced by <paramref name="nanoseconds"/>.</summary>
    private static long Burn(long nanoseconds)
    {
        long start = ThreadCpuClock.Now();
        long spins = 0;
        while (ThreadCpuClock.Now() - start < nanoseconds)
        {
            spins++;
        }

        return spins;
    }

    [Fact]
    public void The_thread_clock_counts_work_and_not_sleep()
    {
        Assert.Equal(Supported && Environment.Is64BitProcess, ThreadCpuClock.IsAvailable);
        if (!ThreadCpuClock.IsAvailable)
        {
            Assert.Equal(0, ThreadCpuClock.Now());
            Assert.Contains("not available", ThreadCpuClock.UnavailableReason, StringComparison.Ordinal);
            return;
        }

        Assert.Empty(ThreadCpuClock.UnavailableReason);

        // 30 ms of this thread's CPU cannot take less than 30 ms of wall time, whatever the load.
        var wall = Stopwatch.StartNew();
        long before = ThreadCpuClock.Now();
        Burn(30_000_000);
        long worked = ThreadCpuClock.Now() - before;
        Assert.InRange(worked, 30_000_000, (long)(wall.Elapsed.TotalSeconds * 1e9) + 1_000_000);

        // Sleeping 200 ms costs (nearly) no CPU.
        before = ThreadCpuClock.Now();
        Thread.Sleep(200);
        Assert.InRange(ThreadCpuClock.Now() - before, 0, 20_000_000);
    }

    [Fact]
    public void The_consumer_is_counted_as_hand_over_and_the_runs_as_engine()
    {
        if (!ThreadCpuClock.IsAvailable)
        {
            return;
        }

        var plan = SweepPlan();
        var times = new SweepCpuTimes();
        const long consumerWork = 10_000_000; // 10 ms of CPU per run, in the consumer
        double processBefore = ProcessCpuSeconds();
        ExperimentRunner.Stream(plan, Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 2, CpuTimes = times }, _ => Burn(consumerWork), CancellationToken.None);
        double processUsed = ProcessCpuSeconds() - processBefore;

        Assert.Equal(plan.RunCount, times.RunCount);
        Assert.True(times.EngineNanoseconds > 0, "the runs used no CPU");
        Assert.InRange(times.HandOverNanoseconds, plan.RunCount * consumerWork, long.MaxValue);

        // Both are parts of what the process used over the sweep (the process figure is in clock ticks: allow 2 of 10 ms).
        Assert.True((times.EngineNanoseconds + times.HandOverNanoseconds) / 1e9 <= processUsed + 0.02,
            $"engine {times.EngineNanoseconds / 1e9} s + hand-over {times.HandOverNanoseconds / 1e9} s > process {processUsed} s");

        // The consumer's 10 ms per run are not in the engine: the runs of this plan alone take far less than 120 ms each.
        var alone = new SweepCpuTimes();
        ExperimentRunner.Stream(plan, Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 2, CpuTimes = alone }, _ => { }, CancellationToken.None);
        Assert.True(times.EngineNanoseconds < alone.EngineNanoseconds + (plan.RunCount * consumerWork / 2),
            $"engine {times.EngineNanoseconds / 1e9} s with a busy consumer vs {alone.EngineNanoseconds / 1e9} s without");
    }

    [Fact]
    public void Measuring_changes_no_result()
    {
        var plan = SweepPlan();
        var plain = new List<RunOutcome>();
        var measured = new List<RunOutcome>();
        ExperimentRunner.Stream(plan, Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 3 }, plain.Add, CancellationToken.None);
        var times = new SweepCpuTimes();
        ExperimentRunner.Stream(plan, Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 3, CpuTimes = times }, measured.Add, CancellationToken.None);

        Assert.Equal(plain.Count, measured.Count);
        for (int r = 0; r < plain.Count; r++)
        {
            Assert.Equal(plain[r].Point.RunIndex, measured[r].Point.RunIndex);
            Assert.Equal(plain[r].Result.Metrics.ToNamedValues(), measured[r].Result.Metrics.ToNamedValues());
            Assert.Equal(plain[r].Result.EquityCurve.Equity, measured[r].Result.EquityCurve.Equity);
            Assert.Equal(plain[r].Result.Trades, measured[r].Result.Trades);
        }

        // Several sweeps add up in one instance.
        ExperimentRunner.Stream(plan, Market, Flat, new ExperimentRunOptions { MaxDegreeOfParallelism = 1, CpuTimes = times }, _ => { }, CancellationToken.None);
        Assert.Equal(2 * plan.RunCount, times.RunCount);
    }
}
