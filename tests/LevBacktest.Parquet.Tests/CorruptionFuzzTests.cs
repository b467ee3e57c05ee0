using System.Text;

using LevBacktest.Parquet.Text;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Damaged copies of valid corpus files: every truncation of a small file, and deterministic random byte flips
/// of larger ones. A damaged file may still read (a flipped value byte is undetectable without a CRC), but the
/// only exceptions allowed are <see cref="ParquetFormatException"/> (and <see cref="NotSupportedException"/>
/// when a flip turns a field into a valid but unsupported value, such as codec 5 or a REPEATED column).
/// </summary>
public sealed class CorruptionFuzzTests
{
    private static readonly string[] FlipFiles =
    [
        "data/alltypes_plain.parquet", "data/alltypes_plain.snappy.parquet", "data/alltypes_dictionary.parquet",
        "data/byte_array_decimal.parquet", "data/byte_stream_split.zstd.parquet", "data/byte_stream_split_extended.gzip.parquet",
        "data/concatenated_gzip_members.parquet", "data/datapage_v1-snappy-compressed-checksum.parquet",
        "data/delta_length_byte_array.parquet", "data/delta_encoding_optional_column.parquet", "data/dict-page-offset-zero.parquet",
        "data/fixed_length_decimal.parquet", "data/float16_nonzeros_and_nans.parquet", "data/int32_with_null_pages.parquet",
        "data/int96_from_spark.parquet", "data/lz4_raw_compressed.parquet", "data/page_v2_empty_compressed.parquet",
        "data/rle_boolean_encoding.parquet", "data/datapage_v2_empty_datapage.snappy.parquet", "bad_data/ARROW-GH-43605.parquet",
    ];

    [CorpusFact]
    public void TruncatedAtEveryOffset_IsAlwaysAFormatErrorNamingTheFile()
    {
        byte[] whole = File.ReadAllBytes(CorpusFiles.PathOf("data/alltypes_plain.parquet"));
        for (int length = 0; length < whole.Length; length++)
        {
            using var stream = new MemoryStream(whole, 0, length, writable: false);
            var error = Record.Exception(() => ReadEverything(stream, "truncated.parquet", verifyChecksums: true));
            Assert.True(error is ParquetFormatException, $"truncated to {length} bytes: {error?.GetType().Name ?? "no error"}: {error?.Message}");
            Assert.Contains("truncated.parquet", error!.Message, StringComparison.Ordinal);
        }
    }

    [CorpusFact]
    public void TruncatedColumnChunks_AreFormatErrors()
    {
        // Keep the footer but cut the data region short: chunks then reach past the end of the file's data.
        byte[] whole = File.ReadAllBytes(CorpusFiles.PathOf("data/alltypes_plain.snappy.parquet"));
        int footerLength = BitConverter.ToInt32(whole, whole.Length - 8);
        byte[] footer = whole[^(footerLength + 8)..];
        long chunksEnd;
        using (var intact = ParquetFileReader.Open(new MemoryStream(whole), "intact.parquet"))
        {
            // The column chunks follow the 4 magic bytes back to back.
            chunksEnd = 4 + intact.Metadata.RowGroups.SelectMany(g => g.Columns).Sum(c => c.TotalCompressedSize);
        }

        for (int dataLength = 4; dataLength < chunksEnd; dataLength += 7)
        {
            byte[] damaged = [.. whole.AsSpan(0, dataLength), .. footer];
            using var stream = new MemoryStream(damaged, writable: false);
            var error = Record.Exception(() => ReadEverything(stream, "cut.parquet", verifyChecksums: true));
            Assert.True(error is ParquetFormatException, $"data cut to {dataLength} bytes: {error?.GetType().Name ?? "no error"}: {error?.Message}");
        }
    }

    [CorpusFact]
    public void RandomByteFlips_NeverRaiseAnythingButFormatOrNotSupportedErrors()
    {
        var failures = new StringBuilder();
        int rejected = 0;
        int iterations = 0;
        for (int fileIndex = 0; fileIndex < FlipFiles.Length; fileIndex++)
        {
            string file = FlipFiles[fileIndex];
            byte[] original = File.ReadAllBytes(CorpusFiles.PathOf(file));
            var random = new Random(20240601 + fileIndex);
            for (int iteration = 0; iteration < 120; iteration++)
            {
                byte[] damaged = (byte[])original.Clone();
                int flips = 1 + random.Next(3);
                var offsets = new List<int>();
                for (int f = 0; f < flips; f++)
                {
                    // Half of the flips land in the footer, where the metadata lives; the rest anywhere.
                    int offset = random.Next(2) == 0 && original.Length > 300
                        ? original.Length - 1 - random.Next(Math.Min(original.Length - 1, 400))
                        : random.Next(original.Length);
                    damaged[offset] ^= (byte)(1 + random.Next(255));
                    offsets.Add(offset);
                }

                iterations++;
                using var stream = new MemoryStream(damaged, writable: false);
                var error = Record.Exception(() => ReadEverything(stream, "flipped.parquet", verifyChecksums: iteration % 2 == 0));
                if (error is ParquetFormatException or NotSupportedException)
                {
                    rejected++;
                    if (!error.Message.Contains("flipped.parquet", StringComparison.Ordinal))
                    {
                        failures.AppendLine($"{file} iteration {iteration} offsets {string.Join(",", offsets)}: message does not name the file: {error.Message}");
                    }
                }
                else if (error is not null)
                {
                    failures.AppendLine($"{file} iteration {iteration} offsets {string.Join(",", offsets)}: {error.GetType().Name}: {error.Message}");
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());

        // The damage must actually be noticed most of the time, or the test exercises nothing.
        Assert.True(rejected > iterations / 3, $"only {rejected} of {iterations} damaged files were rejected");
    }

    private static void ReadEverything(Stream stream, string name, bool verifyChecksums)
    {
        using var reader = ParquetFileReader.Open(stream, name, new ParquetReaderOptions { VerifyPageChecksums = verifyChecksums });
        ParquetTextExporter.Write(reader, TextWriter.Null, ParquetTextFormat.JsonLines);
    }
}
