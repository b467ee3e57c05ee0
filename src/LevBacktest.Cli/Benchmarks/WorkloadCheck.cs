using System.Diagnostics;
using System.Globalization;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Cli.Benchmarks;

/// <summary>
/// <c>levbt bench --workload NAME</c>: runs one of issue 16's workloads (<see cref="BenchmarkWorkload"/>) in this
/// process through <see cref="ExperimentRunner.Stream"/>, as <c>levbt run</c> runs a sweep, but keeps nothing of
/// the runs (no results folder): the time printed is the engine's. Each pass is timed as wall time and as this
/// process's CPU time over the pass; the first pass includes compiling (JIT) what ReadyToRun did not precompile.
/// Ends with the whole process's CPU time and peak resident memory, the figures <c>/usr/bin/time</c> gives.
/// The authoritative figures come from BenchmarkDotNet (bench/LevBacktest.Bench, IssueWorkloadBenchmarks).
/// </summary>
internal static class WorkloadCheck
{
    /// <summary>
    /// The runs' own thread CPU time over a pass (what <c>levbt run --timings</c> calls the engine), without the other
    /// threads' work in the process CPU figure (tier-1 JIT, GC); empty where per-thread CPU time is unavailable.
    /// </summary>
    private static string EngineCpu(SweepCpuTimes engine)
        => ThreadCpuClock.IsAvailable ? string.Create(CultureInfo.InvariantCulture, $", of which the runs' threads {engine.EngineNanoseconds / 1e6:F1} ms") : string.Empty;

    /// <summary>Runs the workload and writes its report.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="threads">Worker threads, ≥ 1 (capped at the run count).</param>
    /// <param name="passes">Timed passes over the whole workload, ≥ 1.</param>
    /// <param name="output">Where the report goes.</param>
    /// <exception cref="ArgumentException"><paramref name="threads"/> or <paramref name="passes"/> is below 1.</exception>
    public static void Run(BenchmarkWorkload workload, int threads, int passes, TextWriter output)
    {
        if (threads < 1)
        {
            throw new ArgumentException($"--threads must be at least 1 (got {threads}).");
        }

        if (passes < 1)
        {
            throw new ArgumentException($"--repeat must be at least 1 (got {passes}).");
        }

        var spec = workload.Spec();
        output.WriteLine($"Workload {workload.Name}: {spec.Description ?? spec.Name} (bench/workloads/{workload.Name}.json)");

        var stopwatch = Stopwatch.StartNew();
        var market = workload.Market();
        double marketSeconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"market: {market.Count:N0} {workload.IntervalText} bars (levbt data synth --interval {(workload.BarIntervalMs == 60_000 ? "1m" : "1h")} --years 1) with zero funding every 8 h ({market.Funding.Count:N0} settlements), generated in {marketSeconds * 1e3:F1} ms"));

        var plan = workload.Plan();
        var brackets = workload.Brackets();
        int runThreads = Math.Min(threads, plan.RunCount);
        double barSteps = (double)plan.RunCount * market.Count;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"engine: {plan.RunCount:N0} run{(plan.RunCount == 1 ? string.Empty : "s")} × {market.Count:N0} bars = {barSteps:N0} bar-steps on {runThreads} thread{(runThreads == 1 ? string.Empty : "s")}, results dropped as each run ends"));

        // As levbt run does: the curve arrays and event lists are recycled from run to run (and from pass to pass,
        // so a repeated one-run workload measures the bar loop, not the kernel faulting in a fresh curve).
        var buffers = RunBufferPool.ForThreads(runThreads);
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = runThreads, RunBuffers = buffers };
        double bestWall = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
        double checksum = double.NaN;
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        for (int pass = 1; pass <= passes; pass++)
        {
            double sum = 0;
            var engine = new SweepCpuTimes();
            var cpuBefore = ProcessUsage.CpuTime();
            stopwatch.Restart();
            ExperimentRunner.Stream(plan, market, brackets, options with { CpuTimes = engine }, run => sum += run.Result.Metrics.FinalEquity, CancellationToken.None);
            double wall = stopwatch.Elapsed.TotalSeconds;
            var cpuAfter = ProcessUsage.CpuTime();
            double cpu = (cpuAfter.User - cpuBefore.User + (cpuAfter.System - cpuBefore.System)).TotalSeconds;
            if (pass > 1 && !sum.Equals(checksum))
            {
                throw new InvalidOperationException($"Pass {pass} of workload {workload.Name} gave a different sum of final equities ({sum:R}) than pass 1 ({checksum:R}).");
            }

            checksum = sum;
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpu);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"pass {pass}{(pass == 1 ? " (first)" : string.Empty)}: {wall * 1e3,10:F1} ms wall = {barSteps / wall / 1e6,6:F1} million bar-steps/s; process CPU {cpu * 1e3:F1} ms{EngineCpu(engine)}"));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"engine best: {bestWall * 1e3:F1} ms wall = {barSteps / bestWall / 1e6:F1} million bar-steps/s; CPU {bestCpu * 1e3:F1} ms = {barSteps / bestCpu / 1e6:F1} million bar-steps per CPU-second; sum of final equities {checksum.ToString("F2", CultureInfo.InvariantCulture)} USDT"));
        // Collections during the passes (a gen-2 one compacts the large-object heap under ConserveMemory) and how many
        // runs reused a finished run's buffers instead of allocating fresh curves.
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"garbage collections over the passes: {GC.CollectionCount(0) - collectionsBefore[0]} gen 0, {GC.CollectionCount(1) - collectionsBefore[1]} gen 1, {GC.CollectionCount(2) - collectionsBefore[2]} gen 2; {buffers.ReusedCount:N0} of {(long)plan.RunCount * passes:N0} runs reused a finished run's curve arrays and event lists"));
        var (user, system) = ProcessUsage.CpuTime();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"process: {(user + system).TotalSeconds:F2} s CPU ({user.TotalSeconds:F2} user + {system.TotalSeconds:F2} system) since start, peak RSS {ProcessUsage.PeakResidentBytes() / 1e6:F0} MB"));
    }
}
