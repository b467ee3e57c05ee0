namespace LevBacktest.Parquet;

/// <summary>
/// Column-chunk statistics as stored (Thrift struct <c>Statistics</c>). Minimum and maximum are the raw
/// PLAIN-encoded bytes of the physical type; <see cref="MinValue"/>/<see cref="MaxValue"/> (fields 6/5) use the
/// column's sort order, the deprecated <see cref="LegacyMin"/>/<see cref="LegacyMax"/> (fields 2/1) signed order.
/// </summary>
public sealed class ParquetStatistics
{
    /// <summary>Deprecated maximum (field 1), or null.</summary>
    public byte[]? LegacyMax { get; init; }

    /// <summary>Deprecated minimum (field 2), or null.</summary>
    public byte[]? LegacyMin { get; init; }

    /// <summary>Number of nulls, or null when not written.</summary>
    public long? NullCount { get; init; }

    /// <summary>Number of distinct values, or null when not written.</summary>
    public long? DistinctCount { get; init; }

    /// <summary>Maximum value (field 5), PLAIN bytes, or null.</summary>
    public byte[]? MaxValue { get; init; }

    /// <summary>Minimum value (field 6), PLAIN bytes, or null.</summary>
    public byte[]? MinValue { get; init; }

    /// <summary>Whether <see cref="MaxValue"/> is the exact maximum (not truncated), or null when not written.</summary>
    public bool? IsMaxValueExact { get; init; }

    /// <summary>Whether <see cref="MinValue"/> is the exact minimum (not truncated), or null when not written.</summary>
    public bool? IsMinValueExact { get; init; }

    /// <summary>The best available minimum: <see cref="MinValue"/>, else <see cref="LegacyMin"/>.</summary>
    public byte[]? Min => MinValue ?? LegacyMin;

    /// <summary>The best available maximum: <see cref="MaxValue"/>, else <see cref="LegacyMax"/>.</summary>
    public byte[]? Max => MaxValue ?? LegacyMax;
}
