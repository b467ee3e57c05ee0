using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet.Format;

/// <summary>The raw content of a footer: schema elements as stored plus the public metadata.</summary>
internal sealed class DecodedFooter
{
    public required List<SchemaElement> Schema { get; init; }

    public required long RowCount { get; init; }

    public required int Version { get; init; }

    public required List<ParquetRowGroupMetadata> RowGroups { get; init; }

    public required List<KeyValuePair<string, string?>> KeyValueMetadata { get; init; }

    public string? CreatedBy { get; init; }

    public bool HasEncryptionAlgorithm { get; init; }
}

/// <summary>
/// Decodes the Thrift <c>FileMetaData</c> struct of parquet.thrift (apache/parquet-format) and the structs below
/// it. Field ids follow parquet.thrift; unknown fields are skipped as the compact protocol requires.
/// </summary>
internal static class FileMetadataDecoder
{
    /// <summary>Decodes a footer; throws <see cref="ParquetFormatException"/> on malformed Thrift.</summary>
    public static DecodedFooter Decode(ref ThriftCompactReader reader)
    {
        int version = 0;
        long rowCount = -1;
        List<SchemaElement>? schema = null;
        var rowGroups = new List<ParquetRowGroupMetadata>();
        var keyValues = new List<KeyValuePair<string, string?>>();
        string? createdBy = null;
        bool encrypted = false;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1:
                    version = reader.ReadI32Field(type);
                    break;
                case 2:
                    {
                        int count = reader.ReadListHeader(type, out ThriftType elementType);
                        RequireStructElements(ref reader, elementType, count, "schema");
                        schema = new List<SchemaElement>(count);
                        for (int i = 0; i < count; i++)
                        {
                            schema.Add(DecodeSchemaElement(ref reader));
                        }

                        break;
                    }

                case 3:
                    rowCount = reader.ReadI64Field(type);
                    break;
                case 4:
                    {
                        int count = reader.ReadListHeader(type, out ThriftType elementType);
                        RequireStructElements(ref reader, elementType, count, "row_groups");
                        for (int i = 0; i < count; i++)
                        {
                            rowGroups.Add(DecodeRowGroup(ref reader, i));
                        }

                        break;
                    }

                case 5:
                    DecodeKeyValues(ref reader, type, keyValues);
                    break;
                case 6:
                    createdBy = reader.ReadString(type);
                    break;
                case 8:
                    encrypted = true;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (schema is null)
        {
            throw reader.Corrupt("FileMetaData has no schema");
        }

        if (rowCount < 0)
        {
            throw reader.Corrupt(rowCount == -1 ? "FileMetaData has no num_rows" : $"negative num_rows {rowCount}");
        }

        return new DecodedFooter
        {
            Schema = schema,
            RowCount = rowCount,
            Version = version,
            RowGroups = rowGroups,
            KeyValueMetadata = keyValues,
            CreatedBy = createdBy,
            HasEncryptionAlgorithm = encrypted,
        };
    }

    private static void RequireStructElements(ref ThriftCompactReader reader, ThriftType elementType, int count, string field)
    {
        if (count > 0 && elementType != ThriftType.Struct)
        {
            throw reader.Corrupt($"{field} list holds type code {(int)elementType}, expected structs");
        }
    }

