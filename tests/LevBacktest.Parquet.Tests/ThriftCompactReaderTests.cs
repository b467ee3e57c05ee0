using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet.Tests;

/// <summary>Thrift compact protocol decoding against hand-encoded bytes (thrift-compact-protocol.md).</summary>
public sealed class ThriftCompactReaderTests
{
    [Fact]
    public void FieldHeaders_UseDeltasAndTheLongForm()
    {
        // Field 1 i32 = -3 (delta 1, type 5, zigzag 5); field 200 i64 = 1 (long form: type 6, zigzag varint 400 = 0x90 0x03, value 2); stop.
        byte[] bytes = [0x15, 0x05, 0x06, 0x90, 0x03, 0x02, 0x00];
        var reader = new ThriftCompactReader(bytes, 0, "test");
        short last = 0;
        Assert.True(reader.ReadFieldHeader(ref last, out var type, out short id));
        Assert.Equal((ThriftType.I32, (short)1), (type, id));
        Assert.Equal(-3, reader.ReadI32Field(type));
        Assert.True(reader.ReadFieldHeader(ref last, out type, out id));
        Assert.Equal((ThriftType.I64, (short)200), (type, id));
        Assert.Equal(1L, reader.ReadI64Field(type));
        Assert.False(reader.ReadFieldHeader(ref last, out _, out _));
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void Skip_PassesOverNestedUnknownValues()
    {
        // struct { 1: list<binary> ["ab"], 2: map<i32,bool> {1: true}, 3: struct { 1: double, 2: bool true } } then i32 field 4 = 7.
        byte[] bytes =
        [
            0x19, 0x18, 0x02, (byte)'a', (byte)'b', // field 1 list, 1 element of binary
            0x1B, 0x01, 0x51, 0x02, 0x01,          // field 2 map, 1 entry, key i32 / value bool: key 1, value true
            0x1C, 0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x11, 0x00, // field 3 struct { double 1.0, bool true }
            0x00,                                  // end of the skipped struct
            0x45, 0x0E, 0x00,                       // field 4 i32 = 7, stop
        ];
        var reader = new ThriftCompactReader(bytes, 0, "test");
        reader.Skip(ThriftType.Struct);
        short last = 0;
        Assert.True(reader.ReadFieldHeader(ref last, out var type, out short id));
        Assert.Equal(4, id);
        Assert.Equal(7, reader.ReadI32Field(type));
    }

    [Fact]
    public void ListLongerThanTheRemainingBytes_IsCorrupt()
    {
        // List header 0xF5: size in a varint (1,000,000) of i32 elements, with no bytes behind it.
        byte[] bytes = [0xF5, 0xC0, 0x84, 0x3D];
        var error = Assert.Throws<ParquetFormatException>(() =>
        {
            var reader = new ThriftCompactReader(bytes, 100, "file.parquet: footer");
            reader.ReadListHeader(out _);
        });
        Assert.Equal("file.parquet: footer: corrupt Thrift metadata at byte offset 104: list claims 1000000 elements but only 0 bytes are left", error.Message);
    }

    [Fact]
    public void DeeplyNestedStructs_AreCorruptNotAStackOverflow()
    {
        byte[] bytes = Enumerable.Repeat((byte)0x1C, 10_000).ToArray();
        var error = Assert.Throws<ParquetFormatException>(() =>
        {
            var reader = new ThriftCompactReader(bytes, 0, "deep");
            reader.Skip(ThriftType.Struct);
        });
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryLongerThanTheData_IsCorrupt()
    {
        byte[] bytes = [0x0A, (byte)'a'];
        var error = Assert.Throws<ParquetFormatException>(() =>
        {
            var reader = new ThriftCompactReader(bytes, 0, "short");
            reader.ReadBinarySpan();
        });
        Assert.Contains("binary length 10 exceeds the 1 bytes left", error.Message, StringComparison.Ordinal);
    }
}
