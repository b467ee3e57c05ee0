using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Decoder of the Snappy raw block format (google/snappy, format_description.txt): a varint preamble with the
/// uncompressed length, then literals and back-references (copies with 1-, 2- or 4-byte offsets). It writes
/// straight into the caller's pooled page buffer; IronSnappy, whose decoder allocates a new array per page, is
/// the reference these results are tested against and the writer's compressor.
/// </summary>
internal static class SnappyDecompressor
{
    /// <summary>Decompresses one Snappy block into exactly <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">Corrupt data or a length other than the destination's.</exception>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int input = ReadPreamble(source, out long declared);
        if (declared != destination.Length)
        {
            throw new InvalidDataException($"Snappy data declares {declared} bytes but the page header says {destination.Length}");
        }

        int output = 0;
        while (input < source.Length)
        {
            byte tag = source[input++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    {
                        length = tag >> 2;
                        if (length >= 60)
                        {
                            int extra = length - 59;
                            if (source.Length - input < extra)
                            {
                                throw new InvalidDataException("Snappy literal length runs past the end of the input");
                            }

                            uint value = 0;
                            for (int b = 0; b < extra; b++)
                            {
                                value |= (uint)source[input + b] << (8 * b);
                            }

                            input += extra;
                            if (value >= int.MaxValue)
                            {
                                throw new InvalidDataException("Snappy literal length is absurd");
                            }

                            length = (int)value;
                        }

                        length += 1;
                        if (length <= 16 && source.Length - input >= 16 && destination.Length - output >= 16)
                        {
                            // Short literal with slack on both sides: one 16-byte move; bytes past the literal are
                            // overwritten by the elements that follow.
                            Move16(source, input, destination, output);
                            input += length;
                            output += length;
                            continue;
                        }

                        if (length > source.Length - input || length > destination.Length - output)
                        {
                            throw new InvalidDataException("Snappy literal runs past the end of the input or output");
                        }

                        source.Slice(input, length).CopyTo(destination[output..]);
                        input += length;
                        output += length;
                        continue;
                    }

                case 1:
                    if (input >= source.Length)
                    {
                        throw new InvalidDataException("Snappy copy runs past the end of the input");
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | source[input++];
                    break;
                case 2:
                    if (source.Length - input < 2)
                    {
                        throw new InvalidDataException("Snappy copy runs past the end of the input");
                    }

                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(source[input..]);
                    input += 2;
                    break;
                default:
                    if (source.Length - input < 4)
                    {
                        throw new InvalidDataException("Snappy copy runs past the end of the input");
                    }

                    length = 1 + (tag >> 2);
                    uint wide = BinaryPrimitives.ReadUInt32LittleEndian(source[input..]);
                    input += 4;
                    offset = wide > int.MaxValue ? int.MaxValue : (int)wide;
                    break;
            }

            if (offset == 0 || offset > output)
            {
                throw new InvalidDataException($"Snappy copy offset {offset} points before the start of the output");
            }

            if (length > destination.Length - output)
            {
                throw new InvalidDataException("Snappy copy runs past the expected output length");
            }

            int from = output - offset;
            if (offset >= length && length <= 16 && destination.Length - output >= 16)
            {
                // The copied bytes all lie before the output position, so a 16-byte load then store is exact for
                // them; the rest is overwritten by the elements that follow.
                Move16(destination, from, destination, output);
            }
            else if (offset >= length)
            {
                destination.Slice(from, length).CopyTo(destination[output..]);
            }
            else
            {
                // Overlapping copy: a repeating pattern, expanded byte by byte as the format defines.
                for (int i = 0; i < length; i++)
                {
                    destination[output + i] = destination[from + i];
                }
            }

            output += length;
        }

        if (output != destination.Length)
        {
            throw new InvalidDataException($"Snappy data expands to {output} bytes, expected {destination.Length}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Move16(ReadOnlySpan<byte> source, int sourceIndex, Span<byte> destination, int destinationIndex)
    {
        var block = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)sourceIndex);
        block.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)destinationIndex);
    }

    /// <summary>The uncompressed length a Snappy block states in its varint preamble.</summary>
    /// <exception cref="InvalidDataException">The preamble is truncated or longer than 32 bits.</exception>
    public static long DeclaredLength(ReadOnlySpan<byte> source)
    {
        ReadPreamble(source, out long declared);
        return declared;
    }

    private static int ReadPreamble(ReadOnlySpan<byte> source, out long declared)
    {
        ulong value = 0;
        int shift = 0;
        int position = 0;
        while (true)
        {
            if (position >= source.Length || shift > 28)
            {
                throw new InvalidDataException("Snappy length preamble is truncated or too long");
            }

            byte b = source[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        if (value > int.MaxValue)
        {
            throw new InvalidDataException($"Snappy length preamble {value} exceeds 2 GiB");
        }

        declared = (long)value;
        return position;
    }
}
