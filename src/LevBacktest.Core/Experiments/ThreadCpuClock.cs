using System.Runtime.InteropServices;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// The calling thread's CPU time (user + system), for measuring where a sweep's CPU goes without counting the time a
/// thread waits: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> on Linux and macOS, <c>GetThreadTimes</c> on Windows.
/// Elsewhere (or if the call fails) <see cref="IsAvailable"/> is false and <see cref="Now"/> returns 0.
/// </summary>
public static partial class ThreadCpuClock
{
    // Clock ids from <time.h>: Linux CLOCK_THREAD_CPUTIME_ID = 3, macOS _CLOCK_THREAD_CPUTIME_ID = 16.
    private const int LinuxThreadClock = 3;
    private const int MacThreadClock = 16;

    private static readonly int UnixClockId =
        OperatingSystem.IsLinux() ? LinuxThreadClock : OperatingSystem.IsMacOS() ? MacThreadClock : -1;

    /// <summary>True when this platform gives per-thread CPU time (64-bit Linux, macOS or Windows, and the call worked once).</summary>
    public static bool IsAvailable { get; } = Probe();

    /// <summary>Why per-thread CPU time is unavailable here (empty when <see cref="IsAvailable"/>).</summary>
    public static string UnavailableReason { get; } = IsAvailable
        ? string.Empty
        : $"per-thread CPU time is not available on {RuntimeInformation.OSDescription} (needs clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux/macOS or GetThreadTimes on Windows)";

    /// <summary>
    /// CPU time the calling thread has used since it started, in nanoseconds (resolution: nanoseconds on Linux,
    /// 100 ns units on Windows); 0 when <see cref="IsAvailable"/> is false. Only differences on one thread mean something.
    /// </summary>
    public static long Now() => IsAvailable ? Read() : 0;

    private static bool Probe()
    {
        try
        {
            // The timespec below is the 64-bit layout; a 32-bit process may have a 32-bit time_t.
            return Environment.Is64BitProcess && (UnixClockId >= 0 || OperatingSystem.IsWindows()) && Read() >= 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static long Read()
    {
        if (OperatingSystem.IsWindows())
        {
            // FILETIME counts of 100 ns; the pseudo-handle of the current thread needs no closing.
            return GetThreadTimes(GetCurrentThread(), out _, out _, out long kernel, out long user) ? (kernel + user) * 100 : -1;
        }

        return ClockGetTime(UnixClockId, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : -1;
    }

    /// <summary>struct timespec on 64-bit Linux and macOS: time_t tv_sec, long tv_nsec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