    private static SchemaElement DecodeSchemaElement(ref ThriftCompactReader reader)
    {
        var element = new SchemaElement();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: element.Type = reader.ReadI32Field(type); break;
                case 2: element.TypeLength = reader.ReadI32Field(type); break;
                case 3: element.Repetition = reader.ReadI32Field(type); break;
                case 4: element.Name = reader.ReadString(type); break;
                case 5: element.ChildCount = reader.ReadI32Field(type); break;
                case 6: element.ConvertedType = reader.ReadI32Field(type); break;
                case 7: element.Scale = reader.ReadI32Field(type); break;
                case 8: element.Precision = reader.ReadI32Field(type); break;
                case 10:
                    if (type != ThriftType.Struct)
                    {
                        throw reader.Corrupt($"logicalType of '{element.Name}' is not a struct");
                    }

                    element.LogicalType = DecodeLogicalType(ref reader, out bool unrecognised);
                    element.HasUnrecognisedLogicalType = unrecognised;
                    break;
                default: reader.Skip(type); break;
            }
        }

        return element;
    }

    /// <summary>Decodes the LogicalType union; returns null (and flags it) for a member this reader does not know.</summary>
    private static ParquetLogicalType? DecodeLogicalType(ref ThriftCompactReader reader, out bool unrecognised)
    {
        ParquetLogicalType? result = null;
        unrecognised = false;
        bool any = false;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            any = true;
            if (type != ThriftType.Struct)
            {
                reader.Skip(type);
                unrecognised = true;
                continue;
            }

            switch (id)
            {
                case 1: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.String); break;
                case 2: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Map); break;
                case 3: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.List); break;
                case 4: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Enum); break;
                case 5: result = DecodeDecimal(ref reader); break;
                case 6: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Date); break;
                case 7: result = DecodeTimeOrTimestamp(ref reader, ParquetLogicalTypeKind.Time); break;
                case 8: result = DecodeTimeOrTimestamp(ref reader, ParquetLogicalTypeKind.Timestamp); break;
                case 10: result = DecodeInteger(ref reader); break;
                case 11: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Null); break;
                case 12: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Json); break;
                case 13: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Bson); break;
                case 14: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Uuid); break;
                case 15: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Float16); break;
                case 16: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Variant); break;
                case 17: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Geometry); break;
                case 18: reader.Skip(type); result = new ParquetLogicalType(ParquetLogicalTypeKind.Geography); break;
                default: reader.Skip(type); unrecognised = true; break;
            }
        }

        if (!any)
        {
            unrecognised = true;
        }

        return unrecognised ? null : result;
    }

    private static ParquetLogicalType DecodeDecimal(ref ThriftCompactReader reader)
    {
        int scale = 0;
        int precision = 0;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: scale = reader.ReadI32Field(type); break;
                case 2: precision = reader.ReadI32Field(type); break;
                default: reader.Skip(type); break;
            }
        }

        return new ParquetLogicalType(ParquetLogicalTypeKind.Decimal, Precision: precision, Scale: scale);
    }

    private static ParquetLogicalType DecodeTimeOrTimestamp(ref ThriftCompactReader reader, ParquetLogicalTypeKind kind)
    {
        bool utc = false;
        var unit = ParquetTimeUnit.Millis;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: utc = reader.ReadBoolField(type); break;
                case 2:
                    if (type != ThriftType.Struct)
                    {
                        throw reader.Corrupt("time unit is not a struct");
                    }

                    unit = DecodeTimeUnit(ref reader);
                    break;
                default: reader.Skip(type); break;
            }
        }

        return new ParquetLogicalType(kind, unit, utc);
    }

    private static ParquetTimeUnit DecodeTimeUnit(ref ThriftCompactReader reader)
    {
        ParquetTimeUnit? unit = null;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            if (id is >= 1 and <= 3)
            {
                unit = (ParquetTimeUnit)id;
            }

            reader.Skip(type);
        }

        return unit ?? throw reader.Corrupt("time unit names no unit");
    }

    private static ParquetLogicalType DecodeInteger(ref ThriftCompactReader reader)
    {
        int bitWidth = 0;
        bool signed = true;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: bitWidth = reader.ReadI32Field(type); break;
                case 2: signed = reader.ReadBoolField(type); break;
                default: reader.Skip(type); break;
            }
        }

        if (bitWidth is not (8 or 16 or 32 or 64))
        {
            throw reader.Corrupt($"INTEGER logical type with bit width {bitWidth}");
        }

        return new ParquetLogicalType(ParquetLogicalTypeKind.Integer, BitWidth: bitWidth, IsSigned: signed);
    }

    private static void DecodeKeyValues(ref ThriftCompactReader reader, ThriftType type, List<KeyValuePair<string, string?>> into)
    {
        int count = reader.ReadListHeader(type, out ThriftType elementType);
        RequireStructElements(ref reader, elementType, count, "key_value_metadata");
        for (int i = 0; i < count; i++)
        {
            string key = "";
            string? value = null;
            short last = 0;
            while (reader.ReadFieldHeader(ref last, out ThriftType fieldType, out short id))
            {
                switch (id)
                {
                    case 1: key = reader.ReadString(fieldType); break;
                    case 2: value = reader.ReadString(fieldType); break;
                    default: reader.Skip(fieldType); break;
                }
            }

            into.Add(new KeyValuePair<string, string?>(key, value));
        }
    }

    private static ParquetRowGroupMetadata DecodeRowGroup(ref ThriftCompactReader reader, int index)
    {
        var columns = new List<ParquetColumnChunkMetadata>();
        long totalByteSize = 0;
        long rowCount = -1;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1:
                    {
                        int count = reader.ReadListHeader(type, out ThriftType elementType);
                        RequireStructElements(ref reader, elementType, count, "columns");
                        for (int i = 0; i < count; i++)
                        {
                            columns.Add(DecodeColumnChunk(ref reader));
                        }

                        break;
                    }

                case 2: totalByteSize = reader.ReadI64Field(type); break;
                case 3: rowCount = reader.ReadI64Field(type); break;
                default: reader.Skip(type); break;
            }
        }

        if (rowCount < 0)
        {
            throw reader.Corrupt($"row group {index} has {(rowCount == -1 ? "no num_rows" : $"negative num_rows {rowCount}")}");
        }

        return new ParquetRowGroupMetadata { Index = index, RowCount = rowCount, TotalByteSize = totalByteSize, Columns = columns };
    }

    private static ParquetColumnChunkMetadata DecodeColumnChunk(ref ThriftCompactReader reader)
    {
        string? filePath = null;
        bool encrypted = false;
        ParquetColumnChunkMetadata? meta = null;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: filePath = reader.ReadString(type); break;
                case 3:
                    if (type != ThriftType.Struct)
                    {
                        throw reader.Corrupt("meta_data is not a struct");
                    }

                    meta = DecodeColumnMetaData(ref reader);
                    break;
                case 8:
                case 9:
                    encrypted = true;
                    reader.Skip(type);
                    break;
                default: reader.Skip(type); break;
            }
        }

        if (meta is null)
        {
            if (!encrypted)
            {
                throw reader.Corrupt("column chunk has no meta_data");
            }

            return new ParquetColumnChunkMetadata
            {
                Path = "",
                PhysicalType = default,
                Codec = default,
                Encodings = [],
                ValueCount = 0,
                TotalCompressedSize = 0,
                TotalUncompressedSize = 0,
                DataPageOffset = 0,
                IsEncrypted = true,
                ExternalFilePath = filePath,
            };
        }

        return new ParquetColumnChunkMetadata
        {
            Path = meta.Path,
            PhysicalType = meta.PhysicalType,
            Codec = meta.Codec,
            Encodings = meta.Encodings,
            ValueCount = meta.ValueCount,
            TotalCompressedSize = meta.TotalCompressedSize,
            TotalUncompressedSize = meta.TotalUncompressedSize,
            DataPageOffset = meta.DataPageOffset,
            DictionaryPageOffset = meta.DictionaryPageOffset,
            Statistics = meta.Statistics,
            KeyValueMetadata = meta.KeyValueMetadata,
            IsEncrypted = encrypted,
            ExternalFilePath = filePath,
        };
    }

    private static ParquetColumnChunkMetadata DecodeColumnMetaData(ref ThriftCompactReader reader)
    {
        int physical = -1;
        int codec = -1;
        var encodings = new List<Format.ParquetEncoding>();
        var path = new List<string>();
        long valueCount = -1;
        long uncompressed = -1;
        long compressed = -1;
        long dataPageOffset = -1;
        long? dictionaryOffset = null;
        ParquetStatistics? statistics = null;
        var keyValues = new List<KeyValuePair<string, string?>>();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: physical = reader.ReadI32Field(type); break;
                case 2:
                    {
                        int count = reader.ReadListHeader(type, out ThriftType elementType);
                        for (int i = 0; i < count; i++)
                        {
                            if (elementType is not (ThriftType.I32 or ThriftType.I16))
                            {
                                throw reader.Corrupt("encodings list does not hold integers");
                            }

                            encodings.Add((Format.ParquetEncoding)reader.ReadI32());
                        }

                        break;
                    }

                case 3:
                    {
                        int count = reader.ReadListHeader(type, out ThriftType elementType);
                        for (int i = 0; i < count; i++)
                        {
                            if (elementType != ThriftType.Binary)
                            {
                                throw reader.Corrupt("path_in_schema list does not hold strings");
                            }

                            path.Add(reader.ReadString());
                        }

                        break;
                    }

                case 4: codec = reader.ReadI32Field(type); break;
                case 5: valueCount = reader.ReadI64Field(type); break;
                case 6: uncompressed = reader.ReadI64Field(type); break;
                case 7: compressed = reader.ReadI64Field(type); break;
                case 8: DecodeKeyValues(ref reader, type, keyValues); break;
                case 9: dataPageOffset = reader.ReadI64Field(type); break;
                case 11:
                    {
                        long offset = reader.ReadI64Field(type);
                        dictionaryOffset = offset == 0 ? null : offset;
                        break;
                    }

                case 12:
                    if (type != ThriftType.Struct)
                    {
                        throw reader.Corrupt("statistics is not a struct");
                    }

                    statistics = DecodeStatistics(ref reader);
                    break;
                default: reader.Skip(type); break;
            }
        }

        string joined = string.Join('.', path);
        if (physical is < -1 or > 7)
        {
            throw reader.Corrupt($"column chunk '{joined}' has invalid physical type {physical}");
        }

        if (physical < 0 || codec < 0 || valueCount < 0 || compressed < 0 || uncompressed < 0 || dataPageOffset < 0)
        {
            throw reader.Corrupt($"column chunk '{joined}' has a missing or negative required field (type {physical}, codec {codec}, num_values {valueCount}, sizes {compressed}/{uncompressed}, data_page_offset {dataPageOffset})");
        }

        return new ParquetColumnChunkMetadata
        {
            Path = joined,
            PhysicalType = (Format.ParquetPhysicalType)physical,
            Codec = (Format.ParquetCompressionCodec)codec,
            Encodings = encodings,
            ValueCount = valueCount,
            TotalUncompressedSize = uncompressed,
            TotalCompressedSize = compressed,
            DataPageOffset = dataPageOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = statistics,
            KeyValueMetadata = keyValues,
        };
    }

    /// <summary>Decodes a Statistics struct (shared with page headers).</summary>
    public static ParquetStatistics DecodeStatistics(ref ThriftCompactReader reader)
    {
        byte[]? legacyMax = null, legacyMin = null, max = null, min = null;
        long? nullCount = null, distinct = null;
        bool? maxExact = null, minExact = null;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: legacyMax = reader.ReadBinary(type); break;
                case 2: legacyMin = reader.ReadBinary(type); break;
                case 3: nullCount = reader.ReadI64Field(type); break;
                case 4: distinct = reader.ReadI64Field(type); break;
                case 5: max = reader.ReadBinary(type); break;
                case 6: min = reader.ReadBinary(type); break;
                case 7: maxExact = reader.ReadBoolField(type); break;
                case 8: minExact = reader.ReadBoolField(type); break;
                default: reader.Skip(type); break;
            }
        }

        return new ParquetStatistics
        {
            LegacyMax = legacyMax,
            LegacyMin = legacyMin,
            NullCount = nullCount,
            DistinctCount = distinct,
            MaxValue = max,
            MinValue = min,
            IsMaxValueExact = maxExact,
            IsMinValueExact = minExact,
        };
    }

    /// <summary>Decodes a page header (Thrift <c>PageHeader</c>) starting at the reader's position.</summary>
    public static PageHeader DecodePageHeader(ref ThriftCompactReader reader)
    {
        var header = new PageHeader { Type = -1, UncompressedSize = -1, CompressedSize = -1, IsCompressed = true };
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: header.Type = reader.ReadI32Field(type); break;
                case 2: header.UncompressedSize = reader.ReadI32Field(type); break;
                case 3: header.CompressedSize = reader.ReadI32Field(type); break;
                case 4: header.Crc = reader.ReadI32Field(type); break;
                case 5:
                    RequireStruct(ref reader, type, "data_page_header");
                    header.SubHeader = 1;
                    DecodeDataPageHeader(ref reader, ref header);
                    break;
                case 7:
                    RequireStruct(ref reader, type, "dictionary_page_header");
                    header.SubHeader = 2;
                    DecodeDictionaryPageHeader(ref reader, ref header);
                    break;
                case 8:
                    RequireStruct(ref reader, type, "data_page_header_v2");
                    header.SubHeader = 3;
                    DecodeDataPageHeaderV2(ref reader, ref header);
                    break;
                default: reader.Skip(type); break;
            }
        }

        header.HeaderLength = reader.Position;
        return header;
    }

    private static void RequireStruct(ref ThriftCompactReader reader, ThriftType type, string field)
    {
        if (type != ThriftType.Struct)
        {
            throw reader.Corrupt($"{field} is not a struct");
        }
    }

    private static void DecodeDataPageHeader(ref ThriftCompactReader reader, ref PageHeader header)
    {
        short last = 0;
        header.ValueCount = -1;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: header.ValueCount = reader.ReadI32Field(type); break;
                case 2: header.Encoding = reader.ReadI32Field(type); break;
                case 3: header.DefinitionLevelEncoding = reader.ReadI32Field(type); break;
                default: reader.Skip(type); break;
            }
        }
    }

    private static void DecodeDictionaryPageHeader(ref ThriftCompactReader reader, ref PageHeader header)
    {
        short last = 0;
        header.ValueCount = -1;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: header.ValueCount = reader.ReadI32Field(type); break;
                case 2: header.Encoding = reader.ReadI32Field(type); break;
                default: reader.Skip(type); break;
            }
        }
    }

    private static void DecodeDataPageHeaderV2(ref ThriftCompactReader reader, ref PageHeader header)
    {
        short last = 0;
        header.ValueCount = -1;
        while (reader.ReadFieldHeader(ref last, out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1: header.ValueCount = reader.ReadI32Field(type); break;
                case 2: header.NullCount = reader.ReadI32Field(type); break;
                case 3: header.RowCount = reader.ReadI32Field(type); break;
                case 4: header.Encoding = reader.ReadI32Field(type); break;
                case 5: header.DefinitionLevelsByteLength = reader.ReadI32Field(type); break;
                case 6: header.RepetitionLevelsByteLength = reader.ReadI32Field(type); break;
                case 7: header.IsCompressed = reader.ReadBoolField(type); break;
                default: reader.Skip(type); break;
            }
        }
    }
}
