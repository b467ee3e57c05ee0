using System.Buffers.Binary;
using System.Text;

namespace LevBacktest.Parquet.Thrift;

/// <summary>
/// Serialises Thrift structs in the Compact Protocol (apache/thrift doc/specs/thrift-compact-protocol.md), the
/// encoding of every Parquet footer and page header. The caller drives it field by field in ascending field id
/// order, which keeps the short delta form of field headers.
/// </summary>
internal sealed class ThriftCompactWriter
{
    private const byte TypeBooleanTrue = 1;
    private const byte TypeBooleanFalse = 2;
    private const byte TypeI16 = 4;
    private const byte TypeI32 = 5;
    private const byte TypeI64 = 6;
    private const byte TypeBinary = 8;
    private const byte TypeList = 9;
    private const byte TypeStruct = 12;

    /// <summary>Compact type of list elements that are structs.</summary>
    public const byte ListOfStructs = TypeStruct;

    /// <summary>Compact type of list elements that are 32-bit integers (Thrift enums).</summary>
    public const byte ListOfI32 = TypeI32;

    /// <summary>Compact type of list elements that are strings.</summary>
    public const byte ListOfBinary = TypeBinary;

    private readonly Stack<short> _enclosingFieldIds = new();
    private byte[] _buffer = new byte[256];
    private int _length;
    private short _lastFieldId;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>Forgets everything written, ready for the next top-level struct.</summary>
    public void Reset()
    {
        _length = 0;
        _lastFieldId = 0;
        _enclosingFieldIds.Clear();
    }

    /// <summary>Writes a 32-bit integer (or enum) field.</summary>
    public void WriteI32Field(short fieldId, int value)
    {
        WriteFieldHeader(fieldId, TypeI32);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes a 16-bit integer field.</summary>
    public void WriteI16Field(short fieldId, short value)
    {
        WriteFieldHeader(fieldId, TypeI16);
        WriteVarint(ZigZag((int)value));
    }

    /// <summary>Writes a 64-bit integer field.</summary>
    public void WriteI64Field(short fieldId, long value)
    {
        WriteFieldHeader(fieldId, TypeI64);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes a boolean field; the value lives in the field header itself.</summary>
    public void WriteBoolField(short fieldId, bool value) => WriteFieldHeader(fieldId, value ? TypeBooleanTrue : TypeBooleanFalse);

    /// <summary>Writes a binary field (length-prefixed bytes).</summary>
    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(fieldId, TypeBinary);
        WriteBinaryValue(value);
    }

    /// <summary>Writes a string field as UTF-8 bytes.</summary>
    public void WriteStringField(short fieldId, string value)
    {
        WriteFieldHeader(fieldId, TypeBinary);
        WriteStringValue(value);
    }

    /// <summary>Starts a struct-valued field; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short fieldId)
    {
        WriteFieldHeader(fieldId, TypeStruct);
        _enclosingFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Writes an empty struct field (as used by the members of Parquet's unions such as StringType).</summary>
    public void WriteEmptyStructField(short fieldId)
    {
        BeginStructField(fieldId);
        EndStruct();
    }

    /// <summary>Starts a struct that is a list element (no field header); close it with <see cref="EndStruct"/>.</summary>
    public void BeginListElementStruct()
    {
        _enclosingFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Ends the innermost open struct with a stop byte.</summary>
    public void EndStruct()
    {
        WriteByte(0);
        _lastFieldId = _enclosingFieldIds.Pop();
    }

    /// <summary>Ends the top-level struct with a stop byte.</summary>
    public void EndTopLevelStruct()
    {
        WriteByte(0);
        _lastFieldId = 0;
    }

    /// <summary>Starts a list field of <paramref name="count"/> elements of the given compact type; write the elements next.</summary>
    public void BeginListField(short fieldId, byte elementType, int count)
    {
        WriteFieldHeader(fieldId, TypeList);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | elementType));
            WriteVarint((uint)count);
        }
    }

    /// <summary>Writes a 32-bit integer list element.</summary>
    public void WriteI32Value(int value) => WriteVarint(ZigZag(value));

    /// <summary>Writes a binary list element or value.</summary>
    public void WriteBinaryValue(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        EnsureCapacity(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Writes a string list element or value as UTF-8.</summary>
    public void WriteStringValue(string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)byteCount);
        EnsureCapacity(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Appends raw bytes (not a Thrift value); used for the 4-byte footer length after the metadata.</summary>
    public void WriteInt32LittleEndianRaw(int value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void WriteFieldHeader(short fieldId, byte type)
    {
        int delta = fieldId - _lastFieldId;
        if (delta > 0 && delta <= 15)
        {
            WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(type);
            WriteVarint(ZigZag((int)fieldId));
        }

        _lastFieldId = fieldId;
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void WriteVarint(ulong value)
    {
        EnsureCapacity(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    private void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_length++] = value;
    }

    private void EnsureCapacity(int additional)
    {
        if (_length + additional > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + additional));
        }
    }
}
