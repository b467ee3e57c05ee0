using System.Buffers.Binary;

namespace LevBacktest.Reporting.Tests;

/// <summary>Reads width and height from a PNG's IHDR chunk (PNG spec, ISO/IEC 15948 §11.2.2), independently of cairo.</summary>
public static class PngHeader
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height, int BitDepth, int ColorType) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= 33, $"{path} is too short for a PNG ({bytes.Length} bytes)");
        Assert.Equal(Signature, bytes[..8]);
        // First chunk: length (4, big-endian) = 13, type "IHDR", then width, height, bit depth, colour type.
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16));
        int height = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20));
        return (width, height, bytes[24], bytes[25]);
    }
}
