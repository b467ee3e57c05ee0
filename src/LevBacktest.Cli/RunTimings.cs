using System.Diagnostics;
using System.Globalization;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt run --timings</c>: where this process's CPU time went, measured in the process itself so that "the engine's
/// share of the whole process" is one command. Phases are marked as <see cref="RunCommand"/> passes them; the engine's
/// and the hand-over's CPU come from <see cref="SweepCpuTimes"/> (per-thread CPU time summed over the runs), the
/// process's from its user + system CPU time (all threads, as <c>/usr/bin/time</c> reports it at exit).
/// </summary>
internal sealed class RunTimings
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly double _startedAfterExec = SecondsSinceProcessStart();
    private readonly List<(string Phase, double Wall, double ProcessCpu)> _marks = [];
    private (double User, double System) _last;

    /// <summary>The engine and hand-over CPU of the sweep; give it to <see cref="ExperimentRunOptions.CpuTimes"/>.</summary>
    public SweepCpuTimes Sweep { get; } = new();

    /// <summary>Starts timing (at the start of the command): what ran before it is the runtime's start-up.</summary>
    public RunTimings()
    {
        _marks.Add(("exec", -_startedAfterExec, 0));
        Mark("start-up");
    }

    /// <summary>The market data is loaded and checked.</summary>
    public void DataReady() => Mark("data ready");

    /// <summary>Every run has been handed to the writers.</summary>
    public void SweepDone() => Mark("sweep");

    /// <summary>The results tables and summary.json are complete.</summary>
    public void ResultsWritten() => Mark("results written");

    /// <summary>The charts and report are drawn.</summary>
    public void ChartsDone() => Mark("charts");

    /// <summary>Writes the report, one <c>levbt: timings:</c> line each, ending with the process's CPU time and the engine's share of it.</summary>
    /// <param name="error">Where the lines go (stderr).</param>
    public void Write(TextWriter error)
    {
        Mark("end");
        var invariant = CultureInfo.InvariantCulture;
        double processCpu = _marks[^1].ProcessCpu;
        for (int k = 1; k < _marks.Count; k++)
        {
            var (phase, wall, cpu) = _marks[k];
            var (_, previousWall, previousCpu) = _marks[k - 1];
            string detail = phase switch
            {
                "start-up" => " (runtime and levbt start until levbt run begins)",
                "data ready" => " (spec and plan read, market data read and checked)",
                "sweep" => SweepDetail(cpu - previousCpu),
                "results written" => " (tables closed, runs.parquet, summary.json)",
                "end" => " (summary table)",
                _ => string.Empty,
            };
            error.WriteLine(string.Create(invariant, $"levbt: timings: {phase,-15} {wall - previousWall,7:F3} s wall, process CPU {cpu - previousCpu,7:F3} s{detail}"));
        }

        var (user, system) = _last;
        error.WriteLine(string.Create(invariant, $"levbt: timings: process CPU {processCpu:F3} s ({user:F3} user + {system:F3} system) since it started, {_startedAfterExec + _marks[^1].Wall:F3} s wall; {GC.GetTotalAllocatedBytes() / 1e6:F0} MB allocated, {GC.CollectionCount(0)} gen-0, {GC.CollectionCount(1)} gen-1, {GC.CollectionCount(2)} gen-2 collections"));
        error.WriteLine(ThreadCpuClock.IsAvailable
            ? string.Create(invariant, $"levbt: timings: engine {Seconds(Sweep.EngineNanoseconds):F3} CPU-s = {100 * Seconds(Sweep.EngineNanoseconds) / processCpu:F1} % of the process CPU ({Sweep.RunCount:N0} runs)")
            : $"levbt: timings: engine CPU unknown: {ThreadCpuClock.UnavailableReason}");
    }

    private string SweepDetail(double phaseCpu)
    {
        if (!ThreadCpuClock.IsAvailable)
        {
            return $"; engine and hand-over unknown: {ThreadCpuClock.UnavailableReason}";
        }

        double engine = Seconds(Sweep.EngineNanoseconds), handOver = Seconds(Sweep.HandOverNanoseconds);
        return string.Create(CultureInfo.InvariantCulture,
            $": engine {engine:F3} CPU-s (the runs, summed over threads), hand-over {handOver:F3} CPU-s (progress, reorder, writers' Append, buffer recycling), other {phaseCpu - engine - handOver:F3} (JIT, GC, waiting)");
    }

    private void Mark(string phase)
    {
        _last = ProcessCpu();
        _marks.Add((phase, _wall.Elapsed.TotalSeconds, _last.User + _last.System));
    }

    private static double Seconds(long nanoseconds) => nanoseconds / 1e9;

    private static (double User, double System) ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return (process.UserProcessorTime.TotalSeconds, process.PrivilegedProcessorTime.TotalSeconds);
    }

    private static double SecondsSinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalSeconds;
    }
}
