namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Decoder of the LZ4 block format (lz4/doc/lz4_Block_format.md), Parquet's LZ4_RAW codec: a sequence of
/// (token, literal length extension, literals, 2-byte little-endian offset, match length extension); the last
/// sequence carries literals only. Matches may overlap their own output.
/// </summary>
internal static class Lz4RawBlockDecoder
{
    /// <summary>Decompresses <paramref name="source"/> into exactly <paramref name="destination"/>.Length bytes.</summary>
    /// <exception cref="InvalidDataException">Malformed block, or its output does not have the expected length.</exception>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int input = 0;
        int output = 0;
        while (true)
        {
            if (input >= source.Length)
            {
                throw new InvalidDataException("LZ4 block ends inside a sequence");
            }

            byte token = source[input++];
            int literalLength = token >> 4;
            if (literalLength == 15)
            {
                literalLength += ReadLengthExtension(source, ref input);
            }

            if (literalLength > source.Length - input || literalLength > destination.Length - output)
            {
                throw new InvalidDataException("LZ4 literals run past the end of the input or output");
            }

            source.Slice(input, literalLength).CopyTo(destination[output..]);
            input += literalLength;
            output += literalLength;
            if (input == source.Length)
            {
                break;
            }

            if (source.Length - input < 2)
            {
                throw new InvalidDataException("LZ4 match offset runs past the end of the input");
            }

            int offset = source[input] | (source[input + 1] << 8);
            input += 2;
            if (offset == 0 || offset > output)
            {
                throw new InvalidDataException($"LZ4 match offset {offset} points before the start of the output");
            }

            int matchLength = token & 0x0F;
            if (matchLength == 15)
            {
                matchLength += ReadLengthExtension(source, ref input);
            }

            matchLength += 4;
            if (matchLength > destination.Length - output)
            {
                throw new InvalidDataException("LZ4 match runs past the expected output length");
            }

            int from = output - offset;
            if (offset >= matchLength)
            {
                destination.Slice(from, matchLength).CopyTo(destination[output..]);
            }
            else
            {
                for (int i = 0; i < matchLength; i++)
                {
                    destination[output + i] = destination[from + i];
                }
            }

            output += matchLength;
        }

        if (output != destination.Length)
        {
            throw new InvalidDataException($"LZ4 block expands to {output} bytes, expected {destination.Length}");
        }
    }

    /// <summary>The number of bytes a block expands to, by walking its sequences without writing them.</summary>
    /// <exception cref="InvalidDataException">Malformed block.</exception>
    public static long MeasureOutput(ReadOnlySpan<byte> source)
    {
        int input = 0;
        long output = 0;
        while (true)
        {
            if (input >= source.Length)
            {
                throw new InvalidDataException("LZ4 block ends inside a sequence");
            }

            byte token = source[input++];
            int literalLength = token >> 4;
            if (literalLength == 15)
            {
                literalLength += ReadLengthExtension(source, ref input);
            }

            if (literalLength > source.Length - input)
            {
                throw new InvalidDataException("LZ4 literals run past the end of the input");
            }

            input += literalLength;
            output += literalLength;
            if (input == source.Length)
            {
                return output;
            }

            if (source.Length - input < 2)
            {
                throw new InvalidDataException("LZ4 match offset runs past the end of the input");
            }

            input += 2;
            int matchLength = token & 0x0F;
            if (matchLength == 15)
            {
                matchLength += ReadLengthExtension(source, ref input);
            }

            output += matchLength + 4;
        }
    }

    private static int ReadLengthExtension(ReadOnlySpan<byte> source, ref int input)
    {
        int total = 0;
        while (true)
        {
            if (input >= source.Length)
            {
                throw new InvalidDataException("LZ4 length extension runs past the end of the input");
            }

            byte b = source[input++];
            total += b;
            if (total > int.MaxValue / 2)
            {
                throw new InvalidDataException("LZ4 length extension is absurdly long");
            }

            if (b != 255)
            {
                return total;
            }
        }
    }
}
