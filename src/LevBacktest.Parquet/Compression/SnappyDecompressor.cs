namespace LevBacktest.Parquet.Compression;

/// <summary>
/// Snappy raw-format pages through the IronSnappy package, after checking the stream's own length preamble
/// (a varint) against the expected size so a corrupt preamble cannot trigger a large allocation.
/// </summary>
internal static class SnappyDecompressor
{
    /// <summary>Decompresses one Snappy block into exactly <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">Corrupt data or wrong length.</exception>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        long declared = DeclaredLength(source);
        if (declared != destination.Length)
        {
            throw new InvalidDataException($"Snappy data declares {declared} bytes but the page header says {destination.Length}");
        }

        byte[] result;
        try
        {
            result = IronSnappy.Snappy.Decode(source);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Snappy data is corrupt: {exception.Message}", exception);
        }

        if (result.Length != destination.Length)
        {
            throw new InvalidDataException($"Snappy data expands to {result.Length} bytes, expected {destination.Length}");
        }

        result.CopyTo(destination);
    }

    /// <summary>The uncompressed length a Snappy block states in its varint preamble.</summary>
    /// <exception cref="InvalidDataException">The preamble is truncated or longer than 32 bits.</exception>
    public static long DeclaredLength(ReadOnlySpan<byte> source)
    {
        ulong declared = 0;
        int shift = 0;
        int position = 0;
        while (true)
        {
            if (position >= source.Length || shift > 28)
            {
                throw new InvalidDataException("Snappy length preamble is truncated or too long");
            }

            byte b = source[position++];
            declared |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        return (long)declared;
    }
}
