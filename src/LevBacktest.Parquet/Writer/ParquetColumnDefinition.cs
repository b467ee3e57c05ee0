namespace LevBacktest.Parquet.Writer;

/// <summary>
/// One column of a table written by <see cref="ParquetTableWriter"/>: name, type, nullability and the type's
/// parameters. Every <see cref="ParquetWriteColumn"/> has one (<see cref="ParquetWriteColumn.Definition"/>).
/// </summary>
/// <param name="Name">Column name (non-empty; unique within a table).</param>
/// <param name="Type">Physical type with logical annotation.</param>
/// <param name="IsOptional">True for an OPTIONAL (nullable) column, false for REQUIRED.</param>
/// <param name="TimeUnit">Unit of a <see cref="ParquetWriteType.Timestamp"/> column; ignored otherwise.</param>
/// <param name="Precision">Total decimal digits (1–38) of a <see cref="ParquetWriteType.Decimal"/> column; 0 otherwise.</param>
/// <param name="Scale">Digits after the point (0–precision) of a <see cref="ParquetWriteType.Decimal"/> column; 0 otherwise.</param>
public sealed record ParquetColumnDefinition(
    string Name,
    ParquetWriteType Type,
    bool IsOptional = false,
    ParquetTimeUnit TimeUnit = ParquetTimeUnit.Millis,
    int Precision = 0,
    int Scale = 0)
{
    /// <summary>An INT32 column.</summary>
    public static ParquetColumnDefinition Int32(string name, bool optional = false) => new(name, ParquetWriteType.Int32, optional);

    /// <summary>An INT64 column.</summary>
    public static ParquetColumnDefinition Int64(string name, bool optional = false) => new(name, ParquetWriteType.Int64, optional);

    /// <summary>A FLOAT column.</summary>
    public static ParquetColumnDefinition Float(string name, bool optional = false) => new(name, ParquetWriteType.Float, optional);

    /// <summary>A DOUBLE column.</summary>
    public static ParquetColumnDefinition Double(string name, bool optional = false) => new(name, ParquetWriteType.Double, optional);

    /// <summary>A BOOLEAN column.</summary>
    public static ParquetColumnDefinition Boolean(string name, bool optional = false) => new(name, ParquetWriteType.Boolean, optional);

    /// <summary>A STRING column.</summary>
    public static ParquetColumnDefinition String(string name, bool optional = false) => new(name, ParquetWriteType.String, optional);

    /// <summary>A UTC TIMESTAMP column in <paramref name="unit"/> since the Unix epoch.</summary>
    public static ParquetColumnDefinition Timestamp(string name, ParquetTimeUnit unit, bool optional = false) => new(name, ParquetWriteType.Timestamp, optional, unit);

    /// <summary>A DATE column (days since 1970-01-01).</summary>
    public static ParquetColumnDefinition Date(string name, bool optional = false) => new(name, ParquetWriteType.Date, optional);

    /// <summary>A DECIMAL(precision, scale) column.</summary>
    public static ParquetColumnDefinition Decimal(string name, int precision, int scale, bool optional = false) => new(name, ParquetWriteType.Decimal, optional, Precision: precision, Scale: scale);

    /// <summary>Whether a batch of <paramref name="column"/> may be written under this definition (same name and type; nulls only when optional).</summary>
    internal bool Accepts(ParquetWriteColumn column)
    {
        var other = column.Definition;
        return other.Name == Name && other.Type == Type && (IsOptional || !other.IsOptional)
            && (Type != ParquetWriteType.Timestamp || other.TimeUnit == TimeUnit)
            && (Type != ParquetWriteType.Decimal || (other.Precision == Precision && other.Scale == Scale));
    }
}
