namespace LevBacktest.Parquet.Thrift;

/// <summary>Type codes of the Thrift compact protocol (field headers and container element types).</summary>
internal enum ThriftType : byte
{
    /// <summary>End of a struct.</summary>
    Stop = 0,

    /// <summary>Boolean true (field header) / boolean (container element).</summary>
    BooleanTrue = 1,

    /// <summary>Boolean false (field header).</summary>
    BooleanFalse = 2,

    /// <summary>Signed 8-bit integer, one raw byte.</summary>
    Byte = 3,

    /// <summary>Signed 16-bit integer, zigzag varint.</summary>
    I16 = 4,

    /// <summary>Signed 32-bit integer, zigzag varint.</summary>
    I32 = 5,

    /// <summary>Signed 64-bit integer, zigzag varint.</summary>
    I64 = 6,

    /// <summary>IEEE binary64, 8 bytes little-endian.</summary>
    Double = 7,

    /// <summary>Length-prefixed bytes (also strings).</summary>
    Binary = 8,

    /// <summary>List.</summary>
    List = 9,

    /// <summary>Set.</summary>
    Set = 10,

    /// <summary>Map.</summary>
    Map = 11,

    /// <summary>Nested struct.</summary>
    Struct = 12,
}
