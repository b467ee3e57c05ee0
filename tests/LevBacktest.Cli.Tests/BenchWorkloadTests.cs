using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

using LevBacktest.Cli.Benchmarks;
using LevBacktest.Core.Experiments;

namespace LevBacktest.Cli.Tests;

/// <summary><c>levbt bench --workload</c>: issue 16's workloads in process (behaviour, not timings).</summary>
public sealed class BenchWorkloadTests
{
    private static (int ExitCode, string Output, string Error) Levbt(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("w1", 1, 525_600)]
    [InlineData("w2", 1, 525_600)]
    [InlineData("w3", 20, 525_600)]
    [InlineData("s1", 10_000, 8_760)]
    [InlineData("s2", 1_000, 525_600)]
    public void Workloads_HaveTheIssuesRunAndBarCounts(string name, int runs, int bars)
    {
        var workload = BenchmarkWorkload.Get(name);
        Assert.Equal(runs, workload.Plan().RunCount);
        Assert.Equal(bars, workload.BarCount);

        // The spec is bench/workloads/NAME.json as shipped; its data folder names the interval the market is built at.
        string file = File.ReadAllText(Path.Combine(RunTestSupport.RepositoryRoot, "bench", "workloads", name + ".json"));
        Assert.Equal(file, workload.SpecJson);
        Assert.Contains(bars == 8_760 ? "data/1h/" : "data/1m/", workload.Spec().Data.PricesPath.Replace('\\', '/'), StringComparison.Ordinal);
        var instrument = workload.Spec().Instrument;
        Assert.Equal(0.0004, instrument.TakerFeeRate);
        Assert.Equal(0.0004, instrument.MakerFeeRate);
    }

    [Fact]
    public void Market_IsTheSynthYearWithZeroFundingEveryEightHours()
    {
        var market = BenchmarkWorkload.Get("s1").Market();
        Assert.Equal(8_760, market.Count);
        Assert.Equal(1_672_531_200_000, market.OpenTimeMs.Span[0]); // 2023-01-01T00:00Z, levbt data synth's default start
        var times = market.Funding.TimeMs.Span;
        Assert.Equal(365 * 3, times.Length);
        for (int k = 0; k < times.Length; k++)
        {
            Assert.Equal(1_672_531_200_000 + (k * 28_800_000L), times[k]);
            Assert.Equal(0.0, market.Funding.Rate.Span[k]);
        }

        Assert.Equal(market.Count, market.MarkClose.Length);
    }

