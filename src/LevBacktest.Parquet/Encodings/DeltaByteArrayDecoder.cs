using System.Buffers;

namespace LevBacktest.Parquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the concatenated bytes) and DELTA_BYTE_ARRAY (delta-packed
/// prefix lengths, then the suffixes as DELTA_LENGTH_BYTE_ARRAY; each value is the previous value's prefix plus
/// its suffix) of Encodings.md.
/// </summary>
internal static class DeltaByteArrayDecoder
{
    /// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY values; returns bytes consumed.</summary>
    public static int DecodeLengths(ReadOnlySpan<byte> data, Span<byte[]> output)
    {
        long[] lengths = ArrayPool<long>.Shared.Rent(Math.Max(1, output.Length));
        try
        {
            int position = DeltaBinaryPackedDecoder.Decode(data, lengths.AsSpan(0, output.Length));
            for (int i = 0; i < output.Length; i++)
            {
                long length = lengths[i];
                if (length < 0 || length > data.Length - position)
                {
                    throw new EncodingException($"DELTA_LENGTH_BYTE_ARRAY value {i} claims {length} bytes but {data.Length - position} are left");
                }

                output[i] = data.Slice(position, (int)length).ToArray();
                position += (int)length;
            }

            return position;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(lengths);
        }
    }

    /// <summary>Decodes DELTA_BYTE_ARRAY values; returns bytes consumed.</summary>
    public static int DecodeIncremental(ReadOnlySpan<byte> data, Span<byte[]> output)
    {
        long[] prefixes = ArrayPool<long>.Shared.Rent(Math.Max(1, output.Length));
        try
        {
            int position = DeltaBinaryPackedDecoder.Decode(data, prefixes.AsSpan(0, output.Length));
            position += DecodeLengths(data[position..], output);
            byte[] previous = [];
            for (int i = 0; i < output.Length; i++)
            {
                long prefix = prefixes[i];
                if (prefix < 0 || prefix > previous.Length)
                {
                    throw new EncodingException($"DELTA_BYTE_ARRAY value {i} reuses {prefix} bytes of a {previous.Length}-byte predecessor");
                }

                byte[] suffix = output[i];
                if (prefix > 0)
                {
                    byte[] value = new byte[prefix + suffix.Length];
                    previous.AsSpan(0, (int)prefix).CopyTo(value);
                    suffix.CopyTo(value, (int)prefix);
                    output[i] = value;
                }

                previous = output[i];
            }

            return position;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(prefixes);
        }
    }
}
