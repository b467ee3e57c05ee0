namespace LevBacktest.Core.Data.Sources;

/// <summary>Time meaning carried by a column's type (Parquet logical type), independent of any request.</summary>
internal enum SourceTimeKind
{
    /// <summary>No time meaning in the type: integers are an epoch in an unknown unit, text is ISO-8601.</summary>
    None,

    /// <summary>Integers are UTC epoch milliseconds (TIMESTAMP(MILLIS), or INT96 converted by the reader adapter).</summary>
    TimestampMillis,

    /// <summary>Integers are UTC epoch microseconds (TIMESTAMP(MICROS)).</summary>
    TimestampMicros,

    /// <summary>Integers are UTC epoch nanoseconds (TIMESTAMP(NANOS)).</summary>
    TimestampNanos,

    /// <summary>Integers are days since 1970-01-01 (DATE).</summary>
    DateDays,
}
