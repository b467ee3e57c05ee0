using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Writer;

/// <summary>A growable byte array the writer reuses for page bodies, so a file write allocates a handful of buffers, not one per page.</summary>
internal sealed class ByteBuffer
{
    private byte[] _buffer;

    /// <summary>Creates an empty buffer with room for <paramref name="capacity"/> bytes.</summary>
    public ByteBuffer(int capacity = 4096) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>Number of bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    /// <summary>Empties the buffer, keeping its capacity.</summary>
    public void Clear() => Length = 0;

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[Length++] = value;
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Appends a little-endian 32-bit integer.</summary>
    public void WriteInt32LittleEndian(int value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    /// <summary>Overwrites a little-endian 32-bit integer at <paramref name="position"/> (a length prefix reserved earlier).</summary>
    public void PatchInt32LittleEndian(int position, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(position, 4), value);

    /// <summary>Appends an unsigned LEB128 varint (as used by the RLE / bit-packed hybrid's run headers).</summary>
    public void WriteUnsignedVarint(uint value)
    {
        EnsureCapacity(5);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    /// <summary>Appends the raw little-endian bytes of unmanaged values (PLAIN encoding of fixed-width types).</summary>
    public void WriteValues<T>(ReadOnlySpan<T> values)
        where T : unmanaged => Write(MemoryMarshal.AsBytes(values));

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        EnsureCapacity(count);
        Span<byte> span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    private void EnsureCapacity(int additional)
    {
        long needed = (long)Length + additional;
        if (needed > _buffer.Length)
        {
            if (needed > Array.MaxLength)
            {
                throw new InvalidOperationException("A Parquet page or dictionary would exceed 2 GiB; lower RowGroupSize or DataPageSize.");
            }

            Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2)));
        }
    }
}
