using System.Text;
using System.Text.Json;

using LevBacktest.Parquet.Text;

namespace LevBacktest.Parquet.Tests;

/// <summary>The corpus's positive set printed as canonical JSONL must equal the expected files byte for byte; schemas must match.</summary>
public sealed class ConformanceTests
{
    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.PositiveFiles), MemberType = typeof(CorpusManifest))]
    public void PositiveFile_PrintsExactlyTheExpectedJsonLines(string file)
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(file));
        var output = new StringWriter();
        long rows = ParquetTextExporter.Write(reader, output, ParquetTextFormat.JsonLines);

        string expected = File.ReadAllText(CorpusManifest.ExpectedPath(file, ".jsonl"), new UTF8Encoding(false));
        string actual = output.ToString();
        Assert.Equal(reader.RowCount, rows);
        if (expected != actual)
        {
            // Name the first differing line rather than dumping whole files.
            string[] expectedLines = expected.Split('\n');
            string[] actualLines = actual.Split('\n');
            for (int i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
            {
                Assert.True(expectedLines[i] == actualLines[i], $"{file} line {i + 1}:\n expected {expectedLines[i]}\n actual   {actualLines[i]}");
            }

            Assert.Equal(expectedLines.Length, actualLines.Length);
        }
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.PositiveFiles), MemberType = typeof(CorpusManifest))]
    public void PositiveFile_SchemaMatchesExpectedSchemaJson(string file)
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(file));
        using var expected = JsonDocument.Parse(File.ReadAllBytes(CorpusManifest.ExpectedPath(file, ".schema.json")));
        var root = expected.RootElement;
        Assert.Equal(root.GetProperty("num_rows").GetInt64(), reader.RowCount);
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(columns.Count, reader.Schema.Columns.Count);
        for (int i = 0; i < columns.Count; i++)
        {
            var expectedColumn = columns[i];
            var column = reader.Schema.Columns[i];
            Assert.Equal(expectedColumn.GetProperty("name").GetString(), column.Name);
            Assert.Equal(expectedColumn.GetProperty("physical").GetString(), ParquetNames.Of(column.PhysicalType));
            if (expectedColumn.TryGetProperty("type_length", out var typeLength))
            {
                Assert.Equal(typeLength.GetInt32(), column.TypeLength);
            }

            var logical = expectedColumn.GetProperty("logical");
            string expectedLogical = logical.ValueKind == JsonValueKind.Null ? "null" : logical.GetString()!;
            Assert.True(expectedLogical == column.LogicalType.ToString(), $"{file} column {column.Name}: logical {expectedLogical} expected, got {column.LogicalType}");
            Assert.Equal(expectedColumn.GetProperty("repetition").GetString(), ParquetNames.Of(column.Repetition));
            if (expectedColumn.TryGetProperty("converted_type", out var converted))
            {
                Assert.NotNull(column.ConvertedType);
                Assert.Equal(converted.GetString(), ParquetNames.Of(column.ConvertedType.Value));
            }
            else
            {
                Assert.Null(column.ConvertedType);
            }
        }
    }

    [CorpusFact]
    public void Manifest_MatchesTheCorpusReadme()
    {
        string readme = File.ReadAllText(Path.Combine(CorpusFiles.Root!, "README.md"));
        int start = readme.IndexOf("### Positive set", StringComparison.Ordinal);
        int end = readme.IndexOf("### Negative set", StringComparison.Ordinal);
        var listed = readme[start..end].Split('\n')
            .Select(line => line.Trim())
            .Where(line => (line.StartsWith("data/", StringComparison.Ordinal) || line.StartsWith("bad_data/", StringComparison.Ordinal)) && line.EndsWith(".parquet", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(listed, CorpusManifest.Positive);
        foreach (string negative in CorpusManifest.Negative)
        {
            Assert.Contains($"`{negative}`", readme, StringComparison.Ordinal);
        }
    }
}
