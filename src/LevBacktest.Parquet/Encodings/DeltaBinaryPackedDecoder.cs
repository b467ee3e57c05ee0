namespace LevBacktest.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED of Encodings.md: header (block size, miniblocks per block, total count, zigzag first
/// value), then blocks of (zigzag min delta, one bit width per miniblock, bit-packed miniblocks). Arithmetic wraps
/// in 64 bits (32 bits for INT32 columns after narrowing), as the spec requires.
/// </summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Reads only the header's total value count (to size buffers), validating it against <paramref name="maxCount"/>.</summary>
    public static int PeekCount(ReadOnlySpan<byte> data, int maxCount)
    {
        int position = 0;
        BitReader.ReadVarint(data, ref position);
        BitReader.ReadVarint(data, ref position);
        ulong total = BitReader.ReadVarint(data, ref position);
        if (total > (ulong)maxCount)
        {
            throw new EncodingException($"DELTA_BINARY_PACKED header claims {total} values but the page holds at most {maxCount}");
        }

        return (int)total;
    }

    /// <summary>
    /// Decodes exactly <paramref name="output"/>.Length values (the header must declare at least that many).
    /// </summary>
    /// <returns>Bytes consumed, up to the end of the last miniblock that holds a value.</returns>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> output)
    {
        int position = 0;
        ulong blockSize = BitReader.ReadVarint(data, ref position);
        ulong miniblockCount = BitReader.ReadVarint(data, ref position);
        ulong total = BitReader.ReadVarint(data, ref position);
        long first = BitReader.ReadZigZag(data, ref position);
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblockCount == 0 || blockSize % miniblockCount != 0 || (blockSize / miniblockCount) % 32 != 0)
        {
            throw new EncodingException($"DELTA_BINARY_PACKED header has block size {blockSize} with {miniblockCount} miniblocks");
        }

        if (total < (ulong)output.Length)
        {
            throw new EncodingException($"DELTA_BINARY_PACKED header declares {total} values but {output.Length} are expected");
        }

        if (output.Length == 0)
        {
            return position;
        }

        int valuesPerMiniblock = (int)(blockSize / miniblockCount);
        int miniblocks = (int)miniblockCount;
        output[0] = first;
        int produced = 1;
        long previous = first;
        long[] scratch = new long[Math.Min(valuesPerMiniblock, output.Length)];
        while (produced < output.Length)
        {
            long minDelta = BitReader.ReadZigZag(data, ref position);
            if (data.Length - position < miniblocks)
            {
                throw new EncodingException("DELTA_BINARY_PACKED bit widths run past the end of the page");
            }

            var widths = data.Slice(position, miniblocks);
            position += miniblocks;
            for (int m = 0; m < miniblocks && produced < output.Length; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new EncodingException($"DELTA_BINARY_PACKED miniblock bit width {width} exceeds 64");
                }

                int miniblockBytes = valuesPerMiniblock / 8 * width;
                int take = Math.Min(valuesPerMiniblock, output.Length - produced);
                int neededBytes = ((take * width) + 7) >> 3;
                if (data.Length - position < neededBytes)
                {
                    throw new EncodingException("DELTA_BINARY_PACKED miniblock runs past the end of the page");
                }

                var packed = data.Slice(position, Math.Min(miniblockBytes, data.Length - position));
                BitReader.Unpack64(packed, width, scratch.AsSpan(0, take));
                for (int i = 0; i < take; i++)
                {
                    previous = unchecked(previous + minDelta + scratch[i]);
                    output[produced++] = previous;
                }

                position += Math.Min(miniblockBytes, data.Length - position);
            }
        }

        return position;
    }
}
