using System.Globalization;

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

using LevBacktest.Cli.Benchmarks;

namespace LevBacktest.Bench;

/// <summary>Runs × bars of the case's <c>Workload</c> parameter divided by the mean time, in millions per second.</summary>
internal sealed class WorkloadBarStepsColumn : IColumn
{
    public string Id => nameof(WorkloadBarStepsColumn);

    public string ColumnName => "Mbar-steps/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Runs × bars of the workload divided by the mean time, in millions per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNanoseconds is not > 0 || benchmarkCase.Parameters["Workload"] is not string name)
        {
            return "NA";
        }

        var workload = BenchmarkWorkload.Get(name);
        double barSteps = (double)workload.Plan().RunCount * workload.BarCount;
        return (barSteps / meanNanoseconds.Value * 1e3).ToString("F1", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
