using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Serialises the footer's FileMetaData struct (parquet.thrift of apache/parquet-format) for a flat schema.
/// Field ids below are those of parquet.thrift.
/// </summary>
internal static class FileMetadataSerializer
{
    /// <summary>One written row group: its row count and its column chunks in schema order.</summary>
    internal sealed record RowGroup(long RowCount, IReadOnlyList<ColumnChunkMetadata> Chunks);

    /// <summary>Writes FileMetaData into <paramref name="writer"/> (reset first).</summary>
    public static void Write(
        ThriftCompactWriter writer,
        IReadOnlyList<ParquetWriteColumn> columns,
        IReadOnlyList<RowGroup> rowGroups,
        long rowCount,
        IReadOnlyDictionary<string, string>? keyValueMetadata,
        string createdBy)
    {
        writer.Reset();
        writer.WriteI32Field(1, 1); // version

        writer.BeginListField(2, ThriftCompactWriter.ListOfStructs, columns.Count + 1);
        writer.BeginListElementStruct();
        writer.WriteStringField(4, "schema");
        writer.WriteI32Field(5, columns.Count);
        writer.EndStruct();
        foreach (ParquetWriteColumn column in columns)
        {
            WriteSchemaElement(writer, column);
        }

        writer.WriteI64Field(3, rowCount);

        writer.BeginListField(4, ThriftCompactWriter.ListOfStructs, rowGroups.Count);
        for (int g = 0; g < rowGroups.Count; g++)
        {
            WriteRowGroup(writer, rowGroups[g], (short)Math.Min(g, short.MaxValue));
        }

        if (keyValueMetadata is { Count: > 0 })
        {
            var keys = keyValueMetadata.Keys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            writer.BeginListField(5, ThriftCompactWriter.ListOfStructs, keys.Length);
            foreach (string key in keys)
            {
                writer.BeginListElementStruct();
                writer.WriteStringField(1, key);
                writer.WriteStringField(2, keyValueMetadata[key]);
                writer.EndStruct();
            }
        }

        writer.WriteStringField(6, createdBy);

        // column_orders: TYPE_ORDER for every column, which tells readers min_value/max_value follow the
        // type-defined sort order (and so may be trusted for pruning).
        writer.BeginListField(7, ThriftCompactWriter.ListOfStructs, columns.Count);
        for (int c = 0; c < columns.Count; c++)
        {
            writer.BeginListElementStruct();
            writer.WriteEmptyStructField(1);
            writer.EndStruct();
        }

        writer.EndTopLevelStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter writer, ParquetWriteColumn column)
    {
        writer.BeginListElementStruct();
        writer.WriteI32Field(1, (int)column.PhysicalType);
        if (column.PhysicalType == ParquetPhysicalType.FixedLenByteArray)
        {
            writer.WriteI32Field(2, column.TypeLength);
        }

        writer.WriteI32Field(3, (int)column.Repetition);
        writer.WriteStringField(4, column.Name);
        ParquetConvertedType? converted = column.LogicalKind switch
        {
            WriteLogicalKind.String => ParquetConvertedType.Utf8,
            WriteLogicalKind.Date => ParquetConvertedType.Date,
            WriteLogicalKind.Decimal => ParquetConvertedType.Decimal,
            WriteLogicalKind.Timestamp when column.TimeUnit == ParquetTimeUnit.Millis => ParquetConvertedType.TimestampMillis,
            WriteLogicalKind.Timestamp when column.TimeUnit == ParquetTimeUnit.Micros => ParquetConvertedType.TimestampMicros,
            _ => null,
        };
        if (converted is { } convertedType)
        {
            writer.WriteI32Field(6, (int)convertedType);
        }

        if (column.LogicalKind == WriteLogicalKind.Decimal)
        {
            writer.WriteI32Field(7, column.DecimalScale);
            writer.WriteI32Field(8, column.DecimalPrecision);
        }

        // LogicalType union (field 10): STRING = 1, DECIMAL = 5, DATE = 6, TIMESTAMP = 8.
        switch (column.LogicalKind)
        {
            case WriteLogicalKind.String:
                writer.BeginStructField(10);
                writer.WriteEmptyStructField(1);
                writer.EndStruct();
                break;
            case WriteLogicalKind.Decimal:
                writer.BeginStructField(10);
                writer.BeginStructField(5);
                writer.WriteI32Field(1, column.DecimalScale);
                writer.WriteI32Field(2, column.DecimalPrecision);
                writer.EndStruct();
                writer.EndStruct();
                break;
            case WriteLogicalKind.Date:
                writer.BeginStructField(10);
                writer.WriteEmptyStructField(6);
                writer.EndStruct();
                break;
            case WriteLogicalKind.Timestamp:
                writer.BeginStructField(10);
                writer.BeginStructField(8);
                writer.WriteBoolField(1, true); // isAdjustedToUTC
                writer.BeginStructField(2);
                writer.WriteEmptyStructField((short)column.TimeUnit); // TimeUnit union: MILLIS = 1, MICROS = 2, NANOS = 3
                writer.EndStruct();
                writer.EndStruct();
                writer.EndStruct();
                break;
        }

        writer.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter writer, RowGroup rowGroup, short ordinal)
    {
        writer.BeginListElementStruct();
        writer.BeginListField(1, ThriftCompactWriter.ListOfStructs, rowGroup.Chunks.Count);
        long uncompressed = 0, compressed = 0;
        foreach (ColumnChunkMetadata chunk in rowGroup.Chunks)
        {
            WriteColumnChunk(writer, chunk);
            uncompressed += chunk.TotalUncompressedSize;
            compressed += chunk.TotalCompressedSize;
        }

        writer.WriteI64Field(2, uncompressed);
        writer.WriteI64Field(3, rowGroup.RowCount);
        writer.WriteI64Field(5, rowGroup.Chunks[0].FirstPageOffset);
        writer.WriteI64Field(6, compressed);
        writer.WriteI16Field(7, ordinal);
        writer.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter writer, ColumnChunkMetadata chunk)
    {
        writer.BeginListElementStruct();
        // file_offset is deprecated; parquet.thrift asks writers to set 0 when no ColumnMetaData is written outside
        // the footer (readers locate pages through data_page_offset / dictionary_page_offset).
        writer.WriteI64Field(2, 0);
        writer.BeginStructField(3);
        writer.WriteI32Field(1, (int)chunk.Column.PhysicalType);
        writer.BeginListField(2, ThriftCompactWriter.ListOfI32, chunk.Encodings.Count);
        foreach (ParquetEncoding encoding in chunk.Encodings)
        {
            writer.WriteI32Value((int)encoding);
        }

        writer.BeginListField(3, ThriftCompactWriter.ListOfBinary, 1);
        writer.WriteStringValue(chunk.Column.Name);
        writer.WriteI32Field(4, (int)chunk.Codec);
        writer.WriteI64Field(5, chunk.ValueCount);
        writer.WriteI64Field(6, chunk.TotalUncompressedSize);
        writer.WriteI64Field(7, chunk.TotalCompressedSize);
        writer.WriteI64Field(9, chunk.DataPageOffset);
        if (chunk.DictionaryPageOffset is { } dictionaryOffset)
        {
            writer.WriteI64Field(11, dictionaryOffset);
        }

        writer.BeginStructField(12);
        writer.WriteI64Field(3, chunk.Statistics.NullCount);
        if (chunk.Statistics.MaxValue is { } max && chunk.Statistics.MinValue is { } min)
        {
            writer.WriteBinaryField(5, max);
            writer.WriteBinaryField(6, min);
        }

        writer.EndStruct();
        writer.EndStruct();
        writer.EndStruct();
    }
}
