using System.Buffers.Binary;
using System.Text;

namespace LevBacktest.Parquet.Thrift;

/// <summary>
/// Decoder of the Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md) over a byte span.
/// Every read is bounds-checked; malformed input raises <see cref="ParquetFormatException"/> whose message
/// carries the caller's context (file, structure) and the absolute byte offset of the failure.
/// </summary>
internal ref struct ThriftCompactReader
{
    /// <summary>Nesting limit for skipped structures; deeper input is treated as corrupt (prevents stack exhaustion).</summary>
    private const int MaxSkipDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly long _baseOffset;
    private readonly string _context;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>, whose first byte lies at <paramref name="baseOffset"/> in the file.</summary>
    public ThriftCompactReader(ReadOnlySpan<byte> buffer, long baseOffset, string context)
    {
        _buffer = buffer;
        _baseOffset = baseOffset;
        _context = context;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Builds the exception for malformed input at the current position.</summary>
    public readonly ParquetFormatException Corrupt(string what)
        => new($"{_context}: corrupt Thrift metadata at byte offset {_baseOffset + _position}: {what}");

    /// <summary>Reads one field header. Returns false at the struct's STOP byte.</summary>
    /// <param name="lastFieldId">The previous field id of this struct (delta encoding base); updated.</param>
    /// <param name="fieldType">The compact type code of the field.</param>
    /// <param name="fieldId">The field id.</param>
    public bool ReadFieldHeader(ref short lastFieldId, out ThriftType fieldType, out short fieldId)
    {
        byte header = ReadByte();
        if (header == 0)
        {
            fieldType = ThriftType.Stop;
            fieldId = 0;
            return false;
        }

        fieldType = (ThriftType)(header & 0x0F);
        int delta = header >> 4;
        if (delta != 0)
        {
            fieldId = (short)(lastFieldId + delta);
        }
        else
        {
            long id = ReadZigZagVarint();
            if (id < short.MinValue || id > short.MaxValue)
            {
                throw Corrupt($"field id {id} out of range");
            }

            fieldId = (short)id;
        }

        if (fieldType > ThriftType.Struct)
        {
            throw Corrupt($"unknown Thrift type code {(int)fieldType}");
        }

        lastFieldId = fieldId;
        return true;
    }

    /// <summary>Reads a boolean field value; in the compact protocol the value lives in the field header's type code.</summary>
    public readonly bool ReadBoolField(ThriftType fieldType) => fieldType switch
    {
        ThriftType.BooleanTrue => true,
        ThriftType.BooleanFalse => false,
        _ => throw Corrupt($"expected a boolean field, found type code {(int)fieldType}"),
    };

    /// <summary>Reads an i8, i16 or i32 value (zigzag varint) and checks it fits in 32 bits.</summary>
    public int ReadI32()
    {
        long value = ReadZigZagVarint();
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Corrupt($"integer {value} does not fit in 32 bits");
        }

        return (int)value;
    }

    /// <summary>Reads an i32 field value after checking the field's declared type.</summary>
    public int ReadI32Field(ThriftType fieldType)
    {
        if (fieldType is not (ThriftType.I32 or ThriftType.I16 or ThriftType.Byte))
        {
            if (fieldType == ThriftType.I64)
            {
                return ReadI32();
            }

            throw Corrupt($"expected an integer field, found type code {(int)fieldType}");
        }

        return fieldType == ThriftType.Byte ? (sbyte)ReadByte() : ReadI32();
    }

    /// <summary>Reads an i64 field value after checking the field's declared type.</summary>
    public long ReadI64Field(ThriftType fieldType)
    {
        if (fieldType == ThriftType.Byte)
        {
            return (sbyte)ReadByte();
        }

        if (fieldType is not (ThriftType.I64 or ThriftType.I32 or ThriftType.I16))
        {
            throw Corrupt($"expected an integer field, found type code {(int)fieldType}");
        }

        return ReadZigZagVarint();
    }

    /// <summary>Reads a zigzag-encoded varint of up to 64 bits.</summary>
    public long ReadZigZagVarint()
    {
        ulong raw = ReadVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads an unsigned LEB128 varint of up to 10 bytes.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        int shift = 0;
        while (true)
        {
            if (_position >= _buffer.Length)
            {
                throw Corrupt("varint runs past the end of the data");
            }

            byte b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            shift += 7;
            if (shift > 63)
            {
                throw Corrupt("varint longer than 10 bytes");
            }
        }
    }

    /// <summary>Reads one raw byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            throw Corrupt("structure runs past the end of the data");
        }

        return _buffer[_position++];
    }

    /// <summary>Reads a length-prefixed binary value as a span into the buffer (no copy).</summary>
    public ReadOnlySpan<byte> ReadBinarySpan(ThriftType fieldType)
    {
        if (fieldType != ThriftType.Binary)
        {
            throw Corrupt($"expected a binary field, found type code {(int)fieldType}");
        }

        return ReadBinarySpan();
    }

    /// <summary>Reads a length-prefixed binary value (used for list elements).</summary>
    public ReadOnlySpan<byte> ReadBinarySpan()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Corrupt($"binary length {length} exceeds the {_buffer.Length - _position} bytes left");
        }

        var span = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return span;
    }

    /// <summary>Reads a binary field as a new byte array.</summary>
    public byte[] ReadBinary(ThriftType fieldType) => ReadBinarySpan(fieldType).ToArray();

    /// <summary>Reads a string field; invalid UTF-8 is reported as corrupt metadata.</summary>
    public string ReadString(ThriftType fieldType) => DecodeUtf8(ReadBinarySpan(fieldType));

    /// <summary>Reads a string list element.</summary>
    public string ReadString() => DecodeUtf8(ReadBinarySpan());

    /// <summary>Reads a list (or set) header and checks the element count against the bytes left (each element takes at least one byte, except booleans packed in none).</summary>
    public int ReadListHeader(ThriftType fieldType, out ThriftType elementType)
    {
        if (fieldType is not (ThriftType.List or ThriftType.Set))
        {
            throw Corrupt($"expected a list field, found type code {(int)fieldType}");
        }

        return ReadListHeader(out elementType);
    }

    /// <summary>Reads a list header without a field check.</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        byte header = ReadByte();
        elementType = (ThriftType)(header & 0x0F);
        long size = header >> 4;
        if (size == 15)
        {
            ulong big = ReadVarint();
            if (big > int.MaxValue)
            {
                throw Corrupt($"list size {big} out of range");
            }

            size = (long)big;
        }

        if (elementType > ThriftType.Struct || elementType == ThriftType.Stop)
        {
            if (size != 0)
            {
                throw Corrupt($"unknown list element type code {(int)elementType}");
            }
        }

        if (size > _buffer.Length - _position)
        {
            throw Corrupt($"list claims {size} elements but only {_buffer.Length - _position} bytes are left");
        }

        return (int)size;
    }

    /// <summary>Skips a value of the given type, recursing into containers (depth-limited).</summary>
    public void Skip(ThriftType type) => Skip(type, 0);

    private void Skip(ThriftType type, int depth)
    {
        if (depth > MaxSkipDepth)
        {
            throw Corrupt("structures nested too deeply");
        }

        switch (type)
        {
            case ThriftType.BooleanTrue:
            case ThriftType.BooleanFalse:
                return;
            case ThriftType.Byte:
                ReadByte();
                return;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint();
                return;
            case ThriftType.Double:
                ReadFixed(8);
                return;
            case ThriftType.Binary:
                ReadBinarySpan();
                return;
            case ThriftType.List:
            case ThriftType.Set:
                {
                    int count = ReadListHeader(out ThriftType elementType);
                    for (int i = 0; i < count; i++)
                    {
                        SkipElement(elementType, depth + 1);
                    }

                    return;
                }

            case ThriftType.Map:
                {
                    ulong count = ReadVarint();
                    if (count == 0)
                    {
                        return;
                    }

                    if (count > (ulong)(_buffer.Length - _position))
                    {
                        throw Corrupt($"map claims {count} entries but only {_buffer.Length - _position} bytes are left");
                    }

                    byte types = ReadByte();
                    var keyType = (ThriftType)(types >> 4);
                    var valueType = (ThriftType)(types & 0x0F);
                    for (ulong i = 0; i < count; i++)
                    {
                        SkipElement(keyType, depth + 1);
                        SkipElement(valueType, depth + 1);
                    }

                    return;
                }

            case ThriftType.Struct:
                {
                    short last = 0;
                    while (ReadFieldHeader(ref last, out ThriftType fieldType, out _))
                    {
                        Skip(fieldType, depth + 1);
                    }

                    return;
                }

            default:
                throw Corrupt($"cannot skip unknown Thrift type code {(int)type}");
        }
    }

    /// <summary>Skips a container element; booleans inside containers take one byte.</summary>
    private void SkipElement(ThriftType type, int depth)
    {
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            ReadByte();
            return;
        }

        Skip(type, depth);
    }

    private void ReadFixed(int count)
    {
        if (_buffer.Length - _position < count)
        {
            throw Corrupt("value runs past the end of the data");
        }

        _position += count;
    }

    /// <summary>Reads an 8-byte little-endian double (compact protocol).</summary>
    public double ReadDouble()
    {
        if (_buffer.Length - _position < 8)
        {
            throw Corrupt("double runs past the end of the data");
        }

        double value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.Slice(_position, 8));
        _position += 8;
        return value;
    }

    private readonly string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("string is not valid UTF-8");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
