using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Zstandard pages through the system's <c>libzstd.so.1</c> (zstd.h of facebook/zstd). ZSTD_decompress handles
/// one or more frames with or without a content-size field, given an output of the page's declared size; the
/// streaming API measures the output of frames whose header does not state it, without allocating it.
/// </summary>
internal static partial class ZstdDecompressor
{
    private const string Library = "libzstd.so.1";
    private const ulong ContentSizeUnknown = ulong.MaxValue;
    private const ulong ContentSizeError = ulong.MaxValue - 1;

    [LibraryImport(Library, EntryPoint = "ZSTD_decompress")]
    private static unsafe partial nuint DecompressNative(byte* destination, nuint destinationCapacity, byte* source, nuint compressedSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    private static partial uint IsErrorNative(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    private static partial nint GetErrorNameNative(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getFrameContentSize")]
    private static unsafe partial ulong GetFrameContentSizeNative(byte* source, nuint sourceSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_findFrameCompressedSize")]
    private static unsafe partial nuint FindFrameCompressedSizeNative(byte* source, nuint sourceSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_createDStream")]
    private static partial nint CreateDStreamNative();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDStream")]
    private static partial nuint FreeDStreamNative(nint stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    private static unsafe partial nuint DecompressStreamNative(nint stream, Buffer* output, Buffer* input);

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
            nuint result = DecompressNative(dst, (nuint)destination.Length, src, (nuint)source.Length);
            ThrowIfError(result);
            if (result != (nuint)destination.Length)
            {
                throw new InvalidDataException($"ZSTD data expands to {result} bytes, expected {destination.Length}");
            }
        }
    }

    /// <summary>
    /// The number of bytes <paramref name="source"/> expands to, or more than <paramref name="limit"/> (the
    /// measurement stops there): from the frame header when one frame states it, else by streaming through a
    /// small scratch buffer.
    /// </summary>
    /// <exception cref="InvalidDataException">Corrupt data.</exception>
    public static unsafe long MeasureOutput(ReadOnlySpan<byte> source, long limit)
    {
        if (source.IsEmpty)
        {
            throw new InvalidDataException("ZSTD page body is empty");
        }

        fixed (byte* src = source)
        {
            byte* input = src;
            ulong declared = GetFrameContentSizeNative(input, (nuint)source.Length);
            if (declared == ContentSizeError)
            {
                throw new InvalidDataException("ZSTD data does not start with a valid frame header");
            }

            if (declared != ContentSizeUnknown)
            {
                nuint frameLength = FindFrameCompressedSizeNative(input, (nuint)source.Length);
                if (IsErrorNative(frameLength) == 0 && frameLength == (nuint)source.Length)
                {
                    return declared > (ulong)long.MaxValue ? long.MaxValue : (long)declared;
                }
            }

            return MeasureByStreaming(src, source.Length, limit);
        }
    }

    private static unsafe long MeasureByStreaming(byte* source, int length, long limit)
    {
        nint stream = CreateDStreamNative();
        if (stream == 0)
        {
            throw new InvalidDataException("libzstd could not create a decompression stream");
        }

        byte[] scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 17);
        try
        {
            fixed (byte* scratchPointer = scratch)
            {
                var input = new Buffer { Data = source, Size = (nuint)length, Position = 0 };
                long total = 0;
                while (true)
                {
                    var output = new Buffer { Data = scratchPointer, Size = (nuint)scratch.Length, Position = 0 };
                    nuint before = input.Position;
                    nuint result = DecompressStreamNative(stream, &output, &input);
                    ThrowIfError(result);
                    total += (long)output.Position;
                    if (total > limit)
                    {
                        return total;
                    }

                    bool inputDone = input.Position == input.Size;
                    if (result == 0 && inputDone)
                    {
                        return total;
                    }

                    if (inputDone && output.Position < output.Size)
                    {
                        throw new InvalidDataException("ZSTD data is truncated (the last frame is incomplete)");
                    }

                    if (input.Position == before && output.Position == 0)
                    {
                        throw new InvalidDataException("ZSTD decompression makes no progress");
                    }
                }
            }
        }
        finally
        {
            FreeDStreamNative(stream);
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void ThrowIfError(nuint result)
    {
        if (IsErrorNative(result) != 0)
        {
            string name = Marshal.PtrToStringUTF8(GetErrorNameNative(result)) ?? "unknown error";
            throw new InvalidDataException($"ZSTD data is corrupt: {name}");
        }
    }


    /// <summary>ZSTD_inBuffer / ZSTD_outBuffer: pointer, size, position.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Buffer
    {
        public byte* Data;
        public nuint Size;
        public nuint Position;
    }
}
