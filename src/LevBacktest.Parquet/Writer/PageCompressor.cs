using System.IO.Compression;

using LevBacktest.Parquet.Compression;
using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Writer;

/// <summary>Compresses page bodies with the file's codec into a reused buffer.</summary>
internal sealed class PageCompressor
{
    private readonly ParquetCompressionCodec _codec;
    private readonly int _zstdLevel;
    private byte[] _output = new byte[4096];

    /// <summary>Creates a compressor for one of the supported codecs.</summary>
    public PageCompressor(ParquetCompressionCodec codec, int zstdLevel)
    {
        _codec = codec;
        _zstdLevel = zstdLevel;
    }

    /// <summary>Compresses <paramref name="input"/>; the result is valid until the next call.</summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> input)
    {
        switch (_codec)
        {
            case ParquetCompressionCodec.Uncompressed:
                return input;
            case ParquetCompressionCodec.Snappy:
                {
                    // IronSnappy's raw block format is what Parquet's SNAPPY codec stores (no framing).
                    return IronSnappy.Snappy.Encode(input);
                }

            case ParquetCompressionCodec.Zstd:
                {
                    EnsureCapacity(ZstdCompressor.CompressBound(input.Length));
                    int written = ZstdCompressor.Compress(input, _output, _zstdLevel);
                    return _output.AsSpan(0, written);
                }

            case ParquetCompressionCodec.Gzip:
                {
                    using var memory = new MemoryStream(input.Length / 2 + 64);
                    using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        gzip.Write(input);
                    }

                    return memory.GetBuffer().AsSpan(0, (int)memory.Length);
                }

            default:
                throw new ArgumentException($"Compression codec {_codec} is not supported by the writer; use Uncompressed, Snappy, Gzip or Zstd.");
        }
    }

    private void EnsureCapacity(int size)
    {
        if (_output.Length < size)
        {
            _output = new byte[size];
        }
    }
}
