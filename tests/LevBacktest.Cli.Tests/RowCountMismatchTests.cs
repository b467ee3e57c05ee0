using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// A Parquet file whose footer says num_rows 50 while it holds no row group at all: every command that reads it
/// (cat, inspect, validate, run) fails with one line naming the file and both counts, instead of reading it as empty.
/// </summary>
public sealed class RowCountMismatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-rowcount").FullName;
    private readonly string _file;

    public RowCountMismatchTests() => _file = WriteFooterPromisingRows(Path.Combine(_folder, "BTCUSDT-1h.parquet"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Expected => $"levbt: error: {_file}: the row groups hold 0 rows but the footer says num_rows 50";

    [Fact]
    public void The_test_file_promises_rows_it_does_not_hold()
    {
        using var reader = ParquetFileReader.Open(_file);
        Assert.Equal(50, reader.RowCount);
        Assert.Empty(reader.Metadata.RowGroups);
    }

    [Fact]
    public void Data_cat_exits_2_with_one_line_and_prints_nothing()
    {
        foreach (string format in new[] { "jsonl", "csv" })
        {
            var (code, output, error) = DataCatTests.Levbt("data", "cat", _file, "--format", format);
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Equal([Expected], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void Data_inspect_describes_the_footer_then_exits_2()
    {
        var (code, output, error) = DataCatTests.Levbt("data", "inspect", _file);
        Assert.Equal(2, code);
        Assert.Contains("rows: 50\n", output, StringComparison.Ordinal);
        Assert.Contains("row groups: 0\n", output, StringComparison.Ordinal);
        Assert.Equal([Expected], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Data_validate_reports_it()
    {
        var (code, output, _) = DataCatTests.Levbt("data", "validate", _file);
        Assert.Equal(2, code);
        Assert.Contains("the row groups hold 0 rows but the footer says num_rows 50", output, StringComparison.Ordinal);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_fails_loading_it()
    {
        var spec = CsvSpec();
        spec["data"] = new System.Text.Json.Nodes.JsonObject { ["prices"] = _file };
        WriteSpec(_folder, spec);
        var (code, _, error) = DataCatTests.Levbt("run", Path.Combine(_folder, "spec.json"), "--out", Path.Combine(_folder, "out"), "--no-charts");
        Assert.Equal(2, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("levbt: error:", StringComparison.Ordinal));
        Assert.Contains(_file, line, StringComparison.Ordinal);
        Assert.Contains("the row groups hold 0 rows but the footer says num_rows 50", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    /// <summary>
    /// Writes a price table with no rows (hence no row group) and sets the footer's FileMetaData.num_rows (Thrift
    /// compact field 3, i64, zigzag varint) from 0 to 50. With field 2 (schema) before it and field 4 (row_groups, an
    /// empty list of structs) after it, the footer holds the bytes 0x16 0x00 0x19 0x0C exactly once.
    /// </summary>
    internal static string WriteFooterPromisingRows(string path)
    {
        ParquetFileWriter.Write(path,
        [
            ParquetWriteColumn.Timestamp("open_time", [], ParquetTimeUnit.Millis),
            ParquetWriteColumn.Double("open", []),
            ParquetWriteColumn.Double("high", []),
            ParquetWriteColumn.Double("low", []),
            ParquetWriteColumn.Double("close", []),
            ParquetWriteColumn.Double("volume", []),
        ]);
        byte[] bytes = File.ReadAllBytes(path);
        int footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        int footerStart = bytes.Length - 8 - footerLength;
        byte[] pattern = [0x16, 0x00, 0x19, 0x0C];
        var matches = Enumerable.Range(footerStart, footerLength - pattern.Length + 1)
            .Where(i => bytes.AsSpan(i, pattern.Length).SequenceEqual(pattern)).ToArray();
        int at = Assert.Single(matches);
        bytes[at + 1] = 0x64; // zigzag(50) = 100: still one varint byte, so nothing moves
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
