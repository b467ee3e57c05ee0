using System.Runtime;

namespace LevBacktest.Cli;

/// <summary>
/// Holds off garbage collections while the market data loads. The load allocates its columns as large objects (4.2 MB
/// each for a minute year) on two threads at once, and each step of the large-object budget of a young process triggered
/// a full, blocking collection: four to five of them before W1's data was ready, 3-31 ms of pauses (GC.GetTotalPauseDuration,
/// load 8-14), with System.GC.ConserveMemory compacting the large-object heap between them; with the region there is one.
/// When the load allocates more than the budget the runtime collects and leaves the region by itself, as it does when
/// another region is already in progress (another command in the same process): nothing then changes but the pauses.
/// </summary>
internal sealed class NoCollectionRegion : IDisposable
{
    private bool _active;

    private NoCollectionRegion(bool active) => _active = active;

    /// <summary>Enters a no-GC region of <paramref name="bytes"/> (small and large objects together), or does nothing when one cannot be entered.</summary>
    /// <param name="bytes">The allocation budget, in bytes.</param>
    public static NoCollectionRegion Enter(long bytes)
    {
        try
        {
            return new NoCollectionRegion(GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(bytes, disallowFullBlockingGC: false));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Another region is in progress, or the budget is more than this runtime allows: collect as usual.
            return new NoCollectionRegion(false);
        }
    }

    /// <summary>Leaves the region when this instance entered it and it is still in progress; safe to call more than once.</summary>
    public void Dispose()
    {
        if (!_active)
        {
            return;
        }

        _active = false;
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
        catch (InvalidOperationException)
        {
            // The budget was exceeded (the runtime has collected and left the region) or another caller ended it.
        }
    }
}
