namespace LevBacktest.Parquet.Format;

/// <summary>Field repetition; values are the Thrift enum <c>FieldRepetitionType</c> of parquet.thrift.</summary>
public enum ParquetRepetition
{
    /// <summary>Exactly one value per row.</summary>
    Required = 0,

    /// <summary>Zero or one value per row (nullable).</summary>
    Optional = 1,

    /// <summary>Zero or more values per row (nested; not supported by this flat reader).</summary>
    Repeated = 2,
}
