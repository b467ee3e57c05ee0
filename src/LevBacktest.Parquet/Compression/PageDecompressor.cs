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
    /// byte of length extension; Zstandard RLE blocks 128 KiB per 4 bytes and Brotli similar, so 32768:1.
    /// </summary>
    public static long MaxExpansion(ParquetCompressionCodec codec, long compressedLength) => codec switch
    {
        ParquetCompressionCodec.Uncompressed => compressedLength,
        ParquetCompressionCodec.Snappy => (compressedLength * 22) + 64,
        ParquetCompressionCodec.Gzip => (compressedLength * 1032) + 1024,
        ParquetCompressionCodec.Lz4Raw => (compressedLength * 256) + 64,
        _ => (compressedLength * 32768) + 4096,
    };

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
                ZstdDecompressor.Decompress(source, destination);
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
