using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>Bad input to the writer fails early with an <see cref="ArgumentException"/> naming the column.</summary>
public sealed class ParquetWriterValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ColumnsOfDifferentLengths_AreRejectedNamingBothColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(
            new MemoryStream(),
            [ParquetWriteColumn.Int64("open_time_ms", [1, 2, 3]), ParquetWriteColumn.Double("close", [1.0, 2.0])]));
        Assert.Contains("'close' has 2 rows", error.Message);
        Assert.Contains("'open_time_ms' has 3", error.Message);
    }

    [Fact]
    public void DuplicateColumnNames_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(
            new MemoryStream(),
            [ParquetWriteColumn.Double("close", [1.0]), ParquetWriteColumn.Double("close", [2.0])]));
        Assert.Contains("'close' appears more than once", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyColumnName_IsRejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.Double(name, [1.0]));
        Assert.Contains("non-empty", error.Message);
    }

    [Fact]
    public void NoColumns_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(new MemoryStream(), []));
        Assert.Contains("at least one column", error.Message);
    }

    [Fact]
    public void ValidityOfWrongLength_IsRejectedNamingTheColumn()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.Double("funding_rate", [0.0001, 0.0002], [true]));
        Assert.Contains("'funding_rate'", error.Message);
        Assert.Contains("1 entries but there are 2 values", error.Message);
    }

    [Fact]
    public void NullInRequiredStringColumn_IsRejectedNamingColumnAndRow()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.String("symbol", ["BTCUSDT", null]));
        Assert.Contains("'symbol'", error.Message);
        Assert.Contains("row 1 is null", error.Message);
    }

    [Fact]
    public void DecimalNeedingMoreDigitsThanItsPrecision_IsRejected()
    {
        // DECIMAL(5,2) holds at most 999.99.
        ParquetWriteColumn.Decimal("fee", [999.99m, -999.99m], 5, 2);
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.Decimal("fee", [1.00m, 1000.00m], 5, 2));
        Assert.Contains("'fee': row 1 value 1000.00 needs more than the 5 digits of DECIMAL(5,2)", error.Message);
    }

    [Fact]
    public void DecimalWithMoreFractionalDigitsThanItsScale_IsRejectedNotRounded()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.Decimal("price", [1.5m, 1.255m], 9, 2));
        Assert.Contains("'price': row 1 value 1.255 has more than 2 digits after the decimal point", error.Message);
    }

    [Fact]
    public void DecimalTrailingZerosBeyondTheScale_AreAccepted()
    {
        // 1.2500 has scale 4 in System.Decimal but is exactly representable at scale 2.
        ParquetWriteColumn column = ParquetWriteColumn.Decimal("price", [1.2500m], 9, 2);
        Assert.Equal([125], (int[])column.Values);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(39, 0)]
    [InlineData(10, 11)]
    [InlineData(10, -1)]
    public void DecimalPrecisionOrScaleOutOfRange_IsRejected(int precision, int scale)
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.Decimal("amount", [1m], precision, scale));
        Assert.Contains("'amount'", error.Message);
    }

    [Fact]
    public void UndefinedTimeUnit_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetWriteColumn.Timestamp("time", [0L], (ParquetTimeUnit)7));
        Assert.Contains("'time'", error.Message);
    }

    [Theory]
    [InlineData(ParquetCompressionCodec.Lzo)]
    [InlineData(ParquetCompressionCodec.Lz4)]
    [InlineData(ParquetCompressionCodec.Brotli)]
    public void UnsupportedCodec_IsRejected(ParquetCompressionCodec codec)
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(
            new MemoryStream(), [ParquetWriteColumn.Double("close", [1.0])], new ParquetWriterOptions { Codec = codec }));
        Assert.Contains($"{codec} is not supported", error.Message);
    }

    [Fact]
    public void NonPositiveRowGroupSize_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(
            new MemoryStream(), [ParquetWriteColumn.Double("close", [1.0])], new ParquetWriterOptions { RowGroupSize = 0 }));
        Assert.Contains("RowGroupSize must be at least 1", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void MaxDegreeOfParallelismOtherThanMinusOneOrPositive_IsRejected(int parallelism)
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(
            new MemoryStream(), [ParquetWriteColumn.Double("close", [1.0])], new ParquetWriterOptions { MaxDegreeOfParallelism = parallelism }));
        Assert.Contains($"MaxDegreeOfParallelism must be -1 (every core) or at least 1 (got {parallelism})", error.Message);
    }

    [Fact]
    public void FailedWriteToPath_LeavesThePreviousFileAndNoTemporaryFile()
    {
        string path = Path.Combine(_folder, "runs.parquet");
        File.WriteAllText(path, "previous content");
        Assert.Throws<ArgumentException>(() => ParquetFileWriter.Write(
            path, [ParquetWriteColumn.Int64("a", [1]), ParquetWriteColumn.Int64("b", [1, 2])]));
        Assert.Equal("previous content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void SuccessfulWriteToPath_ReplacesTheFileAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_folder, "runs.parquet");
        File.WriteAllText(path, "previous content");
        ParquetFileWriter.Write(path, [ParquetWriteColumn.Int64("a", [1, 2])]);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void WriteIntoMissingFolder_ThrowsDirectoryNotFound()
    {
        string path = Path.Combine(_folder, "no-such-folder", "x.parquet");
        Assert.Throws<DirectoryNotFoundException>(() => ParquetFileWriter.Write(path, [ParquetWriteColumn.Int64("a", [1])]));
    }
}
