using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Library;

/// <summary>
/// Our view of a file's schema from ParquetSharp's: the flat leaf columns (directly below the root, not
/// REPEATED) with physical type, effective logical type, legacy converted type and repetition; every other
/// leaf is listed as a nested path. The library already derives a logical type from a legacy converted type
/// (LogicalTypes.md, "backward compatibility"), so its logical type is the effective one.
/// </summary>
internal static class LibrarySchema
{
    /// <summary>Builds the schema of an open file.</summary>
    public static ParquetSchema Build(ParquetSharp.SchemaDescriptor schema)
    {
        var flat = new List<ParquetColumnDescriptor>();
        var nested = new List<string>();
        for (int index = 0; index < schema.NumColumns; index++)
        {
            var column = schema.Column(index);
            using var path = column.Path;
            string[] parts = path.ToDotVector();
            using var node = column.SchemaNode;
            if (parts.Length != 1 || node.Repetition == ParquetSharp.Repetition.Repeated || column.MaxRepetitionLevel > 0)
            {
                nested.Add(string.Join('.', parts));
                continue;
            }

            var physical = PhysicalType(column.PhysicalType);
            var (logical, unrecognised) = LogicalType(column);
            flat.Add(new ParquetColumnDescriptor(
                parts[0],
                index,
                physical,
                physical == ParquetPhysicalType.FixedLenByteArray ? column.TypeLength : 0,
                node.Repetition == ParquetSharp.Repetition.Required ? ParquetRepetition.Required : ParquetRepetition.Optional,
                ConvertedType(node.ConvertedType),
                logical,
                logical.Kind == ParquetLogicalTypeKind.Decimal ? logical.Precision : 0,
                logical.Kind == ParquetLogicalTypeKind.Decimal ? logical.Scale : 0,
                unrecognised));
        }

        return new ParquetSchema(flat, nested);
    }

    /// <summary>Our physical type of the library's.</summary>
    public static ParquetPhysicalType PhysicalType(ParquetSharp.PhysicalType type) => type switch
    {
        ParquetSharp.PhysicalType.Boolean => ParquetPhysicalType.Boolean,
        ParquetSharp.PhysicalType.Int32 => ParquetPhysicalType.Int32,
        ParquetSharp.PhysicalType.Int64 => ParquetPhysicalType.Int64,
        ParquetSharp.PhysicalType.Int96 => ParquetPhysicalType.Int96,
        ParquetSharp.PhysicalType.Float => ParquetPhysicalType.Float,
        ParquetSharp.PhysicalType.Double => ParquetPhysicalType.Double,
        ParquetSharp.PhysicalType.ByteArray => ParquetPhysicalType.ByteArray,
        ParquetSharp.PhysicalType.FixedLenByteArray => ParquetPhysicalType.FixedLenByteArray,
        _ => throw new ParquetFormatException("the footer's schema is corrupt: a column has an unknown physical type"),
    };

    /// <summary>The effective logical type, and whether the file names one the library does not model (read physically).</summary>
    private static (ParquetLogicalType Logical, bool Unrecognised) LogicalType(ParquetSharp.ColumnDescriptor column)
    {
        ParquetSharp.LogicalType type;
        try
        {
            type = column.LogicalType;
        }
        catch (ArgumentOutOfRangeException exception)
        {
            // ParquetSharp 25 knows GEOMETRY, GEOGRAPHY and VARIANT only by name: "unknown logical type Geometry".
            string message = exception.Message;
            foreach (var kind in new[] { ParquetLogicalTypeKind.Geometry, ParquetLogicalTypeKind.Geography, ParquetLogicalTypeKind.Variant })
            {
                if (message.Contains($"logical type {kind}", StringComparison.OrdinalIgnoreCase))
                {
                    return (new ParquetLogicalType(kind), false);
                }
            }

            return (ParquetLogicalType.None, true);
        }

        using (type)
        {
            var logical = type switch
            {
                ParquetSharp.StringLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.String),
                ParquetSharp.EnumLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Enum),
                ParquetSharp.JsonLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Json),
                ParquetSharp.BsonLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Bson),
                ParquetSharp.UuidLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Uuid),
                ParquetSharp.DateLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Date),
                ParquetSharp.TimeLogicalType time => new ParquetLogicalType(ParquetLogicalTypeKind.Time, Unit(time.TimeUnit), time.IsAdjustedToUtc),
                ParquetSharp.TimestampLogicalType stamp => new ParquetLogicalType(ParquetLogicalTypeKind.Timestamp, Unit(stamp.TimeUnit), stamp.IsAdjustedToUtc),
                ParquetSharp.IntLogicalType integer => new ParquetLogicalType(ParquetLogicalTypeKind.Integer, BitWidth: integer.BitWidth, IsSigned: integer.IsSigned),
                ParquetSharp.DecimalLogicalType dec => new ParquetLogicalType(ParquetLogicalTypeKind.Decimal, Precision: dec.Precision, Scale: dec.Scale),
                ParquetSharp.Float16LogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Float16),
                ParquetSharp.NullLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Null),
                ParquetSharp.IntervalLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Interval),
                ParquetSharp.MapLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.Map),
                ParquetSharp.ListLogicalType => new ParquetLogicalType(ParquetLogicalTypeKind.List),
                ParquetSharp.NoneLogicalType => ParquetLogicalType.None,
                _ => null,
            };
            return logical is null ? (ParquetLogicalType.None, true) : (logical, false);
        }
    }

    private static ParquetTimeUnit Unit(ParquetSharp.TimeUnit unit) => unit switch
    {
        ParquetSharp.TimeUnit.Millis => ParquetTimeUnit.Millis,
        ParquetSharp.TimeUnit.Micros => ParquetTimeUnit.Micros,
        ParquetSharp.TimeUnit.Nanos => ParquetTimeUnit.Nanos,
        _ => throw new ParquetFormatException($"unknown time unit {unit}"),
    };

    /// <summary>The legacy converted type as stored, or null when none.</summary>
    private static ParquetConvertedType? ConvertedType(ParquetSharp.Schema.ConvertedType converted)
        => converted is ParquetSharp.Schema.ConvertedType.None or ParquetSharp.Schema.ConvertedType.NA or ParquetSharp.Schema.ConvertedType.Undefined
            ? null
            : Enum.TryParse(converted.ToString(), ignoreCase: true, out ParquetConvertedType ours) ? ours : null;
}
