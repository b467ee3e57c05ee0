using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

using LevBacktest.Parquet.Thrift;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// The writer's building blocks against bytes worked out by hand from the specifications: the RLE / bit-packed
/// hybrid (parquet-format Encodings.md), the Thrift Compact Protocol, and the statistics sort orders.
/// </summary>
public sealed class ParquetWriterEncodingTests
{
    [Fact]
    public void RleHybrid_BitPacksTheSpecificationExample()
    {
        // Encodings.md: 0..7 with bit width 3 bit-pack to 10001000 11000110 11111010; one group → header (1 << 1) | 1.
        Assert.Equal([0x03, 0x88, 0xC6, 0xFA], EncodeRle([0, 1, 2, 3, 4, 5, 6, 7], 3));
    }

    [Fact]
    public void RleHybrid_LongRunBecomesOneRleRun()
    {
        // 100 copies of 5: header varint(100 << 1 = 200) = C8 01, then the value in ceil(3 / 8) = 1 byte.
        Assert.Equal([0xC8, 0x01, 0x05], EncodeRle(Enumerable.Repeat(5, 100).ToArray(), 3));
    }

    [Fact]
    public void RleHybrid_RunThenShortTailPadsOnlyTheLastGroup()
    {
        // Ten 1s (RLE: header 10 << 1 = 0x14, value 0x01), then 0,1,0 bit-packed in one padded group: 0b00000010.
        Assert.Equal([0x14, 0x01, 0x03, 0x02], EncodeRle([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0], 1));
    }

    [Fact]
    public void RleHybrid_ShortValuesThenLongRun_SwitchesAtTheGroupBoundary()
    {
        // [2, 3, 7 × 20], width 3: group 1 packs 2,3,7,7,7,7,7,7 → bits 010 110 111… (LSB first) = DA FF FF;
        // the remaining fourteen 7s form an RLE run: header 14 << 1 = 0x1C, value 0x07.
        int[] values = [2, 3, .. Enumerable.Repeat(7, 20)];
        Assert.Equal([0x03, 0xDA, 0xFF, 0xFF, 0x1C, 0x07], EncodeRle(values, 3));
    }

    [Fact]
    public void RleHybrid_WideValuesUseLittleEndianRunValues()
    {
        // Nine copies of 0x1234 with bit width 13: RLE header 0x12, value in 2 bytes little-endian.
        Assert.Equal([0x12, 0x34, 0x12], EncodeRle(Enumerable.Repeat(0x1234, 9).ToArray(), 13));
    }

