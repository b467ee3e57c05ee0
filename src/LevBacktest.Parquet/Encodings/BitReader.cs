using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace LevBacktest.Parquet.Encodings;

/// <summary>Little-endian bit unpacking (values packed least-significant bit first, as in Parquet's RLE and delta encodings).</summary>
internal static class BitReader
{
    /// <summary>
    /// Unpacks <paramref name="output"/>.Length values of <paramref name="bitWidth"/> bits (0–32) starting at bit 0
    /// of <paramref name="packed"/>; the caller guarantees enough bytes.
    /// </summary>
    public static void Unpack32(ReadOnlySpan<byte> packed, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        ulong mask = bitWidth == 32 ? uint.MaxValue : (1UL << bitWidth) - 1;
        long bitOffset = 0;
        for (int i = 0; i < output.Length; i++)
        {
            int byteIndex = (int)(bitOffset >> 3);
            int shift = (int)(bitOffset & 7);
            output[i] = (int)((Load64(packed, byteIndex) >> shift) & mask);
            bitOffset += bitWidth;
        }
    }

    /// <summary>Unpacks values of 0–64 bits into longs (delta encoding).</summary>
    public static void Unpack64(ReadOnlySpan<byte> packed, int bitWidth, Span<long> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        if (bitWidth <= 56)
        {
            ulong mask = (1UL << bitWidth) - 1;
            long bitOffset = 0;
            for (int i = 0; i < output.Length; i++)
            {
                int byteIndex = (int)(bitOffset >> 3);
                int shift = (int)(bitOffset & 7);
                output[i] = (long)((Load64(packed, byteIndex) >> shift) & mask);
                bitOffset += bitWidth;
            }

            return;
        }

        ulong wideMask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        long offset = 0;
        for (int i = 0; i < output.Length; i++)
        {
            int byteIndex = (int)(offset >> 3);
            int shift = (int)(offset & 7);
            ulong low = Load64(packed, byteIndex) >> shift;
            if (shift + bitWidth > 64)
            {
                low |= (ulong)Load64(packed, byteIndex + 8) << (64 - shift);
            }

            output[i] = (long)(low & wideMask);
            offset += bitWidth;
        }
    }

    /// <summary>Reads 8 bytes little-endian at <paramref name="index"/>, treating bytes past the end as zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load64(ReadOnlySpan<byte> data, int index)
    {
        if (index + 8 <= data.Length)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(index, 8));
        }

        ulong value = 0;
        for (int i = 0; index + i < data.Length && i < 8; i++)
        {
            value |= (ulong)data[index + i] << (8 * i);
        }

        return value;
    }

    /// <summary>Reads an unsigned LEB128 varint (up to 64 bits) at <paramref name="position"/>, advancing it.</summary>
    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new EncodingException("varint runs past the end of the page");
            }

            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new EncodingException("varint longer than 10 bytes");
    }

    /// <summary>Reads a zigzag varint.</summary>
    public static long ReadZigZag(ReadOnlySpan<byte> data, ref int position)
    {
        ulong raw = ReadVarint(data, ref position);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
