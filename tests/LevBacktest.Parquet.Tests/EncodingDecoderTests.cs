using LevBacktest.Parquet.Encodings;

namespace LevBacktest.Parquet.Tests;

/// <summary>Value and level decoders against the worked examples of Encodings.md and hand-packed bits.</summary>
public sealed class EncodingDecoderTests
{
    [Fact]
    public void RleHybrid_BitPackedRunOfZeroToSeven_WidthThree()
    {
        // Encodings.md: 0..7 bit-packed with width 3 is 10001000 11000110 11111010; run header (1 group << 1) | 1.
        byte[] data = [0x03, 0x88, 0xC6, 0xFA];
        int[] values = new int[8];
        new RleBitPackedHybridDecoder(data, 3).Read(values);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
    }

    [Fact]
    public void RleHybrid_RleRunsThenBitPacked()
    {
        // RLE run of five 3s (header 5 << 1, value byte), RLE run of 300 1s (header 600 = 0xD8 0x04), then 8 bit-packed 1-bit values 0b10110001.
        byte[] data = [0x0A, 0x03, 0xD8, 0x04, 0x01, 0x03, 0b1011_0001];
        int[] values = new int[313];
        new RleBitPackedHybridDecoder(data, 2).Read(values.AsSpan(0, 305));
        Assert.All(values[..5], v => Assert.Equal(3, v));
        Assert.All(values[5..305], v => Assert.Equal(1, v));
    }

    [Fact]
    public void RleHybrid_ValueWiderThanTheBitWidth_IsAnError()
    {
        byte[] data = [0x02, 0x05];
        var error = Assert.Throws<EncodingException>(() => new RleBitPackedHybridDecoder(data, 2).Read(new int[1]));
        Assert.Contains("does not fit in 2 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RleHybrid_TooFewValues_IsAnError()
    {
        byte[] data = [0x04, 0x01];
        var error = Assert.Throws<EncodingException>(() => new RleBitPackedHybridDecoder(data, 1).Read(new int[5]));
        Assert.Contains("ends after 2 of 5 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeltaBinaryPacked_Example1_OneToFive()
    {
        // Encodings.md example 1: 1,2,3,4,5 → block size 128, 4 miniblocks, 5 values, first value 1 (zigzag 2),
        // min delta 1 (zigzag 2), all bit widths 0.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0];
        long[] values = new long[5];
        int consumed = DeltaBinaryPackedDecoder.Decode(data, values);
        Assert.Equal([1L, 2, 3, 4, 5], values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void DeltaBinaryPacked_Example2_MixedDeltas()
    {
        // Encodings.md example 2: 7,5,3,1,2,3,4,5 → deltas -2,-2,-2,1,1,1,1; min delta -2 (zigzag 3);
        // relative deltas 0,0,0,3,3,3,3 in 2 bits, 32 values per miniblock (8 bytes, zero padded).
        byte[] miniblock = [0b1100_0000, 0b1111_1111, 0, 0, 0, 0, 0, 0];
        byte[] data = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 2, 0, 0, 0, .. miniblock];
        long[] values = new long[8];
        DeltaBinaryPackedDecoder.Decode(data, values);
        Assert.Equal([7L, 5, 3, 1, 2, 3, 4, 5], values);
    }

    [Fact]
    public void DeltaBinaryPacked_BadBlockSize_IsAnError()
    {
        byte[] data = [0x07, 0x04, 0x05, 0x02];
        Assert.Throws<EncodingException>(() => DeltaBinaryPackedDecoder.Decode(data, new long[5]));
    }

    [Fact]
    public void ByteStreamSplit_ReassemblesValues()
    {
        // Two INT32 values 0x04030201 and 0x08070605 split into four streams of two bytes.
        byte[] data = [0x01, 0x05, 0x02, 0x06, 0x03, 0x07, 0x04, 0x08];
        int[] values = new int[2];
        ByteStreamSplitDecoder.DecodeFixed<int>(data, values);
        Assert.Equal([0x04030201, 0x08070605], values);
    }

    [Fact]
    public void DeltaByteArray_PrefixesAndSuffixes()
    {
        // "axis", "axle", "babble" → prefix lengths 0, 2, 0 and suffixes "axis", "le", "babble" (Encodings.md).
        // Prefix lengths: first 0; deltas +2, -2 → min delta -2 (zigzag 3), relative 4, 0 in 3 bits: 0b000_100.
        // Suffix lengths 4, 2, 6: first 4 (zigzag 8); deltas -2, +4 → relative 0, 6 in 3 bits: 0b110_000.
        // Each miniblock holds 32 values of 3 bits = 12 bytes, padded.
        byte[] prefixes = [0x80, 0x01, 0x04, 0x03, 0x00, 0x03, 3, 0, 0, 0, 0b0000_0100, .. new byte[11]];
        byte[] lengths = [0x80, 0x01, 0x04, 0x03, 0x08, 0x03, 3, 0, 0, 0, 0b0011_0000, .. new byte[11]];
        byte[] suffixes = "axislebabble"u8.ToArray();
        byte[] data = [.. prefixes, .. lengths, .. suffixes];
        byte[][] values = new byte[3][];
        DeltaByteArrayDecoder.DecodeIncremental(data, values);
        Assert.Equal(["axis", "axle", "babble"], values.Select(v => System.Text.Encoding.ASCII.GetString(v)));
    }
}
