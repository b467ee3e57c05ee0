namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Encodes non-negative integers (definition levels, dictionary indices) in Parquet's RLE / bit-packed hybrid
/// (parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid"): runs of ≥ 8 equal values become RLE
/// runs, everything else is bit-packed in groups of 8, least significant bit first. Only the last group may be padded.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    /// <summary>Shortest run worth an RLE run; shorter runs are bit-packed (one group is 8 values).</summary>
    private const int MinimumRleRun = 8;

    /// <summary>Bits needed to store <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    /// <summary>Appends the encoding of <paramref name="values"/> (each &lt; 2^bitWidth) to <paramref name="output"/>, without any length prefix.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int byteWidth = (bitWidth + 7) / 8;
        int i = 0;
        while (i < values.Length)
        {
            int run = RunLength(values, i);
            if (run >= MinimumRleRun)
            {
                output.WriteUnsignedVarint((uint)run << 1);
                int value = values[i];
                for (int b = 0; b < byteWidth; b++)
                {
                    output.WriteByte((byte)(value >> (8 * b)));
                }

                i += run;
                continue;
            }

            // Bit-packed groups of 8 until a long run starts at a group boundary or the input ends.
            int start = i;
            int groups = 0;
            do
            {
                groups++;
                i += 8;
            }
            while (i < values.Length && RunLength(values, i) < MinimumRleRun);

            output.WriteUnsignedVarint(((uint)groups << 1) | 1);
            BitPack(values, start, Math.Min(i, values.Length), groups * 8, bitWidth, output);
            i = Math.Min(i, values.Length);
        }
    }

    private static int RunLength(ReadOnlySpan<int> values, int start)
    {
        int value = values[start];
        int end = start + 1;
        while (end < values.Length && values[end] == value)
        {
            end++;
        }

        return end - start;
    }

    private static void BitPack(ReadOnlySpan<int> values, int start, int end, int paddedCount, int bitWidth, ByteBuffer output)
    {
        Span<byte> bytes = output.Reserve(paddedCount / 8 * bitWidth);
        ulong accumulator = 0;
        int bitsHeld = 0;
        int written = 0;
        for (int k = 0; k < paddedCount; k++)
        {
            ulong value = start + k < end ? (uint)values[start + k] : 0u;
            accumulator |= value << bitsHeld;
            bitsHeld += bitWidth;
            while (bitsHeld >= 8)
            {
                bytes[written++] = (byte)accumulator;
                accumulator >>= 8;
                bitsHeld -= 8;
            }
        }
    }
}
