namespace LevBacktest.Parquet.Writer;

/// <summary>Writes to a stream while counting bytes, so offsets are known even for non-seekable streams.</summary>
internal sealed class CountingOutput(Stream stream)
{
    /// <summary>Bytes written so far (the file offset of the next byte).</summary>
    public long Position { get; private set; }

    /// <summary>Writes bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }
}
