namespace LevBacktest.Parquet;

/// <summary>
/// The effective logical type of a column: the file's LogicalType if present and recognised, else the
/// equivalent of its legacy ConvertedType, else <see cref="ParquetLogicalTypeKind.None"/> (read as the
/// physical type). Source: LogicalTypes.md of apache/parquet-format.
/// </summary>
/// <param name="Kind">Which logical type.</param>
/// <param name="TimeUnit">Unit of TIME and TIMESTAMP; default otherwise.</param>
/// <param name="IsAdjustedToUtc">TIME / TIMESTAMP: the value is a UTC instant (true) or a local wall-clock value (false).</param>
/// <param name="BitWidth">INTEGER: 8, 16, 32 or 64; 0 otherwise.</param>
/// <param name="IsSigned">INTEGER: signed (true) or unsigned (false).</param>
/// <param name="Precision">DECIMAL: number of significant decimal digits.</param>
/// <param name="Scale">DECIMAL: digits after the decimal point.</param>
public sealed record ParquetLogicalType(
    ParquetLogicalTypeKind Kind,
    ParquetTimeUnit TimeUnit = default,
    bool IsAdjustedToUtc = false,
    int BitWidth = 0,
    bool IsSigned = true,
    int Precision = 0,
    int Scale = 0)
{
    /// <summary>The absent annotation.</summary>
    public static readonly ParquetLogicalType None = new(ParquetLogicalTypeKind.None);

    /// <summary>
    /// The type as the conformance corpus's schema files spell it: <c>STRING</c>, <c>INTEGER(8,true)</c>,
    /// <c>DECIMAL(9,2)</c>, <c>TIMESTAMP(MICROS,true)</c>, … or <c>null</c> when none.
    /// </summary>
    public override string ToString() => Kind switch
    {
        ParquetLogicalTypeKind.None => "null",
        ParquetLogicalTypeKind.Integer => $"INTEGER({BitWidth},{(IsSigned ? "true" : "false")})",
        ParquetLogicalTypeKind.Decimal => $"DECIMAL({Precision},{Scale})",
        ParquetLogicalTypeKind.Time => $"TIME({UnitName(TimeUnit)},{(IsAdjustedToUtc ? "true" : "false")})",
        ParquetLogicalTypeKind.Timestamp => $"TIMESTAMP({UnitName(TimeUnit)},{(IsAdjustedToUtc ? "true" : "false")})",
        _ => Kind.ToString().ToUpperInvariant(),
    };

    private static string UnitName(ParquetTimeUnit unit) => unit switch
    {
        ParquetTimeUnit.Millis => "MILLIS",
        ParquetTimeUnit.Micros => "MICROS",
        _ => "NANOS",
    };
}
