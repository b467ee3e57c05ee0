namespace LevBacktest.Core.Data;

/// <summary>Unit of an integer (or floating-point) epoch time column: time elapsed since 1970-01-01T00:00:00Z.</summary>
public enum EpochTimeUnit
{
    /// <summary>Seconds since the Unix epoch.</summary>
    Seconds,

    /// <summary>Milliseconds since the Unix epoch (the engine's own unit).</summary>
    Milliseconds,

    /// <summary>Microseconds since the Unix epoch.</summary>
    Microseconds,

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    Nanoseconds,
}
