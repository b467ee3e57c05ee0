using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Encodings;

/// <summary>PLAIN encoding of Encodings.md: little-endian fixed-width values, bit-packed booleans, 4-byte length-prefixed byte arrays.</summary>
internal static class PlainDecoder
{
    /// <summary>Copies <paramref name="output"/>.Length little-endian fixed-width values (int, long, float, double) in one block copy.</summary>
    /// <returns>Bytes consumed.</returns>
    public static int DecodeFixed<T>(ReadOnlySpan<byte> data, Span<T> output)
        where T : unmanaged
    {
        long needed = (long)output.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (needed > data.Length)
        {
            throw new EncodingException($"PLAIN data holds {data.Length} bytes but {output.Length} values need {needed}");
        }

        // Parquet and every platform .NET runs on here are little-endian, so the bytes are the values.
        data[..(int)needed].CopyTo(MemoryMarshal.AsBytes(output));
        return (int)needed;
    }

    /// <summary>Decodes bit-packed booleans (LSB first).</summary>
    public static int DecodeBooleans(ReadOnlySpan<byte> data, Span<bool> output)
    {
        int neededBytes = (output.Length + 7) >> 3;
        if (neededBytes > data.Length)
        {
            throw new EncodingException($"PLAIN boolean data holds {data.Length} bytes but {output.Length} values need {neededBytes}");
        }

        for (int i = 0; i < output.Length; i++)
        {
            output[i] = ((data[i >> 3] >> (i & 7)) & 1) != 0;
        }

        return neededBytes;
    }

    /// <summary>Decodes 12-byte INT96 values.</summary>
    public static int DecodeInt96(ReadOnlySpan<byte> data, Span<ParquetInt96> output)
    {
        long needed = (long)output.Length * 12;
        if (needed > data.Length)
        {
            throw new EncodingException($"PLAIN INT96 data holds {data.Length} bytes but {output.Length} values need {needed}");
        }

        for (int i = 0; i < output.Length; i++)
        {
            var value = data.Slice(i * 12, 12);
            output[i] = new ParquetInt96(BinaryPrimitives.ReadInt64LittleEndian(value), BinaryPrimitives.ReadInt32LittleEndian(value[8..]));
        }

        return (int)needed;
    }

    /// <summary>Decodes length-prefixed byte arrays, each copied into its own array.</summary>
    public static int DecodeByteArrays(ReadOnlySpan<byte> data, Span<byte[]> output)
    {
        int position = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (data.Length - position < 4)
            {
                throw new EncodingException($"PLAIN byte array {i} of {output.Length}: length prefix runs past the end of the page");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
            position += 4;
            if (length < 0 || length > data.Length - position)
            {
                throw new EncodingException($"PLAIN byte array {i} of {output.Length} claims {length} bytes but {data.Length - position} are left");
            }

            output[i] = data.Slice(position, length).ToArray();
            position += length;
        }

        return position;
    }

    /// <summary>Decodes fixed-length byte arrays of <paramref name="width"/> bytes.</summary>
    public static int DecodeFixedLenByteArrays(ReadOnlySpan<byte> data, int width, Span<byte[]> output)
    {
        long needed = (long)output.Length * width;
        if (needed > data.Length)
        {
            throw new EncodingException($"PLAIN FIXED_LEN_BYTE_ARRAY data holds {data.Length} bytes but {output.Length} values of {width} bytes need {needed}");
        }

        for (int i = 0; i < output.Length; i++)
        {
            output[i] = data.Slice(i * width, width).ToArray();
        }

        return (int)needed;
    }
}
