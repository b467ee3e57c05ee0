using System.Runtime.CompilerServices;

namespace LevBacktest.Parquet.Library;

/// <summary>
/// Allocates the output arrays of column reads without zeroing them when the decoder writes every element kept: a year
/// of one-minute bars is 4.2 MB per 8-byte column, and memory the GC hands out again would otherwise be cleared just to
/// be overwritten. (Asking the kernel for transparent huge pages for these arrays was tried and dropped: on a VM that
/// reports free memory to its host, e.g. virtio-balloon free page reporting, a huge page after a pause costs 6-11 times
/// more per byte than 4 KB pages, because the host has discarded exactly the 2 MB blocks huge pages are made of.)
/// </summary>
internal static class ColumnArrays
{
    /// <summary>
    /// An array of <paramref name="length"/> elements whose contents are unspecified (the caller writes every element it
    /// keeps), except that arrays of references or of structs holding references are zeroed as usual.
    /// </summary>
    public static T[] Allocate<T>(int length)
        => RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[length] : GC.AllocateUninitializedArray<T>(length);
}
