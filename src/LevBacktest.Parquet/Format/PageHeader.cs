namespace LevBacktest.Parquet.Format;

/// <summary>A decoded page header (Thrift <c>PageHeader</c> with its type-specific header), fields as stored.</summary>
internal struct PageHeader
{
    /// <summary>Page type code as stored.</summary>
    public int Type;

    /// <summary>Bytes of the page body after decompression (for v2: levels + values).</summary>
    public int UncompressedSize;

    /// <summary>Bytes of the page body as stored.</summary>
    public int CompressedSize;

    /// <summary>CRC-32 of the stored page body, when present.</summary>
    public int? Crc;

    /// <summary>Values in the page (data or dictionary), including nulls.</summary>
    public int ValueCount;

    /// <summary>Value encoding code.</summary>
    public int Encoding;

    /// <summary>v1: definition level encoding code.</summary>
    public int DefinitionLevelEncoding;

    /// <summary>v2: number of nulls.</summary>
    public int NullCount;

    /// <summary>v2: number of rows.</summary>
    public int RowCount;

    /// <summary>v2: bytes of definition levels (stored uncompressed before the values).</summary>
    public int DefinitionLevelsByteLength;

    /// <summary>v2: bytes of repetition levels (stored uncompressed first).</summary>
    public int RepetitionLevelsByteLength;

    /// <summary>v2: whether the values section is compressed (default true).</summary>
    public bool IsCompressed;

    /// <summary>Which sub-header was present: 0 none, 1 data v1, 2 dictionary, 3 data v2, 4 index.</summary>
    public int SubHeader;

    /// <summary>Bytes the Thrift header took.</summary>
    public int HeaderLength;
}
