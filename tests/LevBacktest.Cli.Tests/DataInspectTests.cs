namespace LevBacktest.Cli.Tests;

/// <summary>End-to-end tests of <c>levbt data inspect</c>.</summary>
public sealed class DataInspectTests
{
    [ParquetCorpusFact]
    public void Inspect_PrintsSchemaRowGroupsCodecsEncodingsSizesStatisticsAndWriter()
    {
        var (code, output, error) = DataCatTests.Levbt("data", "inspect", SharedFolder.Corpus("data/alltypes_tiny_pages.parquet"));
        Assert.True(code == 0, error);
        Assert.Contains("created_by: parquet-mr version 1.12.0-SNAPSHOT", output, StringComparison.Ordinal);
        Assert.Contains("rows: 7300\n", output, StringComparison.Ordinal);
        Assert.Contains("row groups: 1\n", output, StringComparison.Ordinal);
        Assert.Contains("  2  tinyint_col  INT32  logical INTEGER(8,true)  OPTIONAL  converted_type INT_8\n", output, StringComparison.Ordinal);
        Assert.Contains("  9  string_col  BYTE_ARRAY  logical STRING  OPTIONAL  converted_type UTF8\n", output, StringComparison.Ordinal);
        Assert.Contains(" 10  timestamp_col  INT96  logical -  OPTIONAL\n", output, StringComparison.Ordinal);
        Assert.Contains("row group 0: 7300 rows", output, StringComparison.Ordinal);
        Assert.Contains("  0  id  codec UNCOMPRESSED  encodings PLAIN,RLE,BIT_PACKED  compressed 37325 B  uncompressed 37325 B  values 7300\n", output, StringComparison.Ordinal);
        Assert.Contains("       statistics: min 0  max 7299  nulls 0\n", output, StringComparison.Ordinal);
        Assert.Contains("key-value metadata:\n  writer.model.name = 2.1.1-cdh6.x-SNAPSHOT\n", output, StringComparison.Ordinal);
    }

    [ParquetCorpusFact]
    public void Inspect_NestedFile_ListsTheNestedColumnsInsteadOfFailing()
    {
        var (code, output, error) = DataCatTests.Levbt("data", "inspect", SharedFolder.Corpus("data/nullable.impala.parquet"));
        Assert.True(code == 0, error);
        Assert.Contains("  0  id  INT64", output, StringComparison.Ordinal);
        Assert.Contains("nested columns (not readable by this flat reader): int_array.list.element", output, StringComparison.Ordinal);
    }

    [ParquetCorpusFact]
    public void Inspect_NotParquet_IsOneErrorLine()
    {
        var (code, output, error) = DataCatTests.Levbt("data", "inspect", SharedFolder.Corpus("data/delta_byte_array_expect.csv"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("not a Parquet file", error, StringComparison.Ordinal);
    }
}
