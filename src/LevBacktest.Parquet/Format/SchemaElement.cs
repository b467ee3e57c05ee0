namespace LevBacktest.Parquet.Format;

/// <summary>One entry of the footer's flattened schema (Thrift <c>SchemaElement</c>), as stored.</summary>
internal sealed class SchemaElement
{
    /// <summary>Physical type code as stored (null for groups); may be out of the enum's range in corrupt files.</summary>
    public int? Type { get; set; }

    /// <summary>FIXED_LEN_BYTE_ARRAY length.</summary>
    public int TypeLength { get; set; }

    /// <summary>Repetition code as stored, or null.</summary>
    public int? Repetition { get; set; }

    /// <summary>Field name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Children count for groups, or null for leaves.</summary>
    public int? ChildCount { get; set; }

    /// <summary>Legacy converted type code, or null.</summary>
    public int? ConvertedType { get; set; }

    /// <summary>DECIMAL scale (legacy location).</summary>
    public int Scale { get; set; }

    /// <summary>DECIMAL precision (legacy location).</summary>
    public int Precision { get; set; }

    /// <summary>Recognised LogicalType, or null when absent or unrecognised.</summary>
    public ParquetLogicalType? LogicalType { get; set; }

    /// <summary>A LogicalType was present but of a kind this reader does not know.</summary>
    public bool HasUnrecognisedLogicalType { get; set; }
}
