namespace LevBacktest.Parquet.Format;

/// <summary>Page kind; values are the Thrift enum <c>PageType</c> of parquet.thrift.</summary>
public enum ParquetPageType
{
    /// <summary>Data page, version 1 (levels and values compressed together).</summary>
    DataPage = 0,

    /// <summary>Column index page (not read).</summary>
    IndexPage = 1,

    /// <summary>Dictionary page.</summary>
    DictionaryPage = 2,

    /// <summary>Data page, version 2 (levels stored uncompressed before the values).</summary>
    DataPageV2 = 3,
}
