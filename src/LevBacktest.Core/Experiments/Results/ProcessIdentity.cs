using System.Diagnostics;
using System.Globalization;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Who a process is, for telling a live owner of a lock or temporary folder from a dead one: its id and a start-time
/// marker. An id alone is not enough, because ids are reused; an id running with another start time is another process.
/// On Linux the marker is the start time in clock ticks since boot from <c>/proc/PID/stat</c> (field 22), exact;
/// elsewhere it is <see cref="Process.StartTime"/> in UTC ticks, compared to within a second.
/// </summary>
internal static class ProcessIdentity
{
    private const string LinuxPrefix = "linux:";
    private const string UtcPrefix = "utc:";

    /// <summary>The id of this process.</summary>
    public static int CurrentId { get; } = Environment.ProcessId;

    /// <summary>The start-time marker of this process.</summary>
    public static string CurrentStart { get; } = StartOf(Environment.ProcessId) ?? UtcPrefix + "0";

    /// <summary>True when a process with id <paramref name="processId"/> is running (on this machine, in this PID namespace).</summary>
    public static bool IsRunning(int processId) => processId > 0 && StartOf(processId) is not null;

    /// <summary>True when process <paramref name="processId"/> is running and started at <paramref name="startMarker"/>.</summary>
    public static bool IsRunning(int processId, string startMarker)
    {
        if (StartOf(processId) is not { } current)
        {
            return false;
        }

        if (current.StartsWith(UtcPrefix, StringComparison.Ordinal) && startMarker.StartsWith(UtcPrefix, StringComparison.Ordinal)
            && long.TryParse(current.AsSpan(UtcPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out long a)
            && long.TryParse(startMarker.AsSpan(UtcPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out long b))
        {
            return Math.Abs(a - b) < TimeSpan.TicksPerSecond;
        }

        return string.Equals(current, startMarker, StringComparison.Ordinal);
    }

    /// <summary>The start-time marker of a running process, or null when no process has that id.</summary>
    public static string? StartOf(int processId)
    {
        if (processId <= 0)
        {
            return null;
        }

        if (OperatingSystem.IsLinux())
        {
            try
            {
                // Field 22 (starttime) counts from the field after the command name, which may hold spaces and ')'.
                string stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return fields.Length > 19 ? LinuxPrefix + fields[19] : null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return UtcPrefix + process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
