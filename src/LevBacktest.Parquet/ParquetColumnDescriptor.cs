using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet;

/// <summary>A flat leaf column of a Parquet schema (a primitive field directly below the root).</summary>
public sealed class ParquetColumnDescriptor
{
    internal ParquetColumnDescriptor(
        string name,
        int index,
        ParquetPhysicalType physicalType,
        int typeLength,
        ParquetRepetition repetition,
        ParquetConvertedType? convertedType,
        ParquetLogicalType logicalType,
        int precision,
        int scale,
        bool hasUnrecognisedLogicalType)
    {
        Name = name;
        Index = index;
        PhysicalType = physicalType;
        TypeLength = typeLength;
        Repetition = repetition;
        ConvertedType = convertedType;
        LogicalType = logicalType;
        Precision = precision;
        Scale = scale;
        HasUnrecognisedLogicalType = hasUnrecognisedLogicalType;
    }

    /// <summary>The leaf SchemaElement's name exactly as stored (may contain spaces or punctuation).</summary>
    public string Name { get; }

    /// <summary>Zero-based position among the file's leaf columns (the column chunk index in each row group).</summary>
    public int Index { get; }

    /// <summary>Storage type.</summary>
    public ParquetPhysicalType PhysicalType { get; }

    /// <summary>Bytes per value of a FIXED_LEN_BYTE_ARRAY column; 0 for other types.</summary>
    public int TypeLength { get; }

    /// <summary>REQUIRED (no nulls) or OPTIONAL (nullable).</summary>
    public ParquetRepetition Repetition { get; }

    /// <summary>The legacy ConvertedType annotation as stored, or null when the file sets none.</summary>
    public ParquetConvertedType? ConvertedType { get; }

    /// <summary>The effective logical type (recognised LogicalType, else the ConvertedType's equivalent, else None).</summary>
    public ParquetLogicalType LogicalType { get; }

    /// <summary>DECIMAL precision (digits), else 0.</summary>
    public int Precision { get; }

    /// <summary>DECIMAL scale (digits after the point), else 0.</summary>
    public int Scale { get; }

    /// <summary>The file sets a LogicalType this reader does not know; values are read as the physical type.</summary>
    public bool HasUnrecognisedLogicalType { get; }

    /// <summary>True when the column may hold nulls (OPTIONAL).</summary>
    public bool IsOptional => Repetition == ParquetRepetition.Optional;

    /// <summary>Physical type as the schema files print it, e.g. <c>FIXED_LEN_BYTE_ARRAY(16)</c>.</summary>
    public string PhysicalTypeName => PhysicalType == ParquetPhysicalType.FixedLenByteArray
        ? $"FIXED_LEN_BYTE_ARRAY({TypeLength})"
        : ParquetNames.Of(PhysicalType);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {PhysicalTypeName} {LogicalType} {ParquetNames.Of(Repetition)}";
}
