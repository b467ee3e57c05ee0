namespace LevBacktest.Parquet.Writer;

/// <summary>What a written column holds: its physical type together with its logical annotation.</summary>
public enum ParquetWriteType
{
    /// <summary>INT32, no annotation.</summary>
    Int32,

    /// <summary>INT64, no annotation (e.g. epoch milliseconds kept as plain integers).</summary>
    Int64,

    /// <summary>FLOAT (IEEE 754 binary32).</summary>
    Float,

    /// <summary>DOUBLE (IEEE 754 binary64).</summary>
    Double,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>BYTE_ARRAY of UTF-8 text, annotated STRING.</summary>
    String,

    /// <summary>INT64 counts of a time unit since 1970-01-01T00:00:00Z, annotated TIMESTAMP(isAdjustedToUTC = true, unit).</summary>
    Timestamp,

    /// <summary>INT32 days since 1970-01-01, annotated DATE.</summary>
    Date,

    /// <summary>DECIMAL(precision, scale) on INT32 (precision ≤ 9), INT64 (≤ 18) or FIXED_LEN_BYTE_ARRAY.</summary>
    Decimal,
}
