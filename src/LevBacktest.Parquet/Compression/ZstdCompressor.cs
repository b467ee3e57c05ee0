using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Zstandard compression of Parquet pages through the system's <c>libzstd.so.1</c> (one-shot API of zstd.h,
/// facebook/zstd): each page becomes one frame, which is what ZSTD-codec Parquet readers expect.
/// </summary>
internal static partial class ZstdCompressor
{
    private const string Library = "libzstd.so.1";

    [LibraryImport(Library, EntryPoint = "ZSTD_compress")]
    private static unsafe partial nuint CompressNative(byte* destination, nuint destinationCapacity, byte* source, nuint sourceSize, int compressionLevel);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressBound")]
    private static partial nuint CompressBoundNative(nuint sourceSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    private static partial uint IsErrorNative(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    private static partial nint GetErrorNameNative(nuint code);

    /// <summary>Largest compressed size of <paramref name="sourceSize"/> input bytes (ZSTD_compressBound).</summary>
    public static int CompressBound(int sourceSize) => checked((int)CompressBoundNative((nuint)sourceSize));

    /// <summary>Compresses <paramref name="source"/> into one zstd frame written to <paramref name="destination"/>.</summary>
    /// <param name="source">Uncompressed bytes.</param>
    /// <param name="destination">Output; at least <see cref="CompressBound"/> of the source length.</param>
    /// <param name="level">Compression level 1–22 (3 is zstd's default).</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="InvalidOperationException">libzstd reported an error (its name is in the message).</exception>
    public static unsafe int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            nuint result = CompressNative(dst, (nuint)destination.Length, src, (nuint)source.Length, level);
            if (IsErrorNative(result) != 0)
            {
                string name = Marshal.PtrToStringUTF8(GetErrorNameNative(result)) ?? "unknown error";
                throw new InvalidOperationException($"zstd compression failed: {name}");
            }

            return checked((int)result);
        }
    }
}
