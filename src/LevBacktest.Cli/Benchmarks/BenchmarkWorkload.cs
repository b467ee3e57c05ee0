using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Strategies;

namespace LevBacktest.Cli.Benchmarks;

/// <summary>
/// One of issue 16's benchmark workloads (W1, W2, W3, S1, S2), in process: the spec is bench/workloads/NAME.json
/// (embedded in this assembly, so the installed tool has it too), the market is the one-year
/// <c>levbt data synth --interval 1m|1h --years 1</c> market (seed 7, from 2023-01-01) with its funding replaced
/// by a zero rate every 8 h, exactly what bench/workloads/run.sh feeds <c>levbt run</c> from files.
/// Shared with bench/LevBacktest.Bench (linked source), so BenchmarkDotNet and <c>levbt bench --workload</c>
/// time the same thing.
/// </summary>
internal sealed record BenchmarkWorkload
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;
    private const long FundingIntervalMs = 8 * HourMs;

    private BenchmarkWorkload(string name, long barIntervalMs)
    {
        Name = name;
        BarIntervalMs = barIntervalMs;
    }

    /// <summary>The workloads, in the issue's order.</summary>
    public static IReadOnlyList<BenchmarkWorkload> All { get; } =
    [
        new("w1", MinuteMs),
        new("w2", MinuteMs),
        new("w3", MinuteMs),
        new("s1", HourMs),
        new("s2", MinuteMs),
    ];

    /// <summary>The names accepted by <c>levbt bench --workload</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();

    /// <summary>Lower-case name: w1, w2, w3, s1 or s2 (the spec file's name without .json).</summary>
    public string Name { get; }

    /// <summary>Bar interval of the synthetic year, ms: one minute, or one hour for S1.</summary>
    public long BarIntervalMs { get; }

    /// <summary>The workload named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such workload (the message lists the names).</exception>
    public static BenchmarkWorkload Get(string name)
        => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"--workload '{name}' is not a workload; choose one of {string.Join(", ", Names)}.");

    /// <summary>The spec text, bench/workloads/NAME.json as shipped.</summary>
    public string SpecJson
    {
        get
        {
            string resource = $"LevBacktest.Cli.Workloads.{Name}.json";
            using var stream = typeof(BenchmarkWorkload).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The workload spec {resource} is not embedded in {typeof(BenchmarkWorkload).Assembly.GetName().Name}.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The bound spec (its data paths are not read: <see cref="Market"/> stands in for them).</summary>
    public ExperimentSpec Spec() => ExperimentSpecReader.Parse(SpecJson, Path.GetTempPath());

    /// <summary>The plan of <see cref="Spec"/> with the built-in strategies.</summary>
    public ExperimentPlan Plan() => ExperimentPlan.Create(Spec(), BuiltInStrategies.CreateCatalog());

    /// <summary>The spec's margin tiers (a flat maintenance rate with a maximum leverage).</summary>
    public LeverageBracketSchedule Brackets() => SimulationSettingsFactory.LoadBrackets(Spec().Instrument);

    /// <summary>
    /// The synthetic year (525,600 one-minute or 8,760 hourly bars with mark prices) and zero-rate funding at
    /// 00:00, 08:00 and 16:00 UTC of each of its 365 days (1,095 settlements).
    /// </summary>
    public MarketData Market()
    {
        var synthetic = SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { Years = 1, IntervalMs = BarIntervalMs });
        long start = synthetic.OpenTimeMs.Span[0];
        int settlements = checked((int)(365 * 86_400_000L / FundingIntervalMs));
        var times = new long[settlements];
        for (int k = 0; k < settlements; k++)
        {
            times[k] = start + (k * FundingIntervalMs);
        }

        var funding = new FundingEvents(times, new double[settlements], ReadOnlyMemory<double>.Empty);
        return new MarketData(
            synthetic.Symbol,
            synthetic.BarIntervalMs,
            synthetic.OpenTimeMs,
            synthetic.Open,
            synthetic.High,
            synthetic.Low,
            synthetic.Close,
            synthetic.Volume,
            synthetic.MarkOpen,
            synthetic.MarkHigh,
            synthetic.MarkLow,
            synthetic.MarkClose,
            funding);
    }

    /// <summary>Bars of the synthetic year: 525,600 one-minute or 8,760 hourly bars.</summary>
    public int BarCount => checked((int)(365 * 86_400_000L / BarIntervalMs));

    /// <summary>"one-minute" or "one-hour".</summary>
    public string IntervalText => BarIntervalMs == MinuteMs ? "one-minute" : "one-hour";
}
