using System.Globalization;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet;

/// <summary>The names parquet.thrift gives its enum members (e.g. <c>RLE_DICTIONARY</c>, <c>LZ4_RAW</c>, <c>INT_8</c>), for messages and tools.</summary>
public static class ParquetNames
{
    /// <summary>Name of a physical type, e.g. <c>FIXED_LEN_BYTE_ARRAY</c>; the number for an unknown code.</summary>
    public static string Of(ParquetPhysicalType type) => type switch
    {
        ParquetPhysicalType.Boolean => "BOOLEAN",
        ParquetPhysicalType.Int32 => "INT32",
        ParquetPhysicalType.Int64 => "INT64",
        ParquetPhysicalType.Int96 => "INT96",
        ParquetPhysicalType.Float => "FLOAT",
        ParquetPhysicalType.Double => "DOUBLE",
        ParquetPhysicalType.ByteArray => "BYTE_ARRAY",
        ParquetPhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        _ => Number((int)type),
    };

    /// <summary>Name of a compression codec, e.g. <c>LZ4_RAW</c>.</summary>
    public static string Of(ParquetCompressionCodec codec) => codec switch
    {
        ParquetCompressionCodec.Uncompressed => "UNCOMPRESSED",
        ParquetCompressionCodec.Snappy => "SNAPPY",
        ParquetCompressionCodec.Gzip => "GZIP",
        ParquetCompressionCodec.Lzo => "LZO",
        ParquetCompressionCodec.Brotli => "BROTLI",
        ParquetCompressionCodec.Lz4 => "LZ4",
        ParquetCompressionCodec.Zstd => "ZSTD",
        ParquetCompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => Number((int)codec),
    };

    /// <summary>Name of an encoding, e.g. <c>DELTA_BINARY_PACKED</c>.</summary>
    public static string Of(ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.Plain => "PLAIN",
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.Rle => "RLE",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => Number((int)encoding),
    };

    /// <summary>Name of a legacy converted type, e.g. <c>TIMESTAMP_MICROS</c>.</summary>
    public static string Of(ParquetConvertedType converted) => converted switch
    {
        ParquetConvertedType.Utf8 => "UTF8",
        ParquetConvertedType.Map => "MAP",
        ParquetConvertedType.MapKeyValue => "MAP_KEY_VALUE",
        ParquetConvertedType.List => "LIST",
        ParquetConvertedType.Enum => "ENUM",
        ParquetConvertedType.Decimal => "DECIMAL",
        ParquetConvertedType.Date => "DATE",
        ParquetConvertedType.TimeMillis => "TIME_MILLIS",
        ParquetConvertedType.TimeMicros => "TIME_MICROS",
        ParquetConvertedType.TimestampMillis => "TIMESTAMP_MILLIS",
        ParquetConvertedType.TimestampMicros => "TIMESTAMP_MICROS",
        ParquetConvertedType.Uint8 => "UINT_8",
        ParquetConvertedType.Uint16 => "UINT_16",
        ParquetConvertedType.Uint32 => "UINT_32",
        ParquetConvertedType.Uint64 => "UINT_64",
        ParquetConvertedType.Int8 => "INT_8",
        ParquetConvertedType.Int16 => "INT_16",
        ParquetConvertedType.Int32 => "INT_32",
        ParquetConvertedType.Int64 => "INT_64",
        ParquetConvertedType.Json => "JSON",
        ParquetConvertedType.Bson => "BSON",
        ParquetConvertedType.Interval => "INTERVAL",
        _ => Number((int)converted),
    };

    /// <summary>Name of a repetition, e.g. <c>OPTIONAL</c>.</summary>
    public static string Of(ParquetRepetition repetition) => repetition switch
    {
        ParquetRepetition.Required => "REQUIRED",
        ParquetRepetition.Optional => "OPTIONAL",
        ParquetRepetition.Repeated => "REPEATED",
        _ => Number((int)repetition),
    };

    private static string Number(int code) => code.ToString(CultureInfo.InvariantCulture);
}
