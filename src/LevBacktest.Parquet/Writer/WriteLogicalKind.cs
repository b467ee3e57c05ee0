namespace LevBacktest.Parquet.Writer;

/// <summary>Logical annotation the writer puts on a column's schema element.</summary>
internal enum WriteLogicalKind
{
    /// <summary>No annotation: the physical type says it all.</summary>
    None,

    /// <summary>STRING (legacy UTF8) on BYTE_ARRAY.</summary>
    String,

    /// <summary>TIMESTAMP(isAdjustedToUTC = true, unit) on INT64.</summary>
    Timestamp,

    /// <summary>DATE on INT32.</summary>
    Date,

    /// <summary>DECIMAL(precision, scale) on INT32, INT64 or FIXED_LEN_BYTE_ARRAY.</summary>
    Decimal,
}
