using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT of Encodings.md: for N values of K bytes, K streams of N bytes; byte k of value i is at
/// k·N + i. Defined for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY (parquet-format 2.11).
/// </summary>
internal static class ByteStreamSplitDecoder
{
    /// <summary>Reassembles fixed-width values (4 or 8 bytes) into <paramref name="output"/>.</summary>
    public static void DecodeFixed<T>(ReadOnlySpan<byte> data, Span<T> output)
        where T : unmanaged
    {
        int width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Gather(data, width, MemoryMarshal.AsBytes(output), output.Length);
    }

    /// <summary>Reassembles fixed-length byte arrays of <paramref name="width"/> bytes.</summary>
    public static void DecodeFixedLenByteArrays(ReadOnlySpan<byte> data, int width, Span<byte[]> output)
    {
        int count = output.Length;
        byte[] all = new byte[(long)count * width];
        Gather(data, width, all, count);
        for (int i = 0; i < count; i++)
        {
            output[i] = all.AsSpan(i * width, width).ToArray();
        }
    }

    private static void Gather(ReadOnlySpan<byte> data, int width, Span<byte> destination, int count)
    {
        long needed = (long)count * width;
        if (data.Length < needed)
        {
            throw new EncodingException($"BYTE_STREAM_SPLIT data holds {data.Length} bytes but {count} values of {width} bytes need {needed}");
        }

        // Streams have the page's total value count as length; when the page holds more bytes than needed the
        // extra belongs to no value, so the stream stride is data.Length / width.
        int stride = data.Length / width;
        if (stride != count)
        {
            throw new EncodingException($"BYTE_STREAM_SPLIT data of {data.Length} bytes is not {count} values of {width} bytes");
        }

        for (int k = 0; k < width; k++)
        {
            var stream = data.Slice(k * stride, count);
            for (int i = 0; i < count; i++)
            {
                destination[(i * width) + k] = stream[i];
            }
        }
    }
}
