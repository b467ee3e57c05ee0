namespace LevBacktest.Parquet.Format;

/// <summary>Page compression codec; values are the Thrift enum <c>CompressionCodec</c> of parquet.thrift.</summary>
public enum ParquetCompressionCodec
{
    /// <summary>No compression.</summary>
    Uncompressed = 0,

    /// <summary>Snappy raw format (no framing).</summary>
    Snappy = 1,

    /// <summary>GZIP (RFC 1952), possibly several concatenated members.</summary>
    Gzip = 2,

    /// <summary>LZO; not supported.</summary>
    Lzo = 3,

    /// <summary>Brotli (RFC 7932).</summary>
    Brotli = 4,

    /// <summary>Deprecated LZ4 with writer-dependent framing; not supported.</summary>
    Lz4 = 5,

    /// <summary>Zstandard frames (RFC 8878).</summary>
    Zstd = 6,

    /// <summary>LZ4 raw block format without framing.</summary>
    Lz4Raw = 7,
}
