using System.Text;

namespace LevBacktest.Cli.Tests;

/// <summary>End-to-end tests of <c>levbt data cat</c> on the shared Parquet conformance corpus.</summary>
public sealed class DataCatTests
{
    public static TheoryData<string> ConformanceSample => new()
    {
        "data/alltypes_plain.parquet", "data/int96_from_spark.parquet", "data/byte_stream_split_extended.gzip.parquet",
        "data/float16_nonzeros_and_nans.parquet", "data/fixed_length_decimal.parquet", "data/lz4_raw_compressed_larger.parquet",
        "data/datapage_v2_empty_datapage.snappy.parquet", "data/geospatial/crs-default.parquet", "data/binary.parquet",
        "bad_data/ARROW-GH-43605.parquet",
    };

    [ParquetCorpusTheory]
    [MemberData(nameof(ConformanceSample))]
    public void Jsonl_IsTheCorpusExpectedOutputByteForByte(string file)
    {
        var (code, output, error) = Levbt("data", "cat", SharedFolder.Corpus(file), "--format", "jsonl");
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        string expected = File.ReadAllText(SharedFolder.Corpus("expected/" + file.Replace("/", "__", StringComparison.Ordinal) + ".jsonl"), new UTF8Encoding(false));
        Assert.Equal(expected, output);
    }

    [ParquetCorpusFact]
    public void Csv_HasAHeaderAndCanonicalCells_WithColumnsAndLimit()
    {
        var (code, output, error) = Levbt("data", "cat", SharedFolder.Corpus("data/alltypes_plain.parquet"), "--format", "csv", "--columns", "id,double_col,date_string_col,timestamp_col", "--limit", "2");
        Assert.True(code == 0, error);

        // Rows 0 and 1 of the expected JSONL: id 4 and 5; date strings are BYTE_ARRAY without UTF8 (base64).
        Assert.Equal(
            "id,double_col,date_string_col,timestamp_col\n" +
            "4,0.0,MDMvMDEvMDk=,2009-03-01T00:00:00.000000000Z\n" +
            "5,10.1,MDMvMDEvMDk=,2009-03-01T00:01:00.000000000Z\n",
            output);
    }

    [ParquetCorpusFact]
    public void Jsonl_ColumnsSelectAndOrder_LimitZeroPrintsNothing()
    {
        var (code, output, _) = Levbt("data", "cat", SharedFolder.Corpus("data/alltypes_plain.parquet"), "--columns", "bool_col,id", "--limit", "1");
        Assert.Equal(0, code);
        Assert.Equal("{\"bool_col\":true,\"id\":4}\n", output);

        (code, output, _) = Levbt("data", "cat", SharedFolder.Corpus("data/alltypes_plain.parquet"), "--limit", "0");
        Assert.Equal(0, code);
        Assert.Equal("", output);
    }

    [ParquetCorpusTheory]
    [InlineData("data/datapage_v1-corrupt-checksum.parquet", "CRC checksum verification failed")]
    [InlineData("data/nested_lists.snappy.parquet", "is nested")]
    [InlineData("data/hadoop_lz4_compressed.parquet", "LZ4")]
    [InlineData("data/uniform_encryption.parquet.encrypted", "encrypted")]
    [InlineData("data/bloom_filter.bin", "not a Parquet file")]
    public void BadFile_IsOneErrorLineAndExitCode2(string file, string expectedDetail)
    {
        var (code, output, error) = Levbt("data", "cat", SharedFolder.Corpus(file));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("levbt: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(SharedFolder.Corpus(file), lines[0], StringComparison.Ordinal);
        Assert.Contains(expectedDetail, lines[0], StringComparison.Ordinal);
    }

    [ParquetCorpusFact]
    public void CorruptChecksum_ReadsWithNoVerifyChecksums()
    {
        var (code, output, error) = Levbt("data", "cat", SharedFolder.Corpus("data/datapage_v1-corrupt-checksum.parquet"), "--no-verify-checksums", "--limit", "1");
        Assert.True(code == 0, error);
        Assert.EndsWith("}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsAnErrorNamingIt()
    {
        var (code, _, error) = Levbt("data", "cat", "/nonexistent/prices.parquet");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/prices.parquet", error, StringComparison.Ordinal);
    }

    [ParquetCorpusFact]
    public void UnknownColumn_ListsTheColumns()
    {
        var (code, _, error) = Levbt("data", "cat", SharedFolder.Corpus("data/alltypes_plain.parquet"), "--columns", "price");
        Assert.Equal(2, code);
        Assert.Contains("no column named 'price'; the file has: id, bool_col", error, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Error) Levbt(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = CommandLineApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