    [Fact]
    public void ThriftCompact_WritesFieldHeadersDeltasAndLongForm()
    {
        var writer = new ThriftCompactWriter();
        writer.WriteI32Field(1, 1);        // (1 << 4) | 5, zigzag(1) = 2
        writer.WriteI64Field(2, -1);       // (1 << 4) | 6, zigzag(-1) = 1
        writer.WriteStringField(20, "ab"); // delta 18 > 15: type 8, zigzag(20) = 40, length 2, 'a' 'b'
        writer.WriteBoolField(21, true);   // (1 << 4) | 1
        writer.EndTopLevelStruct();
        Assert.Equal([0x15, 0x02, 0x16, 0x01, 0x08, 0x28, 0x02, 0x61, 0x62, 0x11, 0x00], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ThriftCompact_NestedStructsAndListsRestoreTheEnclosingFieldId()
    {
        var writer = new ThriftCompactWriter();
        writer.BeginStructField(3);        // (3 << 4) | 12
        writer.WriteI32Field(1, 300);      // 0x15, zigzag(300) = 600 = varint D8 04
        writer.EndStruct();                // stop
        writer.WriteI32Field(4, 0);        // delta from 3 is 1: 0x15 0x00
        writer.BeginListField(5, ThriftCompactWriter.ListOfI32, 2); // (1 << 4) | 9, then (2 << 4) | 5
        writer.WriteI32Value(1);
        writer.WriteI32Value(2);
        writer.WriteI16Field(6, -2);       // (1 << 4) | 4, zigzag(-2) = 3
        writer.EndTopLevelStruct();
        Assert.Equal(
            [0x3C, 0x15, 0xD8, 0x04, 0x00, 0x15, 0x00, 0x19, 0x25, 0x02, 0x04, 0x14, 0x03, 0x00],
            writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void DoubleStatistics_SkipNaNAndWriteSignedZeros()
    {
        Assert.Equal((-1.0, 3.0), DoubleMinMax([double.NaN, 3, -1, 0]));
        (double min, double max) = DoubleMinMax([0.0, double.NaN, 0.0]);
        Assert.True(double.IsNegative(min) && min == 0, "a zero minimum is written as -0");
        Assert.True(double.IsPositive(max) && max == 0, "a zero maximum is written as +0");
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity), DoubleMinMax([double.PositiveInfinity, 1, double.NegativeInfinity]));
        Assert.Equal((double.PositiveInfinity, double.PositiveInfinity), DoubleMinMax([double.PositiveInfinity, double.NaN, double.PositiveInfinity]));
        ChunkStatistics allNaN = Compute(ParquetWriteColumn.Double("x", [double.NaN, double.NaN]));
        Assert.Null(allNaN.MinValue);
        Assert.Null(allNaN.MaxValue);
    }

    [Fact]
    public void FloatStatistics_SkipNaN()
    {
        ChunkStatistics statistics = Compute(ParquetWriteColumn.Float("x", [float.NaN, 2.5f, -0.5f]));
        Assert.Equal(-0.5f, BinaryPrimitives.ReadSingleLittleEndian(statistics.MinValue));
        Assert.Equal(2.5f, BinaryPrimitives.ReadSingleLittleEndian(statistics.MaxValue));
    }

    [Fact]
    public void FloatStatistics_WriteSignedZerosAndKeepInfinities()
    {
        // Same rules as DOUBLE (parquet.thrift ColumnOrder): a zero minimum is −0, a zero maximum +0, whatever zeros were stored.
        ChunkStatistics zeros = Compute(ParquetWriteColumn.Float("x", [0f, float.NaN, 0f]));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BinaryPrimitives.ReadInt32LittleEndian(zeros.MinValue));
        Assert.Equal(BitConverter.SingleToInt32Bits(0f), BinaryPrimitives.ReadInt32LittleEndian(zeros.MaxValue));
        ChunkStatistics negativeZeros = Compute(ParquetWriteColumn.Float("x", [-0f, -0f]));
        Assert.Equal(BitConverter.SingleToInt32Bits(0f), BinaryPrimitives.ReadInt32LittleEndian(negativeZeros.MaxValue));
        ChunkStatistics infinite = Compute(ParquetWriteColumn.Float("x", [float.NegativeInfinity, float.NegativeInfinity]));
        Assert.Equal(float.NegativeInfinity, BinaryPrimitives.ReadSingleLittleEndian(infinite.MinValue));
        Assert.Equal(float.NegativeInfinity, BinaryPrimitives.ReadSingleLittleEndian(infinite.MaxValue));
        ChunkStatistics allNaN = Compute(ParquetWriteColumn.Float("x", [float.NaN], [true]));
        Assert.Null(allNaN.MinValue);
        Assert.Null(allNaN.MaxValue);
    }

    [Fact]
    public void StringStatistics_UseUnsignedByteOrderOfUtf8()
    {
        // 'Z' (0x5A) < 'a' (0x61) < 'b' < 'é' (0xC3 0xA9): byte order, not culture order.
        ChunkStatistics statistics = Compute(ParquetWriteColumn.String("s", ["b", "é", null, "Z", "a"], optional: true));
        Assert.Equal("Z", Encoding.UTF8.GetString(statistics.MinValue!));
        Assert.Equal("é", Encoding.UTF8.GetString(statistics.MaxValue!));
        Assert.Equal(1, statistics.NullCount);
    }

    [Fact]
    public void StringStatistics_LeaveOutValuesLongerThan4096Bytes()
    {
        // Min/max are copied into every footer; very long ones are dropped rather than truncated (null count stays).
        ChunkStatistics statistics = Compute(ParquetWriteColumn.String("s", ["a", new string('z', 4097), null], optional: true));
        Assert.Null(statistics.MinValue);
        Assert.Null(statistics.MaxValue);
        Assert.Equal(1, statistics.NullCount);
        ChunkStatistics fits = Compute(ParquetWriteColumn.String("s", ["a", new string('z', 4096)]));
        Assert.Equal(4096, fits.MaxValue!.Length);
    }

    [Fact]
    public void IntegerStatistics_AreSigned()
    {
        ChunkStatistics statistics = Compute(ParquetWriteColumn.Int64("x", [5, long.MinValue, -3]));
        Assert.Equal(long.MinValue, BinaryPrimitives.ReadInt64LittleEndian(statistics.MinValue));
        Assert.Equal(5, BinaryPrimitives.ReadInt64LittleEndian(statistics.MaxValue));
    }

    [Fact]
    public void Int32Statistics_AreSigned()
    {
        ChunkStatistics statistics = Compute(ParquetWriteColumn.Int32("x", [7, int.MaxValue, -2, int.MinValue, 0], [true, true, true, true, false]));
        Assert.Equal(int.MinValue, BinaryPrimitives.ReadInt32LittleEndian(statistics.MinValue));
        Assert.Equal(int.MaxValue, BinaryPrimitives.ReadInt32LittleEndian(statistics.MaxValue));
        Assert.Equal(1, statistics.NullCount);
        ChunkStatistics single = Compute(ParquetWriteColumn.Int32("x", [-5]));
        Assert.Equal([0xFB, 0xFF, 0xFF, 0xFF], single.MinValue);
        Assert.Equal([0xFB, 0xFF, 0xFF, 0xFF], single.MaxValue);
    }

    [Fact]
    public void FixedLengthDecimalStatistics_AreSignedBigEndian()
    {
        // DECIMAL(20, 0) is a 9-byte two's-complement integer: -100 is FF…9C, 5 is 00…05.
        ChunkStatistics statistics = Compute(ParquetWriteColumn.Decimal("x", [-1m, 5m, -100m, 0m], 20, 0, [true, true, true, false]));
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x9C], statistics.MinValue);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0x05], statistics.MaxValue);
        Assert.Equal(1, statistics.NullCount);
    }

    [Fact]
    public void BooleanStatistics_OrderFalseBeforeTrue()
    {
        ChunkStatistics onlyTrue = Compute(ParquetWriteColumn.Boolean("x", [true, true]));
        Assert.Equal([1], onlyTrue.MinValue);
        Assert.Equal([1], onlyTrue.MaxValue);
        ChunkStatistics both = Compute(ParquetWriteColumn.Boolean("x", [true, false]));
        Assert.Equal([0], both.MinValue);
        Assert.Equal([1], both.MaxValue);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)] // 999 needs 10 bits + sign
    [InlineData(9, 4)]
    [InlineData(10, 5)]
    [InlineData(18, 8)]
    [InlineData(19, 9)] // 10^19 − 1 > 2^63 − 1
    [InlineData(38, 16)]
    public void DecimalByteWidth_IsTheFewestBytesHoldingThePrecision(int precision, int bytes)
    {
        Assert.Equal(bytes, ParquetWriteColumn.DecimalByteWidth(precision));
    }

    [Fact]
    public void CreatedBy_NamesLevBacktestItsVersionAndBuild()
    {
        Assert.Matches(new Regex(@"^LevBacktest version 0\.1\.0 \(build ([0-9a-f]{7,12}|none)\)$"), ParquetFileWriter.CreatedBy);
    }

    [Fact]
    public void DictionaryEncoder_FallsBackWhenTheDictionaryPassesTheLimit()
    {
        var values = new ChunkValues();
        var encoder = new DictionaryEncoder();
        var page = new ByteBuffer();

        // Two distinct doubles repeated: dictionary of 16 bytes, indices of 1 bit.
        values.Load(ParquetWriteColumn.Double("x", [.. Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 1.5 : -0.0)]), 0, 100);
        Assert.True(encoder.TryEncode(values, 1 << 20, page));
        Assert.Equal(2, encoder.EntryCount);
        Assert.Equal(1, encoder.IndexBitWidth);
        Assert.Equal(16, page.Length);
        Assert.Equal([0, 1, 0, 1], encoder.Indices[..4].ToArray());

        // 100 distinct doubles need 800 bytes: over a 799-byte limit → PLAIN.
        values.Load(ParquetWriteColumn.Double("x", [.. Enumerable.Range(0, 200).Select(i => (double)(i % 100))]), 0, 200);
        Assert.False(encoder.TryEncode(values, 799, page));
        Assert.True(encoder.TryEncode(values, 800, page));
    }

    [Fact]
    public void DictionaryEncoder_KeepsSignedZerosAndNaNPayloadsApart()
    {
        var values = new ChunkValues();
        var encoder = new DictionaryEncoder();
        var page = new ByteBuffer();

        // Compared bit for bit, not as numbers: +0 and −0 are two entries, and so are two NaNs with different payloads.
        double payloadNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);
        double[] doubles = [0.0, -0.0, double.NaN, payloadNaN, double.NaN, 0.0, -0.0, payloadNaN];
        values.Load(ParquetWriteColumn.Double("x", [.. Enumerable.Repeat(doubles, 8).SelectMany(d => d)]), 0, 64);
        Assert.True(encoder.TryEncode(values, 1 << 20, page));
        Assert.Equal(4, encoder.EntryCount);
        Assert.Equal([0, 1, 2, 3, 2, 0, 1, 3], encoder.Indices[..8].ToArray());
        Assert.Equal(
            new[] { 0.0, -0.0, double.NaN, payloadNaN }.Select(BitConverter.DoubleToInt64Bits),
            Enumerable.Range(0, 4).Select(e => BinaryPrimitives.ReadInt64LittleEndian(page.WrittenSpan[(e * 8)..])));

        float payloadNaNSingle = BitConverter.Int32BitsToSingle(0x7FC0_0001);
        float[] floats = [-0f, 0f, payloadNaNSingle, float.NaN, 0f, -0f];
        values.Load(ParquetWriteColumn.Float("x", [.. Enumerable.Repeat(floats, 8).SelectMany(f => f)]), 0, 48);
        Assert.True(encoder.TryEncode(values, 1 << 20, page));
        Assert.Equal(4, encoder.EntryCount);
        Assert.Equal([0, 1, 2, 3, 1, 0], encoder.Indices[..6].ToArray());
        Assert.Equal(16, page.Length);
        Assert.Equal(0x7FC0_0001, BinaryPrimitives.ReadInt32LittleEndian(page.WrittenSpan[8..]));
    }

    private static byte[] EncodeRle(int[] values, int bitWidth)
    {
        var buffer = new ByteBuffer();
        RleBitPackedHybridEncoder.Encode(values, bitWidth, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static ChunkStatistics Compute(ParquetWriteColumn column)
    {
        var values = new ChunkValues();
        values.Load(column, 0, column.Length);
        return ChunkStatistics.Compute(values, column.Length - values.Count);
    }

    private static (double Min, double Max) DoubleMinMax(double[] data)
    {
        ChunkStatistics statistics = Compute(ParquetWriteColumn.Double("x", data));
        return (BinaryPrimitives.ReadDoubleLittleEndian(statistics.MinValue), BinaryPrimitives.ReadDoubleLittleEndian(statistics.MaxValue));
    }
}
