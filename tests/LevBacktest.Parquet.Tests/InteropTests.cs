using System.Globalization;
using System.Numerics;

using FsCheck.Fluent;

using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Files written by <see cref="ParquetFileWriter"/> must load, value for value, in DuckDB and polars (node bindings,
/// see interop/read-parquet.mjs). Skipped with a message when node_modules is missing.
/// </summary>
public sealed class InteropTests : IDisposable
{
    private static readonly ParquetCompressionCodec[] Codecs =
    [
        ParquetCompressionCodec.Uncompressed, ParquetCompressionCodec.Snappy, ParquetCompressionCodec.Gzip, ParquetCompressionCodec.Zstd,
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-interop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [InteropFact]
    public void HandWrittenTable_EveryCodecWithAndWithoutDictionary_ReadsIdenticallyInDuckDbAndPolars()
    {
        RoundTripColumn[] columns = HandWrittenColumns(rows: 2_500);
        var files = new List<(string Path, RoundTripTable Table)>();
        foreach (ParquetCompressionCodec codec in Codecs)
        {
            foreach (bool dictionary in new[] { true, false })
            {
                var options = new ParquetWriterOptions { Codec = codec, UseDictionary = dictionary, RowGroupSize = 1_000, DataPageSize = 2_048 };
                files.Add(Write(new RoundTripTable(columns, 2_500, options), $"hand-{codec}-{dictionary}"));
            }
        }

        AssertEnginesRead(files);
    }

    [InteropFact]
    public void DeltaAndByteStreamSplitEncodings_ReadIdenticallyInDuckDbAndPolars()
    {
        // Every column type these encodings take, with the hand-written extremes (wrapping deltas, NaN, −0, ±∞),
        // nulls, several pages and row groups; with the dictionary off and on (then they are its fallback).
        RoundTripColumn[] columns = HandWrittenColumns(rows: 2_500);
        var encodings = new Dictionary<string, ParquetEncoding>
        {
            ["open_time_ms"] = ParquetEncoding.DeltaBinaryPacked,
            ["count"] = ParquetEncoding.DeltaBinaryPacked,
            ["ts_ms"] = ParquetEncoding.DeltaBinaryPacked,
            ["ts_us"] = ParquetEncoding.DeltaBinaryPacked,
            ["ts_ns"] = ParquetEncoding.DeltaBinaryPacked,
            ["day"] = ParquetEncoding.DeltaBinaryPacked,
            ["close"] = ParquetEncoding.ByteStreamSplit,
            ["ratio"] = ParquetEncoding.ByteStreamSplit,
        };
        var files = new List<(string Path, RoundTripTable Table)>();
        foreach (ParquetCompressionCodec codec in new[] { ParquetCompressionCodec.Uncompressed, ParquetCompressionCodec.Zstd })
        {
            foreach (bool dictionary in new[] { false, true })
            {
                var options = new ParquetWriterOptions { Codec = codec, UseDictionary = dictionary, RowGroupSize = 1_000, DataPageSize = 2_048, ColumnEncodings = encodings };
                files.Add(Write(new RoundTripTable(columns, 2_500, options), $"encoded-{codec}-{dictionary}"));
            }
        }

        AssertEnginesRead(files);
    }

    [InteropFact]
    public void ZeroRowsAndAllNullColumns_ReadInDuckDbAndPolars()
    {
        var files = new List<(string Path, RoundTripTable Table)>();
        foreach (ParquetCompressionCodec codec in Codecs)
        {
            var empty = new RoundTripTable(HandWrittenColumns(rows: 0), 0, new ParquetWriterOptions { Codec = codec });
            files.Add(Write(empty, $"empty-{codec}"));
            RoundTripColumn[] allNull = HandWrittenColumns(rows: 40)
                .Select(c => c with { Optional = true, Values = new object?[40] })
                .ToArray();
            files.Add(Write(new RoundTripTable(allNull, 40, new ParquetWriterOptions { Codec = codec, RowGroupSize = 16 }), $"null-{codec}"));
        }

        AssertEnginesRead(files);
    }

    [InteropFact]
    public void GeneratedTables_ReadIdenticallyInDuckDbAndPolars()
    {
        // Forty random tables (all kinds, codecs, optional/all-null columns, 0 rows, tiny row groups and pages),
        // read in one node process per engine to keep the suite fast.
        RoundTripTable[] tables = RoundTripTableGenerator.Tables(maxRows: 400).Sample(40, 40);
        var files = tables.Select((table, i) => Write(table, $"generated-{i}")).ToList();
        AssertEnginesRead(files);
    }

    private (string Path, RoundTripTable Table) Write(RoundTripTable table, string name)
    {
        string path = Path.Combine(_folder, name + ".parquet");
        ParquetFileWriter.Write(path, table.ToWriteColumns(), table.Options);
        return (path, table);
    }

    private static void AssertEnginesRead(IReadOnlyList<(string Path, RoundTripTable Table)> files)
    {
        foreach (string engine in new[] { "duckdb", "polars" })
        {
            IReadOnlyList<InteropTable> tables = InteropNodeReader.Read(engine, files.Select(f => f.Path).ToArray());
            Assert.Equal(files.Count, tables.Count);
            for (int f = 0; f < files.Count; f++)
            {
                RoundTripTable expected = files[f].Table;
                InteropTable actual = tables[f];
                string context = $"{engine} reading {Path.GetFileName(files[f].Path)} ({expected})";
                Assert.True(expected.RowCount == actual.RowCount, $"{context}: {actual.RowCount} rows");
                Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
                for (int c = 0; c < expected.Columns.Count; c++)
                {
                    AssertColumnMatches(expected.Columns[c], actual.Columns[c], engine, context);
                }
            }
        }
    }

    private static void AssertColumnMatches(RoundTripColumn expected, InteropColumn actual, string engine, string context)
    {
        Assert.Equal(expected.Values.Length, actual.Values.Count);
        for (int row = 0; row < expected.Values.Length; row++)
        {
            object? want = expected.Values[row];
            string? got = actual.Values[row];
            bool ok = want is null ? got is null : got is not null && Matches(expected, want, got, engine);
            if (!ok)
            {
                Assert.Fail($"{context}: column '{expected.Name}' ({actual.Type}) row {row}: expected {Show(want)}, got {got ?? "null"}");
            }
        }
    }

    private static bool Matches(RoundTripColumn column, object want, string got, string engine)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        switch (column.Kind)
        {
            case RoundTripKind.Double:
                {
                    double expected = (double)want, actual = double.Parse(got, invariant);
                    return double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
                }

            case RoundTripKind.Float:
                {
                    float expected = (float)want, actual = (float)double.Parse(got, invariant);
                    return float.IsNaN(expected) ? float.IsNaN(actual) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual);
                }

            case RoundTripKind.Boolean:
                return got == ((bool)want ? "true" : "false");
            case RoundTripKind.String:
                return got == (string)want;
            case RoundTripKind.Decimal:
                return decimal.Parse(got, NumberStyles.Float, invariant) == (decimal)want;
            case RoundTripKind.Timestamp:
                {
                    long value = (long)want;
                    BigInteger nanoseconds = column.Unit switch
                    {
                        ParquetTimeUnit.Millis => (BigInteger)value * 1_000_000,
                        ParquetTimeUnit.Micros => (BigInteger)value * 1_000,
                        _ => engine == "duckdb" ? (BigInteger)(value / 1_000 * 1_000) : value, // DuckDB keeps microseconds
                    };
                    return BigInteger.Parse(got, invariant) == nanoseconds;
                }

            default: // INT32, INT64, DATE: exact integers
                return got == Convert.ToString(want, invariant);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>One column of every kind, with edge values at fixed rows and a repeating pattern after them.</summary>
    internal static RoundTripColumn[] HandWrittenColumns(int rows)
    {
        object?[] Fill(object?[] head, Func<int, object?> tail) =>
            Enumerable.Range(0, rows).Select(i => i < head.Length ? head[i] : tail(i)).ToArray();

        return
        [
            new("open_time_ms", RoundTripKind.Int64, false, Fill([long.MinValue, long.MaxValue, 0L, -1L], i => 1_700_000_000_000L + (i * 60_000L))),
            new("count", RoundTripKind.Int32, true, Fill([int.MinValue, null, int.MaxValue, 0], i => i % 7 == 0 ? null : i % 5)),
            new("close", RoundTripKind.Double, false, Fill([double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue], i => 30_000 + (i * 0.5))),
            new("ratio", RoundTripKind.Float, true, Fill([float.NaN, null, -0f, float.NegativeInfinity, float.MaxValue], i => i % 3 == 0 ? null : i / 8f)),
            new("is_long", RoundTripKind.Boolean, true, Fill([true, false, null], i => i % 11 == 0 ? null : i % 3 == 0)),
            new("symbol", RoundTripKind.String, true, Fill(["", null, "BTCUSDT", "日本語", "😀", "a\u0000b"], i => i % 9 == 0 ? null : i % 4 == 0 ? "ETHUSDT" : "BTCUSDT")),
            new("note", RoundTripKind.String, false, Fill([""], i => $"row {i}")),
            new("ts_ms", RoundTripKind.Timestamp, false, Fill([0L, -1L, 1L], i => 1_600_000_000_000L + i), ParquetTimeUnit.Millis),
            new("ts_us", RoundTripKind.Timestamp, true, Fill([0L, null, -1L], i => 1_600_000_000_000_000L + (i * 17L)), ParquetTimeUnit.Micros),
            new("ts_ns", RoundTripKind.Timestamp, false, Fill([0L, 1L, 999L, 1_000L, 1_600_000_000_123_456_789L], i => 1_600_000_000_000_000_000L + (i * 1_000L)), ParquetTimeUnit.Nanos),
            new("day", RoundTripKind.Date, true, Fill([0, -1, null, 19_000], i => 18_000 + (i % 30))),
            new("fee", RoundTripKind.Decimal, false, Fill([0m, -0.01m, 9_999_999.99m, -9_999_999.99m], i => (i % 100) / 4m), Precision: 9, Scale: 2),
            new("notional", RoundTripKind.Decimal, true, Fill([null, 99_999_999_999_999.9999m, -1m], i => i * 1.0001m), Precision: 18, Scale: 4),
            new("big", RoundTripKind.Decimal, true, Fill([7_922_816_251_426_433_759_354_395.0335m, -7_922_816_251_426_433_759_354_395.0335m, null, 0m], i => -i / 8m), Precision: 38, Scale: 10),
        ];
    }
}
