using System.Buffers.Binary;

using LevBacktest.Parquet.Text;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Files written by our writer, then damaged in one place each: every damage must be a
/// <see cref="ParquetFormatException"/> whose message names the file and, where known, row group and column —
/// never another exception type.
/// </summary>
public sealed class BadInputTests
{
    private const string Name = "damaged.parquet";

    [Fact]
    public void OptionalColumn_NullsComeBackAsValidity()
    {
        byte[] file = Write([ParquetWriteColumn.Int64("x", [5, 6, 7], [true, false, true])]);
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
    public void FooterLengthReachingBeforeTheStart_IsAnError()
    {
        byte[] file = Write([ParquetWriteColumn.Int64("x", [1])]);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8), 1_000_000);
        var error = Assert.Throws<ParquetFormatException>(() => Open(file).Dispose());
        Assert.Contains($"{Name}: footer length 1000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("reaches before the start of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongMagic_IsNotAParquetFile()
    {
        byte[] file = Write([ParquetWriteColumn.Int64("x", [1])]);
        file[0] = (byte)'X';
        var error = Assert.Throws<ParquetFormatException>(() => Open(file).Dispose());
        Assert.Contains($"{Name}: not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptFooter_IsAnErrorNamingTheFile()
    {
        byte[] file = Write([ParquetWriteColumn.Int64("x", [1, 2, 3])]);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        file.AsSpan(file.Length - 8 - footerLength, Math.Min(footerLength, 24)).Fill(0xFF);
        var error = Assert.Throws<ParquetFormatException>(() =>
        {
            using var reader = Open(file);
            ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines);
        });
        Assert.StartsWith($"{Name}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("N7parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrcMismatch_NamesTheColumn_AndCanBeSwitchedOff()
    {
        // Uncompressed, no dictionary: the page's values are the bytes of 1 and 2; alter the first value's low byte.
        long[] values = [0x0102030405060708, 2];
        byte[] file = Write([ParquetWriteColumn.Int64("x", values)], new ParquetWriterOptions { Codec = Format.ParquetCompressionCodec.Uncompressed, UseDictionary = false });
        int at = file.AsSpan().IndexOf(BitConverter.GetBytes(values[0]));
        Assert.True(at > 0);
        file[at] ^= 0x01;

        using var reader = Open(file);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadInt64Column("x"));
        Assert.StartsWith($"{Name}: row group 0, column 'x': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);

        using var lenient = ParquetFileReader.Open(new MemoryStream(file), Name, new ParquetReaderOptions { VerifyPageChecksums = false });
        Assert.Equal([0x0102030405060709, 2], lenient.ReadInt64Column("x"));
    }

    [Fact]
    public void UnknownColumn_ListsTheColumnsThatExist()
    {
        byte[] file = Write([ParquetWriteColumn.Int64("close", [1])]);
        using var reader = Open(file);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadColumn("open"));
        Assert.Contains("no column named 'open'; the file has: close", error.Message, StringComparison.Ordinal);
        Assert.Equal([1L], reader.ReadInt64Column("CLOSE"));
        Assert.Throws<ParquetFormatException>(() => reader.ReadDoubleColumn("close"));
    }

    private static byte[] Write(IReadOnlyList<ParquetWriteColumn> columns, ParquetWriterOptions? options = null)
    {
        var stream = new MemoryStream();
        ParquetFileWriter.Write(stream, columns, options);
        return stream.ToArray();
    }

    private static ParquetFileReader Open(byte[] file) => ParquetFileReader.Open(new MemoryStream(file), Name);
}
