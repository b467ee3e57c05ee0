using System.IO.Compression;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Decompresses page bodies for every codec this reader supports, into a caller-provided buffer of exactly the
/// page header's uncompressed size, after checking that size is achievable by the codec from the stored bytes
/// (so a corrupt header cannot make the reader allocate beyond what the file justifies).
/// </summary>
internal static class PageDecompressor
{
    /// <summary>Whether the codec can be read.</summary>
    public static bool IsSupported(ParquetCompressionCodec codec)
        => codec is ParquetCompressionCodec.Uncompressed or ParquetCompressionCodec.Snappy or ParquetCompressionCodec.Gzip
            or ParquetCompressionCodec.Zstd or ParquetCompressionCodec.Brotli or ParquetCompressionCodec.Lz4Raw;

    /// <summary>Name of a codec as parquet.thrift spells it.</summary>
    public static string Name(ParquetCompressionCodec codec) => ParquetNames.Of(codec);

    /// <summary>
    /// Largest output a codec can produce from <paramref name="compressedLength"/> bytes: Snappy copies emit at most
    /// 64 bytes per 3 input bytes; DEFLATE at most 258 bytes per 2 bits (1032:1); LZ4 at most 255 bytes per input
    /// byte of length extension. Zstandard and Brotli have no useful bound (long repeats cost a few bits), so
    /// their declared sizes are always confirmed by <see cref="MeasureOutput"/> instead.
    /// </summary>
    public static long MaxExpansion(ParquetCompressionCodec codec, long compressedLength) => codec switch
    {
        ParquetCompressionCodec.Uncompressed => compressedLength,
        ParquetCompressionCodec.Snappy => (compressedLength * 22) + 64,
        ParquetCompressionCodec.Gzip => (compressedLength * 1032) + 1024,
        ParquetCompressionCodec.Lz4Raw => (compressedLength * 256) + 64,
        _ => long.MaxValue,
    };

    /// <summary>
    /// Declared sizes up to this multiple of the stored size (plus <see cref="TrustedSlack"/>) are allocated
    /// directly; larger ones are first confirmed by measuring the real output without storing it.
    /// </summary>
    public const int TrustedRatio = 8;

    /// <summary>Bytes of declared output always allocated directly.</summary>
    public const int TrustedSlack = 1 << 20;

    /// <summary>
    /// The number of bytes <paramref name="source"/> really expands to, or some number above
    /// <paramref name="limit"/> once it passes it, computed through a small scratch buffer (no output allocation).
    /// Used before allocating a declared size far above the stored size.
    /// </summary>
    /// <exception cref="InvalidDataException">Corrupt data.</exception>
    public static long MeasureOutput(ParquetCompressionCodec codec, ReadOnlySpan<byte> source, long limit)
    {
        switch (codec)
        {
            case ParquetCompressionCodec.Zstd:
                return WithNativeLibrary(source, limit, static (s, l) => ZstdDecompressor.MeasureOutput(s, l));
            case ParquetCompressionCodec.Lz4Raw:
                return Lz4RawBlockDecoder.MeasureOutput(source);
            case ParquetCompressionCodec.Gzip:
                return MeasureGzip(source, limit);
            case ParquetCompressionCodec.Brotli:
                return MeasureBrotli(source, limit);
            case ParquetCompressionCodec.Snappy:
                return SnappyDecompressor.DeclaredLength(source);
            default:
                return source.Length;
        }
    }

    private delegate long Measure(ReadOnlySpan<byte> source, long limit);

    private static long WithNativeLibrary(ReadOnlySpan<byte> source, long limit, Measure measure)
    {
        try
        {
            return measure(source, limit);
        }
        catch (DllNotFoundException exception)
        {
            throw new NotSupportedException("ZSTD pages need libzstd.so.1 (Debian package libzstd1), which is not installed", exception);
        }
    }

    private static unsafe long MeasureGzip(ReadOnlySpan<byte> source, long limit)
    {
        byte[] scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            fixed (byte* pointer = source)
            {
                using var compressed = new UnmanagedMemoryStream(pointer, source.Length);
                using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
                long total = 0;
                int read;
                while (total <= limit && (read = gzip.Read(scratch, 0, scratch.Length)) > 0)
                {
                    total += read;
                }

                return total;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static long MeasureBrotli(ReadOnlySpan<byte> source, long limit)
    {
        byte[] scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using var decoder = new BrotliDecoder();
            long total = 0;
            int offset = 0;
            while (true)
            {
                var status = decoder.Decompress(source[offset..], scratch, out int consumed, out int written);
                offset += consumed;
                total += written;
                if (status == System.Buffers.OperationStatus.Done || total > limit)
                {
                    return total;
                }

                if (status != System.Buffers.OperationStatus.DestinationTooSmall)
                {
                    throw new InvalidDataException($"BROTLI data is corrupt or truncated ({status} after {offset} bytes)");
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Decompresses <paramref name="source"/> into all of <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Corrupt data, or it does not expand to exactly the expected length.</exception>
    public static void Decompress(ParquetCompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        switch (codec)
        {
            case ParquetCompressionCodec.Uncompressed:
                if (source.Length != destination.Length)
                {
                    throw new InvalidDataException($"uncompressed page stores {source.Length} bytes but declares {destination.Length}");
                }

                source.CopyTo(destination);
                return;
            case ParquetCompressionCodec.Snappy:
                SnappyDecompressor.Decompress(source, destination);
                return;
            case ParquetCompressionCodec.Gzip:
                GzipDecompress(source, destination);
                return;
            case ParquetCompressionCodec.Brotli:
                BrotliDecompress(source, destination);
                return;
            case ParquetCompressionCodec.Zstd:
                try
                {
                    ZstdDecompressor.Decompress(source, destination);
                }
                catch (DllNotFoundException exception)
                {
                    throw new NotSupportedException("ZSTD pages need libzstd.so.1 (Debian package libzstd1), which is not installed", exception);
                }

                return;
            case ParquetCompressionCodec.Lz4Raw:
                Lz4RawBlockDecoder.Decompress(source, destination);
                return;
            default:
                throw new NotSupportedException($"compression codec {Name(codec)} is not supported");
        }
    }

    private static unsafe void GzipDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* pointer = source)
        {
            using var compressed = new UnmanagedMemoryStream(pointer, source.Length);

            // GZipStream reads concatenated members (RFC 1952 allows several) as one stream.
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            int total = 0;
            while (total < destination.Length)
            {
                int read = gzip.Read(destination[total..]);
                if (read == 0)
                {
                    throw new InvalidDataException($"GZIP data expands to {total} bytes, expected {destination.Length}");
                }

                total += read;
            }

            Span<byte> probe = stackalloc byte[1];
            if (gzip.Read(probe) != 0)
            {
                throw new InvalidDataException($"GZIP data expands to more than the expected {destination.Length} bytes");
            }
        }
    }

    private static void BrotliDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();
        var status = decoder.Decompress(source, destination, out int consumed, out int written);
        if (status != System.Buffers.OperationStatus.Done || written != destination.Length)
        {
            throw new InvalidDataException(status == System.Buffers.OperationStatus.DestinationTooSmall
                ? $"BROTLI data expands to more than the expected {destination.Length} bytes"
                : $"BROTLI data is corrupt or truncated ({status} after {consumed} bytes in, {written} out, expected {destination.Length})");
        }
    }
}
