namespace LevBacktest.Parquet.Format;

/// <summary>Legacy logical annotation; values are the Thrift enum <c>ConvertedType</c> of parquet.thrift.</summary>
public enum ParquetConvertedType
{
    /// <summary>UTF-8 string.</summary>
    Utf8 = 0,

    /// <summary>Map (nested).</summary>
    Map = 1,

    /// <summary>Map key/value (nested).</summary>
    MapKeyValue = 2,

    /// <summary>List (nested).</summary>
    List = 3,

    /// <summary>Enum as UTF-8 string.</summary>
    Enum = 4,

    /// <summary>Decimal with the schema element's precision and scale.</summary>
    Decimal = 5,

    /// <summary>Days since 1970-01-01.</summary>
    Date = 6,

    /// <summary>Milliseconds since midnight.</summary>
    TimeMillis = 7,

    /// <summary>Microseconds since midnight.</summary>
    TimeMicros = 8,

    /// <summary>Milliseconds since the epoch, UTC.</summary>
    TimestampMillis = 9,

    /// <summary>Microseconds since the epoch, UTC.</summary>
    TimestampMicros = 10,

    /// <summary>Unsigned 8-bit integer.</summary>
    Uint8 = 11,

    /// <summary>Unsigned 16-bit integer.</summary>
    Uint16 = 12,

    /// <summary>Unsigned 32-bit integer.</summary>
    Uint32 = 13,

    /// <summary>Unsigned 64-bit integer.</summary>
    Uint64 = 14,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 15,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 16,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 17,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 18,

    /// <summary>JSON text.</summary>
    Json = 19,

    /// <summary>BSON document.</summary>
    Bson = 20,

    /// <summary>Interval: three little-endian unsigned 32-bit integers (months, days, milliseconds).</summary>
    Interval = 21,
}
