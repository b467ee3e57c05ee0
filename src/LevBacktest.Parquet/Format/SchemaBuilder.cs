namespace LevBacktest.Parquet.Format;

/// <summary>
/// Turns the footer's depth-first list of schema elements into the flat leaf columns this reader reads, and
/// the dotted paths of nested leaves (below a group, or REPEATED) it does not.
/// </summary>
internal static class SchemaBuilder
{
    private const int MaxDepth = 100;

    /// <summary>Builds the schema; <paramref name="leafCount"/> counts every leaf (flat or nested), the number of column chunks per row group.</summary>
    public static ParquetSchema Build(string fileName, List<SchemaElement> elements, out int leafCount)
    {
        if (elements.Count == 0)
        {
            throw new ParquetFormatException($"{fileName}: the footer's schema is empty");
        }

        var flat = new List<ParquetColumnDescriptor>();
        var nested = new List<string>();
        var root = elements[0];
        int rootChildren = root.ChildCount ?? 0;
        if (rootChildren < 0 || rootChildren > elements.Count - 1)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: the root claims {rootChildren} children but {elements.Count - 1} elements follow");
        }

        int cursor = 1;
        int leaves = 0;
        for (int child = 0; child < rootChildren; child++)
        {
            Walk(fileName, elements, ref cursor, ref leaves, 1, "", isNested: false, flat, nested);
        }

        if (cursor != elements.Count)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: {elements.Count - cursor} elements are not reachable from the root");
        }

        leafCount = leaves;
        return new ParquetSchema(flat, nested);
    }

    private static void Walk(string fileName, List<SchemaElement> elements, ref int cursor, ref int leaves, int depth, string parentPath, bool isNested, List<ParquetColumnDescriptor> flat, List<string> nested)
    {
        if (cursor >= elements.Count)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: a group claims more children than the schema holds");
        }

        if (depth > MaxDepth)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: nested deeper than {MaxDepth} levels");
        }

        var element = elements[cursor++];
        string path = parentPath.Length == 0 ? element.Name : parentPath + "." + element.Name;
        if (element.Repetition is int repetitionCode && repetitionCode is < 0 or > 2)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: column '{path}' has invalid repetition type {repetitionCode}");
        }

        bool repeated = element.Repetition == (int)ParquetRepetition.Repeated;
        if (element.ChildCount is int children && (children > 0 || element.Type is null))
        {
            if (children < 0 || children > elements.Count - cursor)
            {
                throw new ParquetFormatException($"{fileName}: corrupt schema: group '{path}' claims {children} children but {elements.Count - cursor} elements follow");
            }

            for (int i = 0; i < children; i++)
            {
                Walk(fileName, elements, ref cursor, ref leaves, depth + 1, path, isNested: true, flat, nested);
            }

            if (children == 0)
            {
                nested.Add(path);
            }

            return;
        }

        int index = leaves++;
        if (element.Type is not int typeCode || typeCode is < 0 or > 7)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: column '{path}' has invalid physical type {(element.Type is int t ? t.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(missing)")}");
        }

        var physical = (ParquetPhysicalType)typeCode;
        if (physical == ParquetPhysicalType.FixedLenByteArray && element.TypeLength <= 0)
        {
            throw new ParquetFormatException($"{fileName}: corrupt schema: FIXED_LEN_BYTE_ARRAY column '{path}' has type_length {element.TypeLength}");
        }

        if (isNested || repeated)
        {
            nested.Add(path);
            return;
        }

        ParquetConvertedType? converted = element.ConvertedType is int code ? (ParquetConvertedType)code : null;
        var logical = element.LogicalType ?? FromConvertedType(converted, element);
        var repetition = element.Repetition is int r ? (ParquetRepetition)r : ParquetRepetition.Optional;
        flat.Add(new ParquetColumnDescriptor(
            element.Name,
            index,
            physical,
            physical == ParquetPhysicalType.FixedLenByteArray ? element.TypeLength : 0,
            repetition,
            converted,
            logical,
            logical.Kind == ParquetLogicalTypeKind.Decimal ? logical.Precision : 0,
            logical.Kind == ParquetLogicalTypeKind.Decimal ? logical.Scale : 0,
            element.HasUnrecognisedLogicalType));
    }

    /// <summary>The LogicalType equivalent of a legacy ConvertedType (LogicalTypes.md, "backward compatibility").</summary>
    private static ParquetLogicalType FromConvertedType(ParquetConvertedType? converted, SchemaElement element) => converted switch
    {
        null => ParquetLogicalType.None,
        ParquetConvertedType.Utf8 => new(ParquetLogicalTypeKind.String),
        ParquetConvertedType.Enum => new(ParquetLogicalTypeKind.Enum),
        ParquetConvertedType.Json => new(ParquetLogicalTypeKind.Json),
        ParquetConvertedType.Bson => new(ParquetLogicalTypeKind.Bson),
        ParquetConvertedType.Decimal => new(ParquetLogicalTypeKind.Decimal, Precision: element.Precision, Scale: element.Scale),
        ParquetConvertedType.Date => new(ParquetLogicalTypeKind.Date),
        ParquetConvertedType.TimeMillis => new(ParquetLogicalTypeKind.Time, ParquetTimeUnit.Millis, true),
        ParquetConvertedType.TimeMicros => new(ParquetLogicalTypeKind.Time, ParquetTimeUnit.Micros, true),
        ParquetConvertedType.TimestampMillis => new(ParquetLogicalTypeKind.Timestamp, ParquetTimeUnit.Millis, true),
        ParquetConvertedType.TimestampMicros => new(ParquetLogicalTypeKind.Timestamp, ParquetTimeUnit.Micros, true),
        ParquetConvertedType.Uint8 => new(ParquetLogicalTypeKind.Integer, BitWidth: 8, IsSigned: false),
        ParquetConvertedType.Uint16 => new(ParquetLogicalTypeKind.Integer, BitWidth: 16, IsSigned: false),
        ParquetConvertedType.Uint32 => new(ParquetLogicalTypeKind.Integer, BitWidth: 32, IsSigned: false),
        ParquetConvertedType.Uint64 => new(ParquetLogicalTypeKind.Integer, BitWidth: 64, IsSigned: false),
        ParquetConvertedType.Int8 => new(ParquetLogicalTypeKind.Integer, BitWidth: 8, IsSigned: true),
        ParquetConvertedType.Int16 => new(ParquetLogicalTypeKind.Integer, BitWidth: 16, IsSigned: true),
        ParquetConvertedType.Int32 => new(ParquetLogicalTypeKind.Integer, BitWidth: 32, IsSigned: true),
        ParquetConvertedType.Int64 => new(ParquetLogicalTypeKind.Integer, BitWidth: 64, IsSigned: true),
        ParquetConvertedType.Interval => new(ParquetLogicalTypeKind.Interval),
        ParquetConvertedType.Map or ParquetConvertedType.MapKeyValue => new(ParquetLogicalTypeKind.Map),
        ParquetConvertedType.List => new(ParquetLogicalTypeKind.List),
        _ => ParquetLogicalType.None,
    };
}
