using LevBacktest.Parquet.Text;

namespace LevBacktest.Parquet.Tests;

/// <summary>Negative and out-of-scope corpus files fail with one clear, typed error naming the file, and print no row.</summary>
public sealed class CorpusRejectionTests
{
    private const string TolerantlyDecoded = "data/nation.dict-malformed.parquet";

    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.NegativeFiles), MemberType = typeof(CorpusManifest))]
    public void NegativeFile_IsRejectedWithAnErrorNamingTheFile(string file)
    {
        if (file == TolerantlyDecoded)
        {
            return;
        }

        string path = CorpusFiles.PathOf(file);
        var output = new StringWriter();
        var error = Record.Exception(() =>
        {
            using var reader = ParquetFileReader.Open(path);
            ParquetTextExporter.Write(reader, output, ParquetTextFormat.JsonLines);
        });

        Assert.NotNull(error);

        // Corrupt flat files are format errors; the nested ones are refused as unsupported before any decoding.
        Assert.True(error is ParquetFormatException or NotSupportedException, $"{file}: {error.GetType().Name}: {error.Message}");
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [CorpusTheory]
    [InlineData("bad_data/PARQUET-1481.parquet", "physical type")]
    [InlineData("bad_data/ARROW-GH-47662.parquet", "column 'flba_field'")]
    [InlineData("data/datapage_v1-corrupt-checksum.parquet", "CRC")]
    [InlineData("data/rle-dict-uncompressed-corrupt-checksum.parquet", "CRC")]
    public void CorruptFlatFile_IsAFormatErrorSayingWhere(string file, string expectedDetail)
    {
        var error = Assert.Throws<ParquetFormatException>(() =>
        {
            using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(file));
            ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines);
        });
        Assert.Contains(expectedDetail, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The corpus README tolerates decoding this file (chunk lengths 15 bytes short; the page headers are right):
    /// the library follows the page headers, as DuckDB does, and returns its 25 nations.
    /// </summary>
    [CorpusFact]
    public void MalformedDictionaryChunkLength_IsDecodedByFollowingThePageHeaders()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(TolerantlyDecoded));
        var output = new StringWriter();
        Assert.Equal(25, ParquetTextExporter.Write(reader, output, ParquetTextFormat.JsonLines));
        Assert.StartsWith("{\"nation_key\":0,", output.ToString(), StringComparison.Ordinal);
    }

    [CorpusTheory]
    [InlineData("data/datapage_v1-corrupt-checksum.parquet")]
    [InlineData("data/rle-dict-uncompressed-corrupt-checksum.parquet")]
    public void CorruptChecksumFile_ReadsWhenVerificationIsOff(string file)
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(file), new ParquetReaderOptions { VerifyPageChecksums = false });
        long rows = ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines);
        Assert.Equal(reader.RowCount, rows);
        Assert.True(rows > 0);
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.NestedFiles), MemberType = typeof(CorpusManifest))]
    public void NestedFile_IsNotSupportedNamingTheNestedColumn(string file)
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(file));
        Assert.NotEmpty(reader.Schema.NestedColumnPaths);
        var error = Assert.Throws<NotSupportedException>(() => ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines));
        Assert.Contains($"column '{reader.Schema.NestedColumnPaths[0]}' is nested", error.Message, StringComparison.Ordinal);
    }

    [CorpusFact]
    public void FileWithNestedColumns_KeepsItsFlatColumnsReadable()
    {
        // nulls.snappy.parquet: a struct b_struct plus ... ; nested_structs.rust.parquet has flat siblings of its groups.
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/nullable.impala.parquet"));
        var id = Assert.Single(reader.Schema.Columns, c => c.Name == "id");
        var values = reader.ReadInt64Column(id.Name);
        Assert.Equal(reader.RowCount, values.Length);
        Assert.Equal(Enumerable.Range(1, values.Length).Select(i => (long)i), values);
        Assert.Throws<NotSupportedException>(() => reader.ReadColumn("int_array"));
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.EncryptedFiles), MemberType = typeof(CorpusManifest))]
    public void EncryptedFile_IsNotSupportedSayingItIsEncrypted(string file)
    {
        var error = Assert.Throws<NotSupportedException>(() => ParquetFileReader.Open(CorpusFiles.PathOf(file)).Dispose());
        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.DeprecatedLz4Files), MemberType = typeof(CorpusManifest))]
    public void DeprecatedLz4File_IsNotSupportedNamingTheCodec(string file)
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf(file));
        var error = Assert.Throws<NotSupportedException>(() => ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines));
        Assert.Contains("LZ4", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusManifest.NotParquetFiles), MemberType = typeof(CorpusManifest))]
    public void NotParquetFile_SaysSo(string file)
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(CorpusFiles.PathOf(file)).Dispose());
        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
    }
}
