namespace LevBacktest.Parquet;

/// <summary>
/// Kind of a column's effective logical type: the LogicalType union member of parquet.thrift when the reader
/// recognises it, else the equivalent of the legacy ConvertedType, else <see cref="None"/>.
/// </summary>
public enum ParquetLogicalTypeKind
{
    /// <summary>No annotation (or an unrecognised one): values are read as their physical type.</summary>
    None = 0,

    /// <summary>UTF-8 text (LogicalType STRING, ConvertedType UTF8).</summary>
    String,

    /// <summary>Enum label as UTF-8 text.</summary>
    Enum,

    /// <summary>JSON document as UTF-8 text (not parsed).</summary>
    Json,

    /// <summary>BSON document (raw bytes).</summary>
    Bson,

    /// <summary>UUID: FIXED_LEN_BYTE_ARRAY(16), bytes in order.</summary>
    Uuid,

    /// <summary>Days since 1970-01-01 (INT32).</summary>
    Date,

    /// <summary>Time of day in <see cref="ParquetLogicalType.TimeUnit"/> since midnight.</summary>
    Time,

    /// <summary>Instant (or local date-time) in <see cref="ParquetLogicalType.TimeUnit"/> since the Unix epoch.</summary>
    Timestamp,

    /// <summary>Integer of <see cref="ParquetLogicalType.BitWidth"/> bits, signed or unsigned.</summary>
    Integer,

    /// <summary>Decimal: unscaled integer / 10^<see cref="ParquetLogicalType.Scale"/>.</summary>
    Decimal,

    /// <summary>IEEE 754 binary16 in FIXED_LEN_BYTE_ARRAY(2), little-endian.</summary>
    Float16,

    /// <summary>Always null (LogicalType UNKNOWN / NullType).</summary>
    Null,

    /// <summary>Geometry in WKB (raw bytes).</summary>
    Geometry,

    /// <summary>Geography in WKB (raw bytes).</summary>
    Geography,

    /// <summary>Legacy INTERVAL: three little-endian unsigned 32-bit integers (raw bytes).</summary>
    Interval,

    /// <summary>Variant (nested; not readable by this flat reader).</summary>
    Variant,

    /// <summary>Map (nested).</summary>
    Map,

    /// <summary>List (nested).</summary>
    List,
}
