namespace LevBacktest.Parquet.Library;

/// <summary>
/// The native memory pool that every ParquetSharp reader and writer of this project allocates its page, dictionary
/// and compression buffers from: the C library's allocator (<c>ParquetSharp.MemoryPool.SystemMemoryPool</c>), not
/// Arrow's default.
/// </summary>
/// <remarks>
/// Arrow's default pool is mimalloc, which on Linux reserves a 1 GiB arena and asks for transparent huge pages on it
/// (<c>madvise(MADV_HUGEPAGE)</c>, seen with strace). Each first touch of a 2 MiB page is then zeroed by the kernel,
/// and purged blocks are touched afresh: a 10,000-run sweep (bench/workloads/s1.json) took 40–47 huge-page faults
/// (<c>thp_fault_alloc</c> in /proc/vmstat) and the kernel's page zeroing was the largest single cost outside the
/// simulation (up to 14 % of the process's CPU samples on a VM whose host reclaims free memory). The system
/// allocator reuses freed blocks within the process and takes none: over 4 alternating pairs of that sweep the CPU
/// outside the simulation fell from 1.46–1.97 to 1.47–1.55 CPU-s, and the `ARROW_DEFAULT_MEMORY_POOL` environment
/// variable can no longer change what our files cost. Bytes written are the same whatever the pool.
/// </remarks>
internal static class LibraryMemoryPool
{
    /// <summary>The shared pool (a process-wide singleton inside Arrow; never disposed).</summary>
    public static ParquetSharp.MemoryPool Shared { get; } = ParquetSharp.MemoryPool.SystemMemoryPool();
}
