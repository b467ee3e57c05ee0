using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Damaged copies of corpus files read by the real <c>levbt data cat</c>, each in its own process: a native crash
/// inside the Parquet library (a signal, an abort) would end the child, not the test host, and show here as an
/// exit code other than 0 or 2. Reading a damaged file must either print rows (a flipped value byte is
/// undetectable without a CRC) or fail with exit code 2 and one error line naming the file.
/// </summary>
public sealed class DataCatMutantProcessTests
{
    private static readonly string[] Originals =
    [
        "data/alltypes_plain.snappy.parquet", "data/alltypes_dictionary.parquet", "data/delta_encoding_optional_column.parquet",
        "data/byte_stream_split.zstd.parquet", "data/datapage_v1-snappy-compressed-checksum.parquet", "data/int96_from_spark.parquet",
    ];

    [ParquetCorpusFact]
    public void SampleOfMutants_EndWithRowsOrOneErrorLine_NeverACrash()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-mutants").FullName;
        try
        {
            var mutants = new List<string>();
            for (int o = 0; o < Originals.Length; o++)
            {
                byte[] original = File.ReadAllBytes(SharedFolder.Corpus(Originals[o]));
                var random = new Random(20261203 + o);
                for (int m = 0; m < 5; m++)
                {
                    byte[] damaged = Mutate(original, m, random);
                    string path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(Originals[o])}-{m}.parquet");
                    File.WriteAllBytes(path, damaged);
                    mutants.Add(path);
                }
            }

            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            Parallel.ForEach(mutants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, path =>
            {
                using var process = Start(folder, "data", "cat", path);
                var result = Finish(process, TimeSpan.FromMinutes(2));
                string[] lines = result.ErrorLines;
                bool clean = result.ExitCode switch
                {
                    0 => true,
                    2 => lines.Length == 1 && lines[0].StartsWith("levbt: error: ", StringComparison.Ordinal) && lines[0].Contains(path, StringComparison.Ordinal),
                    _ => false,
                };
                if (!clean)
                {
                    failures.Add($"{Path.GetFileName(path)}: exit {result.ExitCode}: {result.Error.Trim()}");
                }
            });

            Assert.True(failures.IsEmpty, string.Join("\n", failures));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Kind <paramref name="kind"/> of damage: a truncation, a bit flip in the footer, anywhere, an overwritten run, inserted bytes.</summary>
    private static byte[] Mutate(byte[] original, int kind, Random random)
    {
        switch (kind)
        {
            case 0:
                return original[..random.Next(1, original.Length)];
            case 1:
                {
                    byte[] damaged = (byte[])original.Clone();
                    damaged[original.Length - 9 - random.Next(Math.Min(200, original.Length - 9))] ^= (byte)(1 << random.Next(8));
                    return damaged;
                }

            case 2:
                {
                    byte[] damaged = (byte[])original.Clone();
                    damaged[4 + random.Next(original.Length - 12)] ^= (byte)(1 << random.Next(8));
                    return damaged;
                }

            case 3:
                {
                    byte[] damaged = (byte[])original.Clone();
                    int start = random.Next(original.Length - 16);
                    random.NextBytes(damaged.AsSpan(start, 16));
                    return damaged;
                }

            default:
                {
                    int at = random.Next(4, original.Length - 8);
                    byte[] inserted = new byte[1 + random.Next(8)];
                    random.NextBytes(inserted);
                    return [.. original.AsSpan(0, at), .. inserted, .. original.AsSpan(at)];
                }
        }
    }
}
