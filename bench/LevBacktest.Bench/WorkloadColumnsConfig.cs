using BenchmarkDotNet.Configs;

namespace LevBacktest.Bench;

/// <summary>Config of the issue-16 workload benchmarks: adds <see cref="BarStepsColumn.ForWorkloads"/>.</summary>
internal sealed class WorkloadColumnsConfig : ManualConfig
{
    public WorkloadColumnsConfig() => AddColumn(BarStepsColumn.ForWorkloads());
}
