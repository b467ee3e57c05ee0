using System.Diagnostics;
using System.Globalization;

namespace LevBacktest.Cli.Benchmarks;

/// <summary>This process's CPU time and peak resident memory, as <c>/usr/bin/time</c> reports them at exit.</summary>
internal static class ProcessUsage
{
    /// <summary>User and system CPU time of every thread so far.</summary>
    public static (TimeSpan User, TimeSpan System) CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return (process.UserProcessorTime, process.PrivilegedProcessorTime);
    }

    /// <summary>
    /// Peak resident set size in bytes: Linux's VmHWM from /proc/self/status (what <c>/usr/bin/time</c> calls
    /// maximum resident set size), elsewhere the peak working set .NET reports.
    /// </summary>
    public static long PeakResidentBytes()
    {
        const string statusFile = "/proc/self/status";
        if (File.Exists(statusFile))
        {
            foreach (string line in File.ReadLines(statusFile))
            {
                // "VmHWM:    123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long kilobytes))
                {
                    return kilobytes * 1024;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
