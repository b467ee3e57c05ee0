using System.Buffers.Binary;
using System.Numerics;
using System.Text;

using FsCheck;
using FsCheck.Fluent;

using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Property: for random flat tables (every column kind, required and optional, NaN, ±0, ±∞, empty strings,
/// all-null columns, 0 rows, many row group and page sizes, with and without dictionaries), what
/// <see cref="ParquetFileWriter"/> writes, <see cref="ParquetFileReader"/> reads back bit for bit, with the schema,
/// statistics and footer metadata the writer promised.
/// </summary>
public sealed class RoundTripPropertyTests
{
    [Theory]
    [InlineData(ParquetCompressionCodec.Uncompressed)]
    [InlineData(ParquetCompressionCodec.Snappy)]
    [InlineData(ParquetCompressionCodec.Gzip)]
    [InlineData(ParquetCompressionCodec.Zstd)]
    public void RandomTables_RoundTripThroughTheReader(ParquetCompressionCodec codec)
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(150),
            Prop.ForAll(RoundTripTableGenerator.Tables(codec).ToArbitrary(), table =>
            {
                AssertRoundTrip(table);
                return true;
            }));
    }

    [Fact]
    public void LargeRepetitiveColumns_UseDictionaryPagesAndRoundTrip()
    {
        // 50,000 rows over 4 symbols and 3 prices: dictionary pages with long RLE runs and bit-packed stretches.
        int rows = 50_000;
        var random = new Random(7);
        RoundTripColumn[] columns =
        [
            new("symbol", RoundTripKind.String, false, [.. Enumerable.Range(0, rows).Select(i => (object?)(i / 1000 % 2 == 0 ? "BTCUSDT" : new[] { "ETHUSDT", "SOLUSDT", "XRPUSDT" }[random.Next(3)]))]),
            new("price", RoundTripKind.Double, true, [.. Enumerable.Range(0, rows).Select(i => i % 13 == 0 ? null : (object?)new[] { 1.5, -0.0, double.NaN }[random.Next(3)])]),
        ];
        var table = new RoundTripTable(columns, rows, new ParquetWriterOptions { RowGroupSize = 20_000, DataPageSize = 1_000 });
        using var reader = AssertRoundTrip(table);
        foreach (ParquetRowGroupMetadata group in reader.Metadata.RowGroups)
        {
            Assert.All(group.Columns, chunk =>
            {
                Assert.Contains(ParquetEncoding.RleDictionary, chunk.Encodings);
            });
        }
    }

    [Fact]
    public void DistinctValuesOverTheDictionaryLimit_FallBackToPlain()
    {
        double[] prices = [.. Enumerable.Range(0, 10_000).Select(i => 30_000 + (i * 0.25))];
        var table = new RoundTripTable(
            [new RoundTripColumn("close", RoundTripKind.Double, false, [.. prices.Cast<object?>()])],
            prices.Length,
            new ParquetWriterOptions { DictionaryPageSizeLimit = 4_096 });
        using var reader = AssertRoundTrip(table);
        ParquetColumnChunkMetadata chunk = reader.Metadata.RowGroups[0].Columns[0];
        Assert.Contains(ParquetEncoding.Plain, chunk.Encodings);
    }

    [Fact]
    public void ColumnsWithoutDictionary_AreWrittenPlainWhileTheOthersKeepTheirDictionary()
    {
        // Both columns repeat 3 values over 5,000 rows, so a dictionary would pay for either; "payment" is named
        // in ColumnsWithoutDictionary and must come out PLAIN, "price" keeps its dictionary, and both read back.
        int rows = 5_000;
        RoundTripColumn[] columns =
        [
            new("price", RoundTripKind.Double, true, [.. Enumerable.Range(0, rows).Select(i => i % 17 == 0 ? null : (object?)new[] { 1.5, 2.5, 3.5 }[i % 3])]),
            new("payment", RoundTripKind.Double, true, [.. Enumerable.Range(0, rows).Select(i => i % 19 == 0 ? null : (object?)new[] { -0.25, 0.5, 0.75 }[i % 3])]),
        ];
        var table = new RoundTripTable(columns, rows, new ParquetWriterOptions { RowGroupSize = 2_000, ColumnsWithoutDictionary = ["payment", "not-a-column"] });
        using var reader = AssertRoundTrip(table);
        Assert.Equal(3, reader.Metadata.RowGroups.Count);
        foreach (ParquetRowGroupMetadata group in reader.Metadata.RowGroups)
        {
            Assert.Contains(ParquetEncoding.RleDictionary, group.Columns[0].Encodings);
            Assert.DoesNotContain(ParquetEncoding.RleDictionary, group.Columns[1].Encodings);
            Assert.DoesNotContain(ParquetEncoding.PlainDictionary, group.Columns[1].Encodings);
            Assert.Contains(ParquetEncoding.Plain, group.Columns[1].Encodings);
        }
    }

    [Fact]
    public void Footer_CarriesCreatedByKeyValueMetadataAndRowGroupSizes()
    {
        var stream = new MemoryStream();
        ParquetFileWriter.Write(
            stream,
            [ParquetWriteColumn.Int64("open_time_ms", [.. Enumerable.Range(0, 25).Select(i => (long)i)])],
            new ParquetWriterOptions { RowGroupSize = 10, KeyValueMetadata = new Dictionary<string, string> { ["run"] = "42", ["experiment"] = "leverage-grid" } });
        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "footer.parquet");
        Assert.Equal(ParquetFileWriter.CreatedBy, reader.Metadata.CreatedBy);
        Assert.Equal([new("experiment", "leverage-grid"), new KeyValuePair<string, string?>("run", "42")], reader.Metadata.KeyValueMetadata);
        Assert.Equal([10L, 10, 5], reader.Metadata.RowGroups.Select(g => g.RowCount));
        Assert.Equal(25, reader.RowCount);
    }

    [Fact]
    public void NonSeekableStream_ReceivesACompleteFile()
    {
        var target = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(target))
        {
            ParquetFileWriter.Write(forwardOnly, [ParquetWriteColumn.Double("close", [1.5, 2.5]), ParquetWriteColumn.String("symbol", ["BTCUSDT", "ETHUSDT"])]);
        }

        target.Position = 0;
        using var reader = ParquetFileReader.Open(target, "forward-only.parquet");
        Assert.Equal([1.5, 2.5], reader.ReadDoubleColumn("close"));
        Assert.Equal("ETHUSDT", Encoding.UTF8.GetString(reader.ReadColumn("symbol").Binaries![1]));
    }

    /// <summary>A write-only stream that cannot seek or report its position, like a pipe or an HTTP body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    /// <summary>Writes <paramref name="table"/> to memory, reads it back and checks everything; returns the open reader.</summary>
    private static ParquetFileReader AssertRoundTrip(RoundTripTable table)
    {
        var stream = new MemoryStream();
        ParquetFileWriter.Write(stream, table.ToWriteColumns(), table.Options);
        stream.Position = 0;
        var reader = ParquetFileReader.Open(stream, "round-trip.parquet");
        string context = table.ToString();
        Assert.True(table.RowCount == reader.RowCount, $"row count {reader.RowCount} for {context}");
        Assert.Equal(ParquetFileWriter.CreatedBy, reader.Metadata.CreatedBy);
        Assert.Equal(table.Columns.Select(c => c.Name), reader.Schema.Columns.Select(c => c.Name));
        int expectedGroups = (table.RowCount + table.Options.RowGroupSize - 1) / table.Options.RowGroupSize;
        Assert.Equal(expectedGroups, reader.Metadata.RowGroups.Count);

        for (int c = 0; c < table.Columns.Count; c++)
        {
            RoundTripColumn expected = table.Columns[c];
            ParquetColumnDescriptor descriptor = reader.Schema.Columns[c];
            AssertSchema(expected, descriptor, context);
            ParquetColumnData data = reader.ReadColumn(expected.Name);
            Assert.Equal(table.RowCount, data.Length);
            for (int row = 0; row < table.RowCount; row++)
            {
                object? want = expected.Values[row];
                if (want is null)
                {
                    Assert.True(data.IsNull(row), $"'{expected.Name}' row {row} should be null; {context}");
                }
                else if (data.IsNull(row) || !SameValue(expected, want, data, row))
                {
                    Assert.Fail($"'{expected.Name}' row {row}: wrote {want}, read {(data.IsNull(row) ? "null" : data.GetValue(row))}; {context}");
                }
            }

            int firstRow = 0;
            foreach (ParquetRowGroupMetadata group in reader.Metadata.RowGroups)
            {
                AssertStatistics(expected, group.Columns[c], firstRow, (int)group.RowCount, context);
                Assert.Equal(table.Options.Codec, group.Columns[c].Codec);
                firstRow += (int)group.RowCount;
            }
        }

        return reader;
    }

    private static void AssertSchema(RoundTripColumn expected, ParquetColumnDescriptor actual, string context)
    {
        Assert.True(
            (expected.Optional ? ParquetRepetition.Optional : ParquetRepetition.Required) == actual.Repetition,
            $"'{expected.Name}' repetition {actual.Repetition}; {context}");
        (ParquetPhysicalType physical, ParquetLogicalTypeKind logical) = expected.Kind switch
        {
            RoundTripKind.Int32 => (ParquetPhysicalType.Int32, ParquetLogicalTypeKind.None),
            RoundTripKind.Int64 => (ParquetPhysicalType.Int64, ParquetLogicalTypeKind.None),
            RoundTripKind.Float => (ParquetPhysicalType.Float, ParquetLogicalTypeKind.None),
            RoundTripKind.Double => (ParquetPhysicalType.Double, ParquetLogicalTypeKind.None),
            RoundTripKind.Boolean => (ParquetPhysicalType.Boolean, ParquetLogicalTypeKind.None),
            RoundTripKind.String => (ParquetPhysicalType.ByteArray, ParquetLogicalTypeKind.String),
            RoundTripKind.Timestamp => (ParquetPhysicalType.Int64, ParquetLogicalTypeKind.Timestamp),
            RoundTripKind.Date => (ParquetPhysicalType.Int32, ParquetLogicalTypeKind.Date),
            _ => (expected.Precision <= 9 ? ParquetPhysicalType.Int32 : expected.Precision <= 18 ? ParquetPhysicalType.Int64 : ParquetPhysicalType.FixedLenByteArray,
                ParquetLogicalTypeKind.Decimal),
        };
        Assert.Equal(physical, actual.PhysicalType);
        Assert.Equal(logical, actual.LogicalType.Kind);
        if (expected.Kind == RoundTripKind.Timestamp)
        {
            Assert.Equal(expected.Unit, actual.LogicalType.TimeUnit);
            Assert.True(actual.LogicalType.IsAdjustedToUtc);
        }

        if (expected.Kind == RoundTripKind.Decimal)
        {
            Assert.Equal((expected.Precision, expected.Scale), (actual.LogicalType.Precision, actual.LogicalType.Scale));
        }
    }

    private static bool SameValue(RoundTripColumn column, object want, ParquetColumnData data, int row) => column.Kind switch
    {
        RoundTripKind.Int32 or RoundTripKind.Date => data.Int32s![row] == (int)want,
        RoundTripKind.Int64 or RoundTripKind.Timestamp => data.Int64s![row] == (long)want,
        RoundTripKind.Double => BitConverter.DoubleToInt64Bits(data.Doubles![row]) == BitConverter.DoubleToInt64Bits((double)want),
        RoundTripKind.Float => BitConverter.SingleToInt32Bits(data.Floats![row]) == BitConverter.SingleToInt32Bits((float)want),
        RoundTripKind.Boolean => data.Booleans![row] == (bool)want,
        RoundTripKind.String => Encoding.UTF8.GetString(data.Binaries![row]) == (string)want,
        _ => StoredUnscaled(column, data, row) == Unscaled((decimal)want, column.Scale),
    };

    private static BigInteger StoredUnscaled(RoundTripColumn column, ParquetColumnData data, int row) =>
        column.Precision <= 9 ? data.Int32s![row]
        : column.Precision <= 18 ? data.Int64s![row]
        : new BigInteger(data.Binaries![row], isUnsigned: false, isBigEndian: true);

    /// <summary>value × 10^scale as an integer (the test's own arithmetic, not the writer's).</summary>
    private static BigInteger Unscaled(decimal value, int scale)
    {
        int[] bits = decimal.GetBits(value);
        int valueScale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger((uint)bits[0]) + (new BigInteger((uint)bits[1]) << 32) + (new BigInteger((uint)bits[2]) << 64);
        mantissa = scale >= valueScale ? mantissa * BigInteger.Pow(10, scale - valueScale) : mantissa / BigInteger.Pow(10, valueScale - scale);
        return bits[3] < 0 ? -mantissa : mantissa;
    }

    private static void AssertStatistics(RoundTripColumn column, ParquetColumnChunkMetadata chunk, int firstRow, int rowCount, string context)
    {
        ParquetStatistics statistics = chunk.Statistics ?? throw new Xunit.Sdk.XunitException($"'{column.Name}' has no statistics; {context}");
        object?[] values = column.Values[firstRow..(firstRow + rowCount)];
        Assert.Equal(values.Count(v => v is null), statistics.NullCount);
        Assert.Null(statistics.LegacyMin);
        Assert.Null(statistics.LegacyMax);
        object[] present = [.. values.Where(v => v is not null).Cast<object>()];
        if (column.Kind is RoundTripKind.Double or RoundTripKind.Float)
        {
            present = [.. present.Where(v => !double.IsNaN(Convert.ToDouble(v)))];
        }

        if (present.Length == 0)
        {
            Assert.True(statistics.MinValue is null && statistics.MaxValue is null, $"'{column.Name}' has min/max without values; {context}");
            return;
        }

        Assert.True(statistics.MinValue is not null && statistics.MaxValue is not null, $"'{column.Name}' lacks min/max; {context}");
        switch (column.Kind)
        {
            case RoundTripKind.Int32 or RoundTripKind.Date:
                Assert.Equal(present.Min(v => (int)v), BinaryPrimitives.ReadInt32LittleEndian(statistics.MinValue));
                Assert.Equal(present.Max(v => (int)v), BinaryPrimitives.ReadInt32LittleEndian(statistics.MaxValue));
                break;
            case RoundTripKind.Int64 or RoundTripKind.Timestamp:
                Assert.Equal(present.Min(v => (long)v), BinaryPrimitives.ReadInt64LittleEndian(statistics.MinValue));
                Assert.Equal(present.Max(v => (long)v), BinaryPrimitives.ReadInt64LittleEndian(statistics.MaxValue));
                break;
            case RoundTripKind.Double:
                {
                    // Spec: a zero minimum is written as −0.0 and a zero maximum as +0.0.
                    double min = present.Min(v => (double)v), max = present.Max(v => (double)v);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(min == 0 ? -0.0 : min), BinaryPrimitives.ReadInt64LittleEndian(statistics.MinValue));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(max == 0 ? 0.0 : max), BinaryPrimitives.ReadInt64LittleEndian(statistics.MaxValue));
                    break;
                }

            case RoundTripKind.Float:
                {
                    float min = present.Min(v => (float)v), max = present.Max(v => (float)v);
                    Assert.Equal(BitConverter.SingleToInt32Bits(min == 0 ? -0f : min), BinaryPrimitives.ReadInt32LittleEndian(statistics.MinValue));
                    Assert.Equal(BitConverter.SingleToInt32Bits(max == 0 ? 0f : max), BinaryPrimitives.ReadInt32LittleEndian(statistics.MaxValue));
                    break;
                }

            case RoundTripKind.Boolean:
                Assert.Equal(present.All(v => (bool)v) ? 1 : 0, statistics.MinValue[0]);
                Assert.Equal(present.Any(v => (bool)v) ? 1 : 0, statistics.MaxValue[0]);
                break;
            case RoundTripKind.String:
                {
                    // Unsigned byte-wise order of the UTF-8 encodings.
                    byte[][] encoded = [.. present.Select(v => Encoding.UTF8.GetBytes((string)v))];
                    byte[] min = encoded.Aggregate((a, b) => a.AsSpan().SequenceCompareTo(b) <= 0 ? a : b);
                    byte[] max = encoded.Aggregate((a, b) => a.AsSpan().SequenceCompareTo(b) >= 0 ? a : b);
                    Assert.Equal(min, statistics.MinValue);
                    Assert.Equal(max, statistics.MaxValue);
                    break;
                }

            default:
                {
                    BigInteger min = present.Select(v => Unscaled((decimal)v, column.Scale)).Min();
                    BigInteger max = present.Select(v => Unscaled((decimal)v, column.Scale)).Max();
                    Assert.Equal(min, DecodeDecimalStatistic(column, statistics.MinValue));
                    Assert.Equal(max, DecodeDecimalStatistic(column, statistics.MaxValue));
                    break;
                }
        }
    }

    private static BigInteger DecodeDecimalStatistic(RoundTripColumn column, byte[] bytes) =>
        column.Precision <= 9 ? BinaryPrimitives.ReadInt32LittleEndian(bytes)
        : column.Precision <= 18 ? BinaryPrimitives.ReadInt64LittleEndian(bytes)
        : new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
}
