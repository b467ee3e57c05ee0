using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Library;

/// <summary>
/// Allocates the output arrays of column reads. A year of one-minute bars is 4.2 MB per 8-byte column, and the first
/// write to each fresh 4 KB page is a page fault (≈ 2.3 µs each on the project's 2-core VM: the faults, not the decoding,
/// were the largest single cost of loading W1's prices). On Linux the 2 MB-aligned interior of a large array is marked
/// <c>MADV_HUGEPAGE</c> before anything is written to it, so that transparent huge pages (enabled "madvise" on most
/// distributions) fault it in 2 MB at a time, about five times cheaper per byte. The advice changes no value and no
/// behaviour; where it is refused or unsupported the array is simply faulted in 4 KB pages as before.
/// </summary>
internal static partial class ColumnArrays
{
    private const long HugePageBytes = 2L << 20;
    private const int AdviseHugePage = 14; // MADV_HUGEPAGE, Linux <asm-generic/mman-common.h>

    private static bool _adviceUnavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// An array of <paramref name="length"/> elements whose contents are unspecified (the caller writes every element it
    /// keeps), except that arrays of references or of structs holding references are zeroed as usual.
    /// </summary>
    public static T[] Allocate<T>(int length)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return new T[length];
        }

        var array = GC.AllocateUninitializedArray<T>(length);
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (bytes >= 2 * HugePageBytes && !_adviceUnavailable)
        {
            AdviseHugePages(array, bytes);
        }

        return array;
    }

    private static unsafe void AdviseHugePages<T>(T[] array, long bytes)
    {
        fixed (byte* data = &Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array)))
        {
            long start = ((long)data + HugePageBytes - 1) & ~(HugePageBytes - 1);
            long end = ((long)data + bytes) & ~(HugePageBytes - 1);
            if (end > start)
            {
                try
                {
                    _ = Advise((nint)start, (nuint)(end - start), AdviseHugePage);
                }
                catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
                {
                    _adviceUnavailable = true;
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
