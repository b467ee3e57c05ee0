using System.IO.Compression;

using LevBacktest.Parquet.Text;

using static LevBacktest.Parquet.Tests.HandBuiltParquetFile;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Hand-built files with one wrong field each: every one must be a <see cref="ParquetFormatException"/> whose
/// message names the file and, where known, row group, column and byte offset — never another exception, a
/// hang, or an allocation the file's sizes do not justify.
/// </summary>
public sealed class BadInputTests
{
    private const string Name = "hand-built.parquet";

    // Definition levels [1, 0, 1] as a v1 RLE section: 4-byte length 2, bit-packed run of one group (header 0x03),
    // bits 1,0,1 → 0b101.
    private static readonly byte[] LevelsOneNullOne = [2, 0, 0, 0, 0x03, 0x05];

    [Fact]
    public void HandBuiltFile_RequiredPlainInt64_ReadsItsValues()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 3,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1, -2, long.MaxValue), 3) { WithCorrectCrc = true }],
        }.Build();
        using var reader = Open(file);
        Assert.Equal([1L, -2, long.MaxValue], reader.ReadInt64Column("x"));
    }

    [Fact]
    public void OptionalColumn_NullsComeFromDefinitionLevels()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 3,
            Repetition = 1,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, Concat(LevelsOneNullOne, PlainInt64(5, 7)), 3)],
        }.Build();
        using var reader = Open(file);
        var data = reader.ReadColumn("x");
        Assert.Equal([5L, 0, 7], data.Int64s!);
        Assert.True(data.HasNulls);
        Assert.False(data.IsNull(0));
        Assert.True(data.IsNull(1));
        Assert.False(data.IsNull(2));
        Assert.Equal(0b101, data.ValidityBitmap[0] & 0b111);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadInt64Column("x"));
        Assert.Contains("null at row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DictionaryPage_IndicesSelectEntries()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 3,
            Pages =
            [
                new HandBuiltPage(HandBuiltPage.DictionaryPage, PlainInt64(10, 20), 2),

                // RLE_DICTIONARY: bit width 1, bit-packed run of one group holding indices 1, 0, 1.
                new HandBuiltPage(HandBuiltPage.DataPage, [1, 0x03, 0x05], 3, Encoding: 8),
            ],
        }.Build();
        using var reader = Open(file);
        Assert.Equal([20L, 10, 20], reader.ReadInt64Column("x"));
    }

    [Fact]
    public void DictionaryIndexOutOfRange_IsAnErrorNamingTheIndex()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 1,
            Pages =
            [
                new HandBuiltPage(HandBuiltPage.DictionaryPage, PlainInt64(10, 20), 2),

                // Bit width 2, RLE run (header 0x02: one repeat) of index 2, past the two entries.
                new HandBuiltPage(HandBuiltPage.DataPage, [2, 0x02, 0x02], 1, Encoding: 8),
            ],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("dictionary index 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0, column 'x', page 1 at byte offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PageClaimingMoreBytesThanItsChunk_IsAnError()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 2,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1, 2), 2) { CompressedSize = 1000, UncompressedSize = 1000 }],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("claims 1000 bytes but only 16 remain in the column chunk", error.Message, StringComparison.Ordinal);
        Assert.Contains("page 0 at byte offset 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsurdUncompressedSize_IsRejectedBeforeAllocating()
    {
        byte[] compressed = IronSnappy.Snappy.Encode(PlainInt64(1, 2));
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 2,
            Codec = 1,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, compressed, 2) { UncompressedSize = int.MaxValue }],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains($"declares {int.MaxValue} uncompressed bytes, more than SNAPPY can produce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeDeclaredSizeThatTheDataDoesNotReach_IsRejectedAfterMeasuring()
    {
        // 1,000 zero bytes take ~10 bytes of Brotli, whose ratio has no useful bound: a header claiming 10 MB
        // cannot be refused from the sizes alone, so the reader measures the real output before allocating.
        byte[] body = Brotli(new byte[1000]);
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 125,
            Codec = 4,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, body, 125) { UncompressedSize = 10_000_000 }],
        }.Build();
        var error = ReadFails(file);
        Assert.True(error.Message.Contains("declares 10000000 uncompressed bytes but its BROTLI data expands to 1000", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void HighlyCompressedPage_ReadsAfterItsSizeIsConfirmed()
    {
        // 400,000 zero INT64s (3.2 MB) in a few hundred bytes of Brotli: far above the directly trusted ratio.
        const int count = 400_000;
        byte[] body = Brotli(new byte[count * 8]);
        Assert.True(body.Length < 1000);
        byte[] file = new HandBuiltParquetFile
        {
            Rows = count,
            Codec = 4,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, body, count) { UncompressedSize = count * 8 }],
        }.Build();
        using var reader = Open(file);
        var values = reader.ReadInt64Column("x");
        Assert.Equal(count, values.Length);
        Assert.All(values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void NegativeValueCount_IsAnError()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 2,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1, 2), -5)],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("negative or missing num_values -5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeRowCount_IsAnError()
    {
        byte[] file = new HandBuiltParquetFile { Rows = -3, Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1), 1)] }.Build();
        var error = Assert.Throws<ParquetFormatException>(() => Open(file).Dispose());
        Assert.True(error.Message.Contains("num_values -3", StringComparison.Ordinal), error.Message);
        Assert.Contains(Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PageWithMoreValuesThanRows_IsAnError()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 2,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1, 2, 3), 3)],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("page holds 3 values but only 2 rows of the row group remain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefinitionLevelsShorterThanTheValueCount_AreAnError()
    {
        // num_values 5, but the levels encode only one group of 8 bit-packed levels... truncated to 1 byte for 3.
        byte[] levels = [1, 0, 0, 0, 0x02];
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 5,
            Repetition = 1,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, Concat(levels, PlainInt64(1)), 5)],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("RLE", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V2NullCountDisagreeingWithLevels_IsAnError()
    {
        // Levels [1, 0, 1] (one null) but the header says two nulls.
        byte[] levels = [0x03, 0x05];
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 3,
            Repetition = 1,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPageV2, Concat(levels, PlainInt64(5, 7)), 3) { NullCount = 2, DefinitionLevelsLength = 2 }],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("definition levels give 1 nulls but the page header says 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V2Page_UncompressedValuesAfterLevels_Read()
    {
        byte[] levels = [0x03, 0x05];
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 3,
            Repetition = 1,
            Codec = 1,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPageV2, Concat(levels, PlainInt64(5, 7)), 3) { NullCount = 1, DefinitionLevelsLength = 2, IsCompressed = false }],
        }.Build();
        using var reader = Open(file);
        var data = reader.ReadColumn("x");
        Assert.Equal([5L, 0, 7], data.Int64s!);
        Assert.True(data.IsNull(1));
    }

    [Fact]
    public void FooterLengthReachingBeforeTheStart_IsAnError()
    {
        byte[] file = new HandBuiltParquetFile { Rows = 1, FooterLength = 1_000_000, Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1), 1)] }.Build();
        var error = Assert.Throws<ParquetFormatException>(() => Open(file).Dispose());
        Assert.Contains("footer length 1000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("reaches before the start of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongMagic_IsNotAParquetFile()
    {
        byte[] file = new HandBuiltParquetFile { Rows = 1, Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1), 1)] }.Build();
        file[0] = (byte)'X';
        var error = Assert.Throws<ParquetFormatException>(() => Open(file).Dispose());
        Assert.Contains($"{Name}: not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptFooterThrift_IsAnErrorWithItsByteOffset()
    {
        byte[] file = new HandBuiltParquetFile { Rows = 1, Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1), 1)] }.Build();
        int footerLength = BitConverter.ToInt32(file, file.Length - 8);
        int footerStart = file.Length - 8 - footerLength;

        // A field header byte 0xFF: delta 15, type code 15, which the compact protocol does not define.
        file[footerStart] = 0xFF;
        var error = Assert.Throws<ParquetFormatException>(() => Open(file).Dispose());
        Assert.Contains($"corrupt Thrift metadata at byte offset {footerStart + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptCompressedPage_IsAnErrorNamingTheCodec()
    {
        byte[] garbage = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x11];
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 2,
            Codec = 2,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, garbage, 2) { UncompressedSize = 16 }],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("corrupt GZIP data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrcMismatch_NamesThePage_AndCanBeSwitchedOff()
    {
        byte[] file = new HandBuiltParquetFile
        {
            Rows = 2,
            Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1, 2), 2) { Crc = 12345 }],
        }.Build();
        var error = ReadFails(file);
        Assert.Contains("page 0 at byte offset 4: page CRC-32 mismatch (stored 0x00003039", error.Message, StringComparison.Ordinal);

        using var lenient = ParquetFileReader.Open(new MemoryStream(file), Name, new ParquetReaderOptions { VerifyPageChecksums = false });
        Assert.Equal([1L, 2], lenient.ReadInt64Column("x"));
    }

    [Fact]
    public void UnknownColumn_ListsTheColumnsThatExist()
    {
        byte[] file = new HandBuiltParquetFile { Rows = 1, ColumnName = "close", Pages = [new HandBuiltPage(HandBuiltPage.DataPage, PlainInt64(1), 1)] }.Build();
        using var reader = Open(file);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadColumn("open"));
        Assert.Contains("no column named 'open'; the file has: close", error.Message, StringComparison.Ordinal);
        Assert.Equal([1L], reader.ReadInt64Column("CLOSE"));
        Assert.Throws<ParquetFormatException>(() => reader.ReadDoubleColumn("close"));
    }

    private static ParquetFileReader Open(byte[] file) => ParquetFileReader.Open(new MemoryStream(file), Name);

    private static ParquetFormatException ReadFails(byte[] file)
    {
        using var reader = Open(file);
        var error = Assert.Throws<ParquetFormatException>(() => ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines));
        Assert.StartsWith($"{Name}: row group 0, column 'x'", error.Message, StringComparison.Ordinal);
        return error;
    }

    private static byte[] Brotli(byte[] data)
    {
        var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }
}
