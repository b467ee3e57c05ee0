using System.Globalization;

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

using LevBacktest.Cli.Benchmarks;

namespace LevBacktest.Bench;

/// <summary>
/// The "Mbar-steps/s" column: a case's bar-steps (runs × bars) divided by its mean time, in millions per second.
/// One column for every engine benchmark; each says how many bar-steps one of its cases simulates.
/// </summary>
/// <param name="legend">What the bar-steps are, for the summary's legend.</param>
/// <param name="barStepsOf">Bar-steps one invocation of the case simulates, or null when unknown (shown as NA).</param>
internal sealed class BarStepsColumn(string legend, Func<BenchmarkCase, double?> barStepsOf) : IColumn
{
    /// <summary>The column of the issue-16 workload benchmarks: runs × bars of the case's <c>Workload</c> parameter.</summary>
    public static BarStepsColumn ForWorkloads() => new(
        "Runs × bars of the workload divided by the mean time, in millions per second",
        benchmarkCase => benchmarkCase.Parameters["Workload"] is string name ? BarSteps(BenchmarkWorkload.Get(name)) : null);

    private static double BarSteps(BenchmarkWorkload workload) => (double)workload.Plan().RunCount * workload.BarCount;

    public string Id => nameof(BarStepsColumn);

    public string ColumnName => "Mbar-steps/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNanoseconds is not > 0 || barStepsOf(benchmarkCase) is not double barSteps)
        {
            return "NA";
        }

        return (barSteps / meanNanoseconds.Value * 1e3).ToString("F1", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
