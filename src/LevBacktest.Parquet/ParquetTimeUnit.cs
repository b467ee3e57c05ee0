namespace LevBacktest.Parquet;

/// <summary>Unit of a TIME or TIMESTAMP logical type; the members of the Thrift union <c>TimeUnit</c> of parquet.thrift (field ids 1–3).</summary>
public enum ParquetTimeUnit
{
    /// <summary>Milliseconds (10⁻³ s).</summary>
    Millis = 1,

    /// <summary>Microseconds (10⁻⁶ s).</summary>
    Micros = 2,

    /// <summary>Nanoseconds (10⁻⁹ s).</summary>
    Nanos = 3,
}
