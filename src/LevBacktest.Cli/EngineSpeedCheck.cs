using System.Diagnostics;
using System.Globalization;

using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;
using LevBacktest.Core.Experiments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Strategies;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Cli;

/// <summary>
/// The engine part of <c>levbt bench</c>: one backtest over N one-minute bars of the synthetic market (mark price,
/// funding every 8 h), buy-and-hold long at 3x fixed leverage with a fixed 3 % stop on isolated margin, timed
/// R times; then a sweep of M runs (leverages 1x … Mx) over N / 10 bars through <see cref="ExperimentRunner"/>
/// on one thread and on every core. The authoritative figures come from BenchmarkDotNet
/// (bench/LevBacktest.Bench, EngineRunBenchmark and EngineSweepBenchmark).
/// </summary>
internal static class EngineSpeedCheck
{
    private const long MinuteMs = 60_000;
    private const double MinutesPerYear = 365 * 24 * 60;

    /// <summary>Runs the check and writes its report.</summary>
    /// <param name="barCount">Bars of the single run, ≥ 10 (0 skips the whole check).</param>
    /// <param name="sweepRuns">Runs of the sweep, 0 … 1000 (0 skips the sweep).</param>
    /// <param name="repeat">Timed repetitions of each measurement, ≥ 1.</param>
    /// <param name="output">Where the report goes.</param>
    /// <exception cref="ArgumentException">A count is out of range (the option is named).</exception>
    public static void Run(int barCount, int sweepRuns, int repeat, TextWriter output)
    {
        Validate(barCount, sweepRuns);
        if (barCount == 0)
        {
            return;
        }

        var market = Market(barCount);
        var settings = new SimulationSettings
        {
            InitialCapital = 10_000,
            Leverage = 3,
            MarginMode = MarginMode.Isolated,
            IsolatedAllocation = 0.5,
            Brackets = LeverageBracketSchedule.FlatRate(0.004, 125),
            TakerFeeRate = 0.0004,
            Slippage = SlippageModel.Fixed(2),
        };
        RunResult RunOnce() => Backtester.Run(market, settings, new BuyAndHoldSignal(1), new FixedLeverageSizing(), new FixedPercentStopLoss(0.03));

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Engine benchmark: {barCount:N0} one-minute bars (synthetic, mark price, funding every 8 h), buy-and-hold long, fixed leverage 3x, fixed 3 % stop, isolated"));
        RunOnce(); // JIT warm-up
        var seconds = new double[repeat];
        long allocated = 0;
        int trades = 0;
        for (int i = 0; i < repeat; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            var result = RunOnce();
            seconds[i] = stopwatch.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            trades = result.Trades.Count;
        }

        Array.Sort(seconds);
        double best = seconds[0], median = seconds[repeat / 2];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"one run:            best {best * 1e3,9:F1} ms = {barCount / best / 1e6,6:F1} million bar-steps/s, median {median * 1e3:F1} ms, {trades} trades, allocated {allocated / 1e6:F1} MB per run"));

        if (sweepRuns > 0)
        {
            Sweep(Math.Max(10, barCount / 10), sweepRuns, repeat, output);
        }
    }

    /// <summary>Checks the counts before anything is timed.</summary>
    /// <param name="barCount">Bars of the single run: 0 or ≥ 10.</param>
    /// <param name="sweepRuns">Runs of the sweep: 0 … 1000.</param>
    /// <exception cref="ArgumentException">A count is out of range (the option is named).</exception>
    public static void Validate(int barCount, int sweepRuns)
    {
        if (barCount != 0 && barCount < 10)
        {
            throw new ArgumentException($"--engine-bars must be 0 (skip) or at least 10 (got {barCount}).");
        }

        if (sweepRuns is < 0 or > 1000)
        {
            throw new ArgumentException($"--sweep-runs must be between 0 (skip) and 1000 (got {sweepRuns}).");
        }
    }

    private static MarketData Market(int barCount) => SyntheticMarketGenerator.Generate(new SyntheticMarketOptions
    {
        Seed = 42,
        Years = barCount / MinutesPerYear,
        IntervalMs = MinuteMs,
    });

    private static void Sweep(int barCount, int runs, int repeat, TextWriter output)
    {
        var market = Market(barCount);
        string leverages = string.Join(", ", Enumerable.Range(1, runs).Select(l => l.ToString(CultureInfo.InvariantCulture)));
        var spec = ExperimentSpecReader.Parse(
            $$"""
            {
              "name": "levbt-bench-sweep",
              "data": { "prices": "in-memory.parquet" },
              "instrument": {
                "maintenanceMarginRate": 0.004, "maxLeverage": 125, "marginMode": "isolated", "isolatedAllocation": 0.5,
                "takerFeeRate": 0.0004, "slippage": { "basisPoints": 2 }
              },
              "initialCapital": 10000,
              "strategy": { "signal": "buy-and-hold-long", "sizing": "fixed-leverage", "stop": { "name": "fixed-percent", "parameters": { "distance": 0.03 } } },
              "sweep": { "leverage": [{{leverages}}] }
            }
            """,
            Path.GetTempPath());
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        var brackets = LeverageBracketSchedule.FlatRate(0.004, 125);
        double Time(int threads)
        {
            var options = new ExperimentRunOptions { MaxDegreeOfParallelism = threads };
            ExperimentRunner.Run(plan, market, brackets, options, CancellationToken.None); // warm-up
            double best = double.PositiveInfinity;
            for (int i = 0; i < repeat; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                ExperimentRunner.Run(plan, market, brackets, options, CancellationToken.None);
                best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
            }

            return best;
        }

        int cores = Environment.ProcessorCount;
        double one = Time(1);
        double all = Time(cores);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep of {runs} runs × {barCount:N0} bars: 1 thread best {one * 1e3:F1} ms, {cores} threads best {all * 1e3:F1} ms = {one / all:F2}× speed-up ({(double)runs * barCount / all / 1e6:F1} million bar-steps/s)"));
    }
}
