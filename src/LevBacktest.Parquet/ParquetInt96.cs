namespace LevBacktest.Parquet;

/// <summary>
/// A legacy INT96 timestamp as stored: bytes 0–7 little-endian nanoseconds of the day, bytes 8–11 little-endian
/// Julian day number (Impala / Spark convention; the Julian day of 1970-01-01 is 2,440,588).
/// </summary>
/// <param name="NanosecondsOfDay">Nanoseconds since midnight; 0 ≤ value &lt; 86,400·10⁹ for well-formed data.</param>
/// <param name="JulianDay">Julian day number.</param>
public readonly record struct ParquetInt96(long NanosecondsOfDay, int JulianDay)
{
    /// <summary>Julian day number of the Unix epoch 1970-01-01.</summary>
    public const int UnixEpochJulianDay = 2_440_588;

    /// <summary>Nanoseconds in one day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000L;

    /// <summary>
    /// Nanoseconds since the Unix epoch, (JulianDay − 2440588) · 86400·10⁹ + NanosecondsOfDay, evaluated in
    /// wrapping 64-bit arithmetic as Spark and arrow-rs do. For well-formed values in the 64-bit range this is
    /// the exact instant; for a value Spark wrote with an overflow it recovers the written instant modulo 2⁶⁴
    /// (see <see cref="ToUnixNanosecondsExact"/> for the unbounded value).
    /// </summary>
    public long ToUnixNanosecondsWrapping()
        => unchecked(((JulianDay - (long)UnixEpochJulianDay) * NanosecondsPerDay) + NanosecondsOfDay);

    /// <summary>
    /// The instant as an unbounded integer of nanoseconds since the Unix epoch, following the Spark reading
    /// rule at microsecond resolution: (JulianDay − 2440588) · 86400·10⁶ + NanosecondsOfDay / 1000 in wrapping
    /// 64-bit arithmetic (which undoes Spark's write-side overflow), then the sub-microsecond digits of
    /// NanosecondsOfDay appended. For every well-formed value this equals the plain formula.
    /// </summary>
    public System.Numerics.BigInteger ToUnixNanosecondsExact()
    {
        long micros = unchecked(((JulianDay - (long)UnixEpochJulianDay) * 86_400_000_000L) + (NanosecondsOfDay / 1000));
        long subMicro = NanosecondsOfDay % 1000;
        return ((System.Numerics.BigInteger)micros * 1000) + subMicro;
    }
}
