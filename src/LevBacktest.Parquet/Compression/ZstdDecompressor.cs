using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Zstandard pages through the system's <c>libzstd.so.1</c> (zstd.h of facebook/zstd). ZSTD_decompress handles
/// one or more frames with or without a content-size field, given an output of the page's declared size.
/// </summary>
internal static partial class ZstdDecompressor
{
    private const string Library = "libzstd.so.1";

    [LibraryImport(Library, EntryPoint = "ZSTD_decompress")]
    private static unsafe partial nuint DecompressNative(byte* destination, nuint destinationCapacity, byte* source, nuint compressedSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    private static partial uint IsErrorNative(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    private static partial nint GetErrorNameNative(nuint code);

    /// <summary>Decompresses into exactly <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">Corrupt data or wrong length.</exception>
    public static unsafe void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            throw new InvalidDataException("ZSTD page body is empty");
        }

        byte dummy = 0;
        fixed (byte* src = source)
        fixed (byte* dstFixed = destination)
        {
            byte* dst = destination.IsEmpty ? &dummy : dstFixed;
            nuint result;
            try
            {
                result = DecompressNative(dst, (nuint)destination.Length, src, (nuint)source.Length);
            }
            catch (DllNotFoundException exception)
            {
                throw new NotSupportedException("ZSTD pages need libzstd.so.1 (Debian package libzstd1), which is not installed", exception);
            }

            if (IsErrorNative(result) != 0)
            {
                string name = Marshal.PtrToStringUTF8(GetErrorNameNative(result)) ?? "unknown error";
                throw new InvalidDataException($"ZSTD data is corrupt: {name}");
            }

            if (result != (nuint)destination.Length)
            {
                throw new InvalidDataException($"ZSTD data expands to {result} bytes, expected {destination.Length}");
            }
        }
    }
}