    [Fact]
    public void WorkloadW1_ReportsItsSizePassesAndProcessFigures()
    {
        var (code, output, error) = Levbt("bench", "--workload", "w1", "--repeat", "2");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("Workload w1: W1: always long at 3x", output, StringComparison.Ordinal);
        Assert.Contains("market: 525,600 one-minute bars (levbt data synth --interval 1m --years 1) with zero funding every 8 h (1,095 settlements)", output);
        Assert.Contains("engine: 1 run × 525,600 bars = 525,600 bar-steps on 1 thread", output);
        var first = Regex.Match(output, @"^pass 1 \(first\): +[\d.]+ ms wall = +[\d.]+ million bar-steps/s; process CPU ([\d.]+) ms, of which the runs' threads ([\d.]+) ms$", RegexOptions.Multiline);
        Assert.True(first.Success, output);

        // The runs' thread CPU is part of the process's over the pass (clock ticks of 10 ms on the process side).
        double passCpu = double.Parse(first.Groups[1].Value, CultureInfo.InvariantCulture), runsCpu = double.Parse(first.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(runsCpu, 0.001, passCpu + 20);
        Assert.Matches(new Regex(@"^pass 2: +[\d.]+ ms wall", RegexOptions.Multiline), output);
        Assert.DoesNotMatch(new Regex(@"^pass 3", RegexOptions.Multiline), output);

        var best = Regex.Match(output, @"^engine best: ([\d.]+) ms wall = ([\d.]+) million bar-steps/s; CPU [\d.]+ ms = [\d.]+ million bar-steps per CPU-second; sum of final equities ([\d.]+) USDT$", RegexOptions.Multiline);
        Assert.True(best.Success, output);

        // Bar-steps per second is the bar count over the best time, both printed rounded (time to 0.05 ms, rate to 0.05).
        double milliseconds = double.Parse(best.Groups[1].Value, CultureInfo.InvariantCulture);
        double millionsPerSecond = double.Parse(best.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(millionsPerSecond, (0.5256 / ((milliseconds + 0.05) / 1e3)) - 0.05, (0.5256 / ((milliseconds - 0.05) / 1e3)) + 0.05);

        // One run per pass on one thread: the second pass's run reuses the first's buffers.
        Assert.Matches(new Regex(@"^garbage collections over the passes: \d+ gen 0, \d+ gen 1, \d+ gen 2; 1 of 2 runs reused a finished run's curve arrays and event lists$", RegexOptions.Multiline), output);

        var process = Regex.Match(output, @"^process: ([\d.]+) s CPU \(([\d.]+) user \+ ([\d.]+) system\) since start, peak RSS (\d+) MB$", RegexOptions.Multiline);
        Assert.True(process.Success, output);

        // The year's 11 per-bar columns alone are 46 MB: a smaller peak would not be this process's.
        Assert.True(int.Parse(process.Groups[4].Value, CultureInfo.InvariantCulture) >= 46, output);
    }

    [Fact]
    public void WorkloadW1_InProcessGivesTheFinalEquityOfLevbtRunOnTheSynthFiles()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-bench-w1-").FullName;
        try
        {
            // What bench/workloads/run.sh does: levbt data synth, a zero-funding CSV, then levbt run on w1.json.
            string data = Path.Combine(folder, "data", "1m");
            Assert.Equal(0, Levbt("data", "synth", "--out", data, "--interval", "1m", "--years", "1").ExitCode);
            var lines = new List<string> { "funding_time,funding_rate" };
            for (long t = 1_672_531_200_000; t < 1_672_531_200_000 + (365 * 86_400_000L); t += 28_800_000)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t},0"));
            }

            File.WriteAllLines(Path.Combine(data, "zero-funding.csv"), lines);
            string spec = Path.Combine(folder, "w1.json");
            File.WriteAllText(spec, BenchmarkWorkload.Get("w1").SpecJson);
            string results = Path.Combine(folder, "results");
            var run = Levbt("run", spec, "--out", results, "--no-charts", "--equity", "none");
            Assert.True(run.ExitCode == 0, run.Error);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json")));
            double fromFiles = summary.RootElement.GetProperty("runs")[0].GetProperty("metrics").GetProperty("finalEquity").GetDouble();

            var workload = BenchmarkWorkload.Get("w1");
            var inProcess = ExperimentRunner.RunOne(workload.Plan(), workload.Market(), workload.Brackets(), 0).Result.Metrics;
            Assert.Equal(fromFiles, inProcess.FinalEquity);
            Assert.True(inProcess.TradeCount > 1, "W1 re-enters after its stops: more than one trade in a year");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UnknownWorkload_IsRejectedByTheParser()
    {
        var (code, _, error) = Levbt("bench", "--workload", "w9");
        Assert.Equal(2, code);
        Assert.StartsWith("levbt: error: ", error);
        Assert.Contains("w9", error);
    }

    [Fact]
    public void ZeroThreads_IsAnErrorLine()
    {
        var (code, _, error) = Levbt("bench", "--workload", "w1", "--threads", "0");
        Assert.Equal(2, code);
        Assert.Equal("levbt: error: --threads must be at least 1 (got 0)." + Environment.NewLine, error);
    }

    [Fact]
    public void PeakResidentMemory_IsAtLeastTheResidentMemoryBeforeIt()
    {
        long resident = Environment.WorkingSet;
        Assert.True(ProcessUsage.PeakResidentBytes() >= resident);
        var (user, system) = ProcessUsage.CpuTime();
        Assert.True(user + system > TimeSpan.Zero);
    }
}
