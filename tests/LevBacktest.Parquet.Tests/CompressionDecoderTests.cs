using System.Text;

using LevBacktest.Parquet.Compression;

namespace LevBacktest.Parquet.Tests;

/// <summary>Page codecs and the page CRC against reference encoders and published check values.</summary>
public sealed class CompressionDecoderTests
{
    [Fact]
    public void Crc32_OfTheStandardCheckString_Is0xCBF43926()
    {
        // The CRC-32/ISO-HDLC (zlib) check value of "123456789" (Williams, "A Painless Guide to CRC Error Detection").
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Crc32_FastPathsAgreeWithTheBitwiseDefinitionOnEveryLength()
    {
        var random = new Random(7);
        byte[] data = new byte[700];
        random.NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            Assert.Equal(BitwiseCrc(data.AsSpan(0, length)), Crc32.Compute(data.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Snappy_DecodesWhatIronSnappyEncodes()
    {
        var random = new Random(11);
        foreach (int size in new[] { 0, 1, 17, 64, 1000, 65_536, 300_000 })
        {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++)
            {
                // Mixed content: runs (overlapping copies), repeats at distance (copies) and noise (literals).
                data[i] = (i / 97 % 3) switch
                {
                    0 => (byte)(i % 7),
                    1 => (byte)random.Next(256),
                    _ => 42,
                };
            }

            byte[] compressed = IronSnappy.Snappy.Encode(data);
            byte[] decoded = new byte[size];
            SnappyDecompressor.Decompress(compressed, decoded);
            Assert.Equal(data, decoded);
        }
    }

    [Fact]
    public void Snappy_DecodesPriceLikeDoubles_ManyShortCopiesAndLiterals()
    {
        // Prices on a 0.1 tick share their high bytes: Snappy emits many 4–16 byte copies between short literals.
        var random = new Random(3);
        double[] prices = new double[50_000];
        double price = 30_000;
        for (int i = 0; i < prices.Length; i++)
        {
            price += Math.Round((random.NextDouble() - 0.5) * 20) / 10;
            prices[i] = Math.Round(price * 10) / 10;
        }

        byte[] data = System.Runtime.InteropServices.MemoryMarshal.AsBytes(prices.AsSpan()).ToArray();
        byte[] compressed = IronSnappy.Snappy.Encode(data);
        Assert.True(compressed.Length < data.Length);
        byte[] decoded = new byte[data.Length];
        SnappyDecompressor.Decompress(compressed, decoded);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void Snappy_CopyBeforeTheStart_IsCorrupt()
    {
        // Preamble 8, then a 1-byte-offset copy (tag 01) of 4 bytes at offset 1 with nothing written yet.
        byte[] compressed = [0x08, 0x01, 0x01];
        var error = Assert.Throws<InvalidDataException>(() => SnappyDecompressor.Decompress(compressed, new byte[8]));
        Assert.Contains("offset 1 points before the start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lz4Raw_LiteralsThenOverlappingMatchThenFinalLiterals()
    {
        // Token 0x44: 4 literals "abcd", match length 4 + 4 = 8 at offset 4; token 0x10: 1 final literal "e".
        byte[] block = [0x44, (byte)'a', (byte)'b', (byte)'c', (byte)'d', 0x04, 0x00, 0x10, (byte)'e'];
        byte[] output = new byte[13];
        Lz4RawBlockDecoder.Decompress(block, output);
        Assert.Equal("abcdabcdabcde", Encoding.ASCII.GetString(output));
        Assert.Equal(13, Lz4RawBlockDecoder.MeasureOutput(block));
    }

    [Fact]
    public void Lz4Raw_RunLengthMatch_ExpandsFromOneByte()
    {
        // One literal 'z', then a match at offset 1 of length 4 + 15 + 6 = 25 (length extension byte 6), then "!".
        byte[] block = [0x1F, (byte)'z', 0x01, 0x00, 0x06, 0x10, (byte)'!'];
        byte[] output = new byte[27];
        Lz4RawBlockDecoder.Decompress(block, output);
        Assert.Equal(new string('z', 26) + "!", Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void Lz4Raw_WrongDeclaredLength_IsCorrupt()
    {
        byte[] block = [0x30, (byte)'a', (byte)'b', (byte)'c'];
        Assert.Throws<InvalidDataException>(() => Lz4RawBlockDecoder.Decompress(block, new byte[4]));
    }

    [Fact]
    public void Zstd_MeasuresFramesWithAndWithoutAContentSize()
    {
        byte[] data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("levbt ", 5000)));
        byte[] compressed = new byte[ZstdCompressor.CompressBound(data.Length)];
        int length = ZstdCompressor.Compress(data, compressed, 3);
        Assert.Equal(data.Length, ZstdDecompressor.MeasureOutput(compressed.AsSpan(0, length), long.MaxValue));

        // Two concatenated frames: the header of the first no longer describes the whole page, so it streams.
        byte[] twoFrames = [.. compressed.AsSpan(0, length), .. compressed.AsSpan(0, length)];
        Assert.Equal(2L * data.Length, ZstdDecompressor.MeasureOutput(twoFrames, long.MaxValue));
        byte[] decoded = new byte[2 * data.Length];
        ZstdDecompressor.Decompress(twoFrames, decoded);
        Assert.Equal([.. data, .. data], decoded);
    }

    [Fact]
    public void Zstd_Garbage_IsCorrupt()
    {
        Assert.Throws<InvalidDataException>(() => ZstdDecompressor.Decompress([1, 2, 3, 4, 5, 6, 7, 8], new byte[16]));
    }

    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
