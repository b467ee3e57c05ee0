using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Tests;

/// <summary>The reader's public API on corpus files whose values are listed in the corpus's expected JSONL.</summary>
public sealed class ParquetFileReaderApiTests
{
    [CorpusFact]
    public void TypedColumns_OfAlltypesPlain()
    {
        // expected/data__alltypes_plain.parquet.jsonl: ids 4,5,6,7,2,3,0,1; float 0.0/1.1 and double 0.0/10.1 alternating.
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/alltypes_plain.parquet"));
        Assert.Equal(8, reader.RowCount);
        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], reader.ReadInt32Column("id"));
        Assert.Equal([4L, 5, 6, 7, 2, 3, 0, 1], reader.ReadInt64Column("id"));
        Assert.Equal([0, 10.1, 0, 10.1, 0, 10.1, 0, 10.1], reader.ReadDoubleColumn("double_col"));
        Assert.Equal([0, (double)1.1f, 0, (double)1.1f, 0, (double)1.1f, 0, (double)1.1f], reader.ReadDoubleColumn("float_col"));
        Assert.Equal([0L, 10, 0, 10, 0, 10, 0, 10], reader.ReadInt64Column("bigint_col"));

        var booleans = reader.ReadColumn("bool_col");
        Assert.Equal([true, false, true, false, true, false, true, false], booleans.Booleans!);
        Assert.False(booleans.HasNulls);
        Assert.True(booleans.ValidityBitmap.IsEmpty);

        var timestamps = reader.ReadColumn("timestamp_col");
        Assert.Equal(new ParquetInt96(0, 2_454_892), timestamps.Int96s![0]); // 2009-03-01T00:00:00 (Julian day 2454892)
    }

    [CorpusFact]
    public void OptionalColumn_WithNullPages_HasValidity()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/int32_with_null_pages.parquet"));
        var column = reader.ReadColumn(reader.Schema.Columns[0].Name);
        string[] expected = File.ReadAllLines(CorpusManifest.ExpectedPath("data/int32_with_null_pages.parquet", ".jsonl"));
        Assert.Equal(expected.Length, column.Length);
        Assert.True(column.HasNulls);
        for (int row = 0; row < expected.Length; row++)
        {
            string value = expected[row][(expected[row].IndexOf(':') + 1)..^1];
            Assert.Equal(value == "null", column.IsNull(row));
            if (value != "null")
            {
                Assert.Equal(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), column.Int32s![row]);
            }
        }

        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadInt32Column(reader.Schema.Columns[0].Name));
        Assert.Contains($"is null at row {column.FirstNullRow()}", error.Message, StringComparison.Ordinal);
    }

    [CorpusFact]
    public void ReadRows_GivesBoxedPhysicalValuesInTheRequestedOrder()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/alltypes_plain.snappy.parquet"));
        var rows = reader.ReadRows(["bool_col", "id", "string_col"]).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { true, 6, "0"u8.ToArray() }, rows[0]);
        Assert.Equal(new object?[] { false, 7, "1"u8.ToArray() }, rows[1]);
    }

    [CorpusFact]
    public void ReadRows_OfAFileWithNestedColumns_NeedsAnExplicitFlatSelection()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/nullable.impala.parquet"));
        Assert.Throws<NotSupportedException>(() => reader.ReadRows().ToList());
        Assert.Equal(reader.RowCount, reader.ReadRows(["id"]).Count());
    }

    [CorpusFact]
    public void Metadata_DescribesCodecsEncodingsAndStatistics()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/column_chunk_key_value_metadata.parquet"));
        var metadata = reader.Metadata;
        Assert.Equal("parquet-cpp-arrow version 17.0.0-SNAPSHOT", metadata.CreatedBy);
        var chunk = metadata.RowGroups[0].Columns[0];
        Assert.Equal(ParquetCompressionCodec.Uncompressed, chunk.Codec);
        Assert.Equal([ParquetEncoding.Plain, ParquetEncoding.Rle], chunk.Encodings);

        using var tiny = ParquetFileReader.Open(CorpusFiles.PathOf("data/alltypes_tiny_pages.parquet"));
        var idChunk = tiny.Metadata.RowGroups[0].Columns[0];
        Assert.Equal(37325, idChunk.TotalCompressedSize);
        Assert.Equal(0, idChunk.Statistics!.NullCount);
        Assert.Equal(BitConverter.GetBytes(7299), idChunk.Statistics.Max);
        Assert.Equal("7299", Text.ParquetValueText.FormatPlainValue(tiny.Schema.Columns[0], idChunk.Statistics.Max!));
    }

    [CorpusFact]
    public void LogicalTypes_AreTheEffectiveAnnotation()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/fixed_length_decimal.parquet"));
        var value = reader.Schema.Columns[0];
        Assert.Equal(new ParquetLogicalType(ParquetLogicalTypeKind.Decimal, Precision: 25, Scale: 2), value.LogicalType);
        Assert.Equal((25, 2, 11), (value.Precision, value.Scale, value.TypeLength));

        using var unknown = ParquetFileReader.Open(CorpusFiles.PathOf("data/unknown-logical-type.parquet"));
        Assert.Contains(unknown.Schema.Columns, c => c.HasUnrecognisedLogicalType && c.LogicalType.Kind == ParquetLogicalTypeKind.None);
    }

    [CorpusFact]
    public void NonSeekableStream_IsCopiedAndRead()
    {
        byte[] bytes = File.ReadAllBytes(CorpusFiles.PathOf("data/alltypes_plain.parquet"));
        using var reader = ParquetFileReader.Open(new ForwardOnlyStream(bytes), "piped.parquet");
        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], reader.ReadInt32Column("id"));
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
