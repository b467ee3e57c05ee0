namespace LevBacktest.Parquet.Format;

/// <summary>Value and level encodings; values are the Thrift enum <c>Encoding</c> of parquet.thrift.</summary>
public enum ParquetEncoding
{
    /// <summary>Plain little-endian values; length-prefixed byte arrays.</summary>
    Plain = 0,

    /// <summary>Deprecated name for dictionary encoding in data page v1 files.</summary>
    PlainDictionary = 2,

    /// <summary>RLE / bit-packed hybrid (levels, booleans).</summary>
    Rle = 3,

    /// <summary>Deprecated bit-packed levels.</summary>
    BitPacked = 4,

    /// <summary>Delta encoding of integers in blocks of bit-packed miniblocks.</summary>
    DeltaBinaryPacked = 5,

    /// <summary>Delta-encoded lengths followed by the concatenated bytes.</summary>
    DeltaLengthByteArray = 6,

    /// <summary>Incremental (prefix) encoding of byte arrays.</summary>
    DeltaByteArray = 7,

    /// <summary>Dictionary indices in the RLE / bit-packed hybrid, prefixed by the bit width.</summary>
    RleDictionary = 8,

    /// <summary>Bytes of each value split into separate streams.</summary>
    ByteStreamSplit = 9,
}
