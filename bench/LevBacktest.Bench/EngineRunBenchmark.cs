using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

using LevBacktest.Core.Data;

namespace LevBacktest.Bench;

/// <summary>
/// One backtest over 1,000,000 hourly bars: fixed leverage, fixed 3 % stop, funding every 8 bars, mark price,
/// isolated margin, bracketed maintenance margin (see <see cref="EngineWorkload"/>). Target: ≥ 50 million
/// bar-steps per second on one core ("Mbar-steps/s" column) and no allocation in the bar loop: the allocation
/// reported must be about the per-run result arrays (5 × 8 MB = 40 MB) plus the funding records, nothing per bar.
/// Run: dotnet run -c Release --project bench/LevBacktest.Bench -- --filter '*EngineRunBenchmark*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BarStepsConfig))]
public class EngineRunBenchmark
{
    /// <summary>Bars per run.</summary>
    public const int Bars = 1_000_000;

    private MarketData _data = null!;

    /// <summary>Leverage under test.</summary>
    [Params(3.0, 20.0)]
    public double Leverage { get; set; }

    /// <summary>Builds the market once.</summary>
    [GlobalSetup]
    public void Setup() => _data = EngineWorkload.Market(Bars, seed: 42);

    /// <summary>One run; returns the final equity so the work cannot be dropped.</summary>
    [Benchmark]
    public double Run() => EngineWorkload.Run(_data, Leverage).Metrics.FinalEquity;

    private sealed class BarStepsConfig : ManualConfig
    {
        public BarStepsConfig() => AddColumn(new BarStepsColumn());
    }

    /// <summary>Bars simulated per second of mean time, in millions.</summary>
    private sealed class BarStepsColumn : IColumn
    {
        public string Id => nameof(BarStepsColumn);

        public string ColumnName => "Mbar-steps/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Bars simulated (10^6 per run) divided by the mean time, in millions per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNanoseconds is > 0 ? (Bars / meanNanoseconds.Value * 1e3).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "NA";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
