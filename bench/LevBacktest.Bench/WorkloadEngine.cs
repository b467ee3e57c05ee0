using LevBacktest.Cli.Benchmarks;
using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Bench;

/// <summary>
/// One issue-16 workload ready to run: its synthetic year and bound plan, built once, run through
/// <see cref="ExperimentRunner.Stream"/> on every core (capped at the run count) with each run dropped as it ends and
/// its curve arrays and event lists recycled (<see cref="RunBufferPool"/>, kept across invocations), as <c>levbt run</c>
/// and <c>levbt bench --workload</c> run a sweep.
/// </summary>
internal sealed class WorkloadEngine
{
    private readonly MarketData _data;
    private readonly ExperimentPlan _plan;
    private readonly LeverageBracketSchedule _brackets;
    private readonly ExperimentRunOptions _options;

    /// <summary>Builds the workload named <paramref name="name"/>.</summary>
    public WorkloadEngine(string name)
    {
        var workload = BenchmarkWorkload.Get(name);
        _data = workload.Market();
        _plan = workload.Plan();
        _brackets = workload.Brackets();
        int threads = Math.Min(Environment.ProcessorCount, _plan.RunCount);
        _options = new ExperimentRunOptions { MaxDegreeOfParallelism = threads, RunBuffers = RunBufferPool.ForThreads(threads) };
    }

    /// <summary>Runs every run; returns the sum of final equities so the work cannot be dropped.</summary>
    public double Run()
    {
        double sum = 0;
        ExperimentRunner.Stream(_plan, _data, _brackets, _options, run => sum += run.Result.Metrics.FinalEquity, CancellationToken.None);
        return sum;
    }
}
