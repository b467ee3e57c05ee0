namespace LevBacktest.Parquet.Format;

/// <summary>Parquet physical (storage) type; values are the Thrift enum <c>Type</c> of apache/parquet-format's parquet.thrift.</summary>
public enum ParquetPhysicalType
{
    /// <summary>1-bit boolean.</summary>
    Boolean = 0,

    /// <summary>32-bit signed integer, little-endian.</summary>
    Int32 = 1,

    /// <summary>64-bit signed integer, little-endian.</summary>
    Int64 = 2,

    /// <summary>96-bit legacy timestamp: 8 bytes nanoseconds of day, 4 bytes Julian day (both little-endian).</summary>
    Int96 = 3,

    /// <summary>IEEE 754 binary32.</summary>
    Float = 4,

    /// <summary>IEEE 754 binary64.</summary>
    Double = 5,

    /// <summary>Variable-length bytes (strings, decimals, binary).</summary>
    ByteArray = 6,

    /// <summary>Fixed-length bytes; the length is the schema element's type_length.</summary>
    FixedLenByteArray = 7,
}
