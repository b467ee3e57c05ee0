using System.Text.RegularExpressions;

using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// The streaming table writer: a table appended piece by piece reads back as the whole, row groups close at the
/// configured size, the bytes depend only on the calls made, and an unfinished table leaves no file behind.
/// </summary>
public sealed class ParquetTableWriterTests
{
    private static readonly ParquetColumnDefinition[] Definitions =
    [
        ParquetColumnDefinition.Int32("runIndex"),
        ParquetColumnDefinition.Timestamp("time", ParquetTimeUnit.Millis),
        ParquetColumnDefinition.Double("equity", optional: true),
        ParquetColumnDefinition.String("kind"),
    ];

    [Fact]
    public void AppendedPieces_ReadBackAsOneTable_InRowGroupsOfTheConfiguredSize()
    {
        string path = Path.Combine(Path.GetTempPath(), $"levbt-table-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var table = ParquetTableWriter.Create(path, Definitions, new ParquetWriterOptions { RowGroupSize = 4 }))
            {
                for (int run = 0; run < 3; run++)
                {
                    table.Append(Piece(run, rows: 3));
                }

                table.Append(Piece(3, rows: 0));
                Assert.Equal(9, table.RowCount);
                Assert.False(File.Exists(path));
                table.Complete();
            }

            using var reader = ParquetFileReader.Open(path);
            Assert.Equal([4L, 4, 1], reader.Metadata.RowGroups.Select(g => g.RowCount));
            Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2], reader.ReadInt32Column("runIndex"));
            Assert.Equal([0L, 60_000, 120_000, 1_000, 61_000, 121_000, 2_000, 62_000, 122_000], reader.ReadInt64Column("time"));
            var equity = reader.ReadColumn("equity");
            Assert.Equal(
                [false, true, false, false, true, false, false, true, false],
                Enumerable.Range(0, 9).Select(equity.IsNull));
            Assert.Equal(101.0, equity.Doubles![3]);
            Assert.Equal(103.0, equity.Doubles![8]);
            Assert.Equal(ParquetLogicalTypeKind.Timestamp, reader.Schema.Columns[1].LogicalType.Kind);
            Assert.Equal(ParquetFileWriter.CreatedBy, reader.Metadata.CreatedBy);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ColumnEncodings_AreWrittenAsAsked_AndReadBackValueForValue()
    {
        // Extremes on purpose: deltas of long.MinValue/MaxValue wrap around in DELTA_BINARY_PACKED, and the
        // special doubles (NaN payload, −0, ±∞, subnormal) must come back bit for bit through BYTE_STREAM_SPLIT.
        long[] time = [long.MinValue, long.MaxValue, 0, -1, .. Enumerable.Range(0, 996).Select(i => 1_672_531_200_000L + (i * 60_000L))];
        int[] runIndex = [int.MaxValue, int.MinValue, .. Enumerable.Repeat(7, 998)];
        double[] equity = [double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001), -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, .. Enumerable.Range(0, 994).Select(i => 10_000 * Math.Exp(i * 1e-4))];
        var options = new ParquetWriterOptions
        {
            UseDictionary = false,
            RowGroupSize = 300,
            ColumnEncodings = new Dictionary<string, Format.ParquetEncoding>
            {
                ["time"] = Format.ParquetEncoding.DeltaBinaryPacked,
                ["runIndex"] = Format.ParquetEncoding.DeltaBinaryPacked,
                ["equity"] = Format.ParquetEncoding.ByteStreamSplit,
                ["not a column"] = Format.ParquetEncoding.ByteStreamSplit,
            },
        };
        var stream = new MemoryStream();
        ParquetFileWriter.Write(
            stream,
            [ParquetWriteColumn.Int32("runIndex", runIndex), ParquetWriteColumn.Timestamp("time", time, ParquetTimeUnit.Millis), ParquetWriteColumn.Double("equity", equity), ParquetWriteColumn.Double("plain", equity)],
            options);

        using var reader = ParquetFileReader.Open(new MemoryStream(stream.ToArray()), "encoded.parquet");
        Assert.Equal(4, reader.Metadata.RowGroups.Count);
        foreach (var group in reader.Metadata.RowGroups)
        {
            Assert.Contains(Format.ParquetEncoding.DeltaBinaryPacked, group.Columns[0].Encodings);
            Assert.Contains(Format.ParquetEncoding.DeltaBinaryPacked, group.Columns[1].Encodings);
            Assert.Contains(Format.ParquetEncoding.ByteStreamSplit, group.Columns[2].Encodings);
            Assert.DoesNotContain(Format.ParquetEncoding.ByteStreamSplit, group.Columns[3].Encodings);
            Assert.Contains(Format.ParquetEncoding.Plain, group.Columns[3].Encodings);
        }

        Assert.Equal(runIndex, reader.ReadInt32Column("runIndex"));
        Assert.Equal(time, reader.ReadInt64Column("time"));
        Assert.Equal(equity.Select(BitConverter.DoubleToInt64Bits), reader.ReadDoubleColumn("equity").Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void ColumnsWithStatistics_OnlyTheNamedColumnsGetStatistics_AndEveryColumnReadsBack()
    {
        // 3 row groups of 400 rows; runIndex ascends, so each group's bounds are its own runs (0–3, 4–7, 8–11).
        int[] runIndex = Enumerable.Range(0, 1_200).Select(i => i / 100).ToArray();
        double[] payment = Enumerable.Range(0, 1_200).Select(i => (i % 7) - 3.5).ToArray();
        bool[] present = Enumerable.Range(0, 1_200).Select(i => i % 5 != 0).ToArray();
        string?[] side = Enumerable.Range(0, 1_200).Select(i => i % 2 == 0 ? "long" : "short").ToArray();
        var columns = new[]
        {
            ParquetWriteColumn.Int32("runIndex", runIndex),
            ParquetWriteColumn.Double("payment", payment, present),
            ParquetWriteColumn.String("side", side),
        };

        var stream = new MemoryStream();
        ParquetFileWriter.Write(stream, columns, new ParquetWriterOptions { RowGroupSize = 400, ColumnsWithStatistics = ["runIndex", "not a column"] });
        using var reader = ParquetFileReader.Open(new MemoryStream(stream.ToArray()), "statistics.parquet");
        Assert.Equal(3, reader.Metadata.RowGroups.Count);
        for (int group = 0; group < 3; group++)
        {
            var runs = reader.Metadata.RowGroups[group].Columns[0].Statistics;
            Assert.NotNull(runs);
            Assert.Equal(BitConverter.GetBytes(group * 4), runs.Min);
            Assert.Equal(BitConverter.GetBytes((group * 4) + 3), runs.Max);
            Assert.Null(reader.Metadata.RowGroups[group].Columns[1].Statistics);
            Assert.Null(reader.Metadata.RowGroups[group].Columns[2].Statistics);
        }

        Assert.Equal(runIndex, reader.ReadInt32Column("runIndex"));
        var paid = reader.ReadColumn("payment");
        for (int i = 0; i < payment.Length; i++)
        {
            Assert.Equal(!present[i], paid.IsNull(i));
            Assert.Equal(present[i] ? payment[i] : null, paid.GetValue(i));
        }

        var sides = reader.ReadColumn("side");
        Assert.Equal(side, sides.Binaries!.Select(bytes => System.Text.Encoding.UTF8.GetString(bytes)));

        // Null (the default) keeps statistics on every column; an empty list writes none.
        var everywhere = new MemoryStream();
        ParquetFileWriter.Write(everywhere, columns, new ParquetWriterOptions { RowGroupSize = 400 });
        using var all = ParquetFileReader.Open(new MemoryStream(everywhere.ToArray()), "all.parquet");
        Assert.All(all.Metadata.RowGroups.SelectMany(g => g.Columns), chunk => Assert.NotNull(chunk.Statistics));
        var nowhere = new MemoryStream();
        ParquetFileWriter.Write(nowhere, columns, new ParquetWriterOptions { RowGroupSize = 400, ColumnsWithStatistics = [] });
        using var none = ParquetFileReader.Open(new MemoryStream(nowhere.ToArray()), "none.parquet");
        Assert.All(none.Metadata.RowGroups.SelectMany(g => g.Columns), chunk => Assert.Null(chunk.Statistics));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RepeatedStringObjects_GiveTheBytesOfDistinctCopies(bool optional)
    {
        // Runs of one string object (results' reasons), empty strings before and after text, nulls, multi-byte text.
        string stop = "stop", take = "takeProfit", accent = "señal";
        string?[] shared = [stop, stop, stop, "", take, take, "", "", stop, accent, accent, "", stop, .. Enumerable.Repeat(take, 50), optional ? null : "x", stop, stop];
        string?[] copies = shared.Select(text => text is null ? null : new string(text.AsSpan())).ToArray();
        Assert.False(ReferenceEquals(shared[0], copies[0]));

        byte[] Write(string?[] values)
        {
            var stream = new MemoryStream();
            ParquetFileWriter.Write(stream, [ParquetWriteColumn.String("reason", values, optional)], new ParquetWriterOptions { UseDictionary = false });
            return stream.ToArray();
        }

        byte[] fromShared = Write(shared);
        Assert.Equal(Write(copies), fromShared);
        using var reader = ParquetFileReader.Open(new MemoryStream(fromShared), "reasons.parquet");
        var column = reader.ReadColumn("reason");
        for (int i = 0; i < shared.Length; i++)
        {
            Assert.Equal(shared[i], column.IsNull(i) ? null : System.Text.Encoding.UTF8.GetString(column.Binaries![i]));
        }
    }

    [Fact]
    public void A_larger_write_batch_without_size_statistics_gives_the_same_bytes_and_zero_is_rejected()
    {
        // 150,000 rows, a null in every 9th payment: pages end at the library's 20,000-row cap whatever the step (20,000
        // doubles are 160 KB, far below the 1 MiB page size). Without size statistics and without statistics on the
        // OPTIONAL column, nothing in the file may depend on the step (with them the library miscounted: see
        // ParquetWriterOptions.WriteBatchSize).
        const int rows = 150_000;
        var random = new Random(7);
        var columns = new[]
        {
            ParquetWriteColumn.Int32("runIndex", Enumerable.Range(0, rows).Select(i => i / 1_000).ToArray()),
            ParquetWriteColumn.Double("payment", Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray(), Enumerable.Range(0, rows).Select(i => i % 9 != 0).ToArray()),
        };

        byte[] Write(int? batch)
        {
            var stream = new MemoryStream();
            var options = new ParquetWriterOptions { RowGroupSize = 70_000, UseDictionary = false, ColumnsWithStatistics = ["runIndex"], WriteSizeStatistics = false, WriteBatchSize = batch };
            ParquetFileWriter.Write(stream, columns, options);
            return stream.ToArray();
        }

        byte[] library = Write(null);
        Assert.Equal(library, Write(65_536));
        Assert.Equal(library, Write(7));
        using (var reader = ParquetFileReader.Open(new MemoryStream(Write(65_536)), "batched.parquet"))
        {
            var payment = reader.ReadColumn("payment");
            Assert.Equal(Enumerable.Range(0, rows).Count(i => i % 9 == 0), Enumerable.Range(0, rows).Count(payment.IsNull));
        }

        var error = Assert.Throws<ArgumentException>(() => Write(0));
        Assert.Contains("WriteBatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsEncodedInParallel_GiveTheBytesOfColumnByColumn()
    {
        // 70,000 rows in slices of 65,536 and 4,464 (row groups of 50,000): the large slices take the parallel path
        // on a machine with more than one core, the small ones do not; every write must give the same bytes.
        const int rows = 70_000;
        var random = new Random(16);
        int[] runIndex = Enumerable.Range(0, rows).Select(i => i / 9_000).ToArray();
        long[] time = Enumerable.Range(0, rows).Select(i => 1_672_531_200_000L + (i % 9_000 * 60_000L)).ToArray();
        double[] equity = Enumerable.Range(0, rows).Select(_ => 10_000 * Math.Exp(random.NextDouble() - 0.5)).ToArray();
        double[] leverage = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 20).ToArray();
        bool[] flat = Enumerable.Range(0, rows).Select(_ => random.Next(4) == 0).ToArray();
        ParquetColumnDefinition[] definitions =
        [
            ParquetColumnDefinition.Int32("runIndex"), ParquetColumnDefinition.Timestamp("time", ParquetTimeUnit.Millis),
            ParquetColumnDefinition.Double("equity"), ParquetColumnDefinition.Double("leverage"), ParquetColumnDefinition.Boolean("flat"),
        ];

        byte[] Write(int parallelism)
        {
            var options = new ParquetWriterOptions
            {
                MaxDegreeOfParallelism = parallelism,
                RowGroupSize = 50_000,
                UseDictionary = false,
                ColumnEncodings = new Dictionary<string, Format.ParquetEncoding> { ["time"] = Format.ParquetEncoding.DeltaBinaryPacked, ["equity"] = Format.ParquetEncoding.ByteStreamSplit },
            };
            var stream = new MemoryStream();
            using (var table = ParquetTableWriter.Create(stream, definitions, options))
            {
                foreach (var (start, count) in new[] { (0, 65_536), (65_536, rows - 65_536) })
                {
                    table.Append(
                    [
                        ParquetWriteColumn.Int32("runIndex", runIndex[start..(start + count)]),
                        ParquetWriteColumn.Timestamp("time", time[start..(start + count)], ParquetTimeUnit.Millis),
                        ParquetWriteColumn.Double("equity", equity[start..(start + count)]),
                        ParquetWriteColumn.Double("leverage", leverage[start..(start + count)]),
                        ParquetWriteColumn.Boolean("flat", flat[start..(start + count)]),
                    ]);
                }

                table.Complete();
            }

            return stream.ToArray();
        }

        byte[] columnByColumn = Write(1);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(columnByColumn, Write(-1));
        }

        Assert.Equal(columnByColumn, Write(3));
        using var reader = ParquetFileReader.Open(new MemoryStream(columnByColumn), "parallel.parquet");
        Assert.Equal(equity, reader.ReadDoubleColumn("equity"));
        Assert.Equal(time, reader.ReadInt64Column("time"));
    }

    [Fact]
    public void RowViews_WriteTheirOwnRowsAndNulls_AsCopiesWould()
    {
        double[] values = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5];
        bool[] validity = [true, false, true, true, false, true, true, true];
        string?[] text = ["a", "b", "c", "d", "e", "f", "g", "h"];
        var price = ParquetWriteColumn.Double("price", values, validity);
        var kind = ParquetWriteColumn.String("kind", text);

        static byte[] Write(IReadOnlyList<ParquetWriteColumn> columns)
        {
            var stream = new MemoryStream();
            ParquetFileWriter.Write(stream, columns, new ParquetWriterOptions { RowGroupSize = 2 });
            return stream.ToArray();
        }

        // Rows 3..7 of a view of rows 1..7: a view of a view.
        byte[] viewed = Write([price.Rows(1, 7).Rows(2, 5), kind.Rows(3, 5)]);
        byte[] copied = Write([ParquetWriteColumn.Double("price", values[3..], validity[3..]), ParquetWriteColumn.String("kind", text[3..])]);
        Assert.Equal(copied, viewed);
        using var reader = ParquetFileReader.Open(new MemoryStream(viewed), "views.parquet");
        var read = reader.ReadColumn("price");
        Assert.Equal([false, true, false, false, false], Enumerable.Range(0, 5).Select(read.IsNull));
        Assert.Equal(3.5, read.Doubles![0]);
        Assert.Equal(7.5, read.Doubles![4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => price.Rows(3, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => price.Rows(-1, 2));
    }

    [Fact]
    public void ACancelledParallelAppend_ThrowsOperationCanceled_AndLeavesNoFile()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-table").FullName;
        try
        {
            double[] values = new double[70_000];
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            using (var table = ParquetTableWriter.Create(Path.Combine(folder, "equity.parquet"), [ParquetColumnDefinition.Double("a"), ParquetColumnDefinition.Double("b")]))
            {
                Assert.Throws<OperationCanceledException>(() => table.Append([ParquetWriteColumn.Double("a", values), ParquetWriteColumn.Double("b", values)], cancelled.Token));
            }

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("equity", Format.ParquetEncoding.DeltaBinaryPacked, "INT32, INT64, TIMESTAMP and DATE")]
    [InlineData("time", Format.ParquetEncoding.ByteStreamSplit, "FLOAT and DOUBLE")]
    [InlineData("kind", Format.ParquetEncoding.ByteStreamSplit, "FLOAT and DOUBLE")]
    [InlineData("runIndex", Format.ParquetEncoding.RleDictionary, "not offered")]
    public void AnEncodingThatDoesNotFitTheColumn_IsRejectedNamingIt(string column, Format.ParquetEncoding encoding, string expected)
    {
        var options = new ParquetWriterOptions { ColumnEncodings = new Dictionary<string, Format.ParquetEncoding> { [column] = encoding } };
        var error = Assert.Throws<ArgumentException>(() => ParquetTableWriter.Create(new MemoryStream(), Definitions, options));
        Assert.Contains($"'{column}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SameCalls_GiveTheSameBytes_AndAPieceWiseTableEqualsTheWholeOneOnRead()
    {
        byte[] first = WritePieces();
        byte[] second = WritePieces();
        Assert.Equal(first, second);

        var whole = new MemoryStream();
        ParquetFileWriter.Write(whole, Concatenate(), new ParquetWriterOptions { RowGroupSize = 5 });
        using var a = ParquetFileReader.Open(new MemoryStream(first), "pieces.parquet");
        using var b = ParquetFileReader.Open(new MemoryStream(whole.ToArray()), "whole.parquet");
        Assert.Equal(b.ReadInt64Column("time"), a.ReadInt64Column("time"));
        Assert.Equal(b.ReadColumn("equity").Doubles, a.ReadColumn("equity").Doubles);
    }

    [Fact]
    public void DisposedWithoutComplete_LeavesNoFile()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-table").FullName;
        try
        {
            string path = Path.Combine(folder, "runs.parquet");
            using (var table = ParquetTableWriter.Create(path, Definitions))
            {
                table.Append(Piece(0, rows: 2));
            }

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ACancellationDuringAppend_StopsAtTheNextColumnChunk()
    {
        // 10 row groups of 4 rows in one Append call. The stream cancels the token when the first row group reaches
        // it (a buffered row group is written when it closes), so the writer must stop before encoding the second.
        using var cancellation = new CancellationTokenSource();
        var stream = new CancellingStream(cancellation);
        using var table = ParquetTableWriter.Create(stream, Definitions, new ParquetWriterOptions { RowGroupSize = 4 });
        long headerBytes = stream.Length;
        var rows = Piece(0, rows: 40);
        Assert.Throws<OperationCanceledException>(() => table.Append(rows, cancellation.Token));
        Assert.True(stream.Length > headerBytes, "the first row group was written before the cancellation");
        Assert.Equal(4, table.RowCount);
    }

    [Fact]
    public void ACancelledWholeFileWrite_LeavesNoFileAndKeepsThePreviousOne()
    {
        string folder = Directory.CreateTempSubdirectory("levbt-table").FullName;
        try
        {
            string path = Path.Combine(folder, "runs.parquet");
            File.WriteAllText(path, "previous");
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();
            Assert.Throws<OperationCanceledException>(() => ParquetFileWriter.Write(path, Piece(0, rows: 3), null, cancellation.Token));
            Assert.Equal(["runs.parquet"], Directory.GetFiles(folder).Select(Path.GetFileName));
            Assert.Equal("previous", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WrongColumns_AreRejectedNamingThem()
    {
        using var table = ParquetTableWriter.Create(new MemoryStream(), Definitions);
        var swapped = Piece(0, rows: 1).Reverse().ToArray();
        var error = Assert.Throws<ArgumentException>(() => table.Append(swapped));
        Assert.Contains("column 0", error.Message, StringComparison.Ordinal);

        // A REQUIRED column given nulls.
        ParquetWriteColumn[] nulls = [ParquetWriteColumn.Int32("runIndex", [1], [false]), .. Piece(0, rows: 1).Skip(1)];
        Assert.Throws<ArgumentException>(() => table.Append(nulls));
    }

    [Fact]
    public void DoubleStatistics_LeaveOutNaN()
    {
        var stream = new MemoryStream();
        ParquetFileWriter.Write(stream, [ParquetWriteColumn.Double("x", [double.NaN, 1.5, -2.0])]);
        using var reader = ParquetFileReader.Open(new MemoryStream(stream.ToArray()), "stats.parquet");
        var statistics = reader.Metadata.RowGroups[0].Columns[0].Statistics!;
        Assert.Equal(BitConverter.GetBytes(-2.0), statistics.Min);
        Assert.Equal(BitConverter.GetBytes(1.5), statistics.Max);
        Assert.Equal(0, statistics.NullCount);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)] // 999 needs 10 bits + sign
    [InlineData(9, 4)]
    [InlineData(10, 5)]
    [InlineData(18, 8)]
    [InlineData(19, 9)] // 10^19 − 1 > 2^63 − 1
    [InlineData(38, 16)]
    public void DecimalByteWidth_IsTheFewestBytesHoldingThePrecision(int precision, int bytes)
    {
        Assert.Equal(bytes, ParquetWriteColumn.DecimalByteWidth(precision));
    }

    [Fact]
    public void CreatedBy_NamesLevBacktestItsVersionAndBuild()
    {
        Assert.Matches(new Regex(@"^LevBacktest version 0\.1\.0 \(build ([0-9a-f]{7,12}|none)\)$"), ParquetFileWriter.CreatedBy);
    }

    private static byte[] WritePieces()
    {
        var stream = new MemoryStream();
        using (var table = ParquetTableWriter.Create(stream, Definitions, new ParquetWriterOptions { RowGroupSize = 5 }))
        {
            for (int run = 0; run < 4; run++)
            {
                table.Append(Piece(run, rows: 3));
            }

            table.Complete();
        }

        return stream.ToArray();
    }

    private static ParquetWriteColumn[] Concatenate()
    {
        var pieces = Enumerable.Range(0, 4).Select(run => Piece(run, rows: 3)).ToArray();
        return
        [
            ParquetWriteColumn.Int32("runIndex", [.. Enumerable.Range(0, 4).SelectMany(run => Enumerable.Repeat(run, 3))]),
            ParquetWriteColumn.Timestamp("time", [.. Enumerable.Range(0, 4).SelectMany(run => Times(run, 3))], ParquetTimeUnit.Millis),
            ParquetWriteColumn.Double("equity", [.. Enumerable.Range(0, 4).SelectMany(run => Equity(run, 3))], [.. Enumerable.Range(0, 12).Select(i => i % 3 != 1)]),
            ParquetWriteColumn.String("kind", [.. Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? "bar" : "close")]),
        ];
    }

    /// <summary>Run <paramref name="run"/>'s rows: every row's equity but the second present.</summary>
    private static ParquetWriteColumn[] Piece(int run, int rows) =>
    [
        ParquetWriteColumn.Int32("runIndex", [.. Enumerable.Repeat(run, rows)]),
        ParquetWriteColumn.Timestamp("time", Times(run, rows), ParquetTimeUnit.Millis),
        ParquetWriteColumn.Double("equity", Equity(run, rows), [.. Enumerable.Range(0, rows).Select(i => i != 1)]),
        ParquetWriteColumn.String("kind", [.. Enumerable.Range(run * rows, rows).Select(i => i % 2 == 0 ? "bar" : "close")]),
    ];

    private static long[] Times(int run, int rows) => [.. Enumerable.Range(0, rows).Select(i => (run * 1_000L) + (i * 60_000L))];

    private static double[] Equity(int run, int rows) => [.. Enumerable.Range(0, rows).Select(i => 100 + run + (i * 0.5))];

    /// <summary>A memory stream that cancels a token on the first write after the file header ("PAR1").</summary>
    private sealed class CancellingStream(CancellationTokenSource cancellation) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            CancelAfterHeader();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            base.Write(buffer);
            CancelAfterHeader();
        }

        private void CancelAfterHeader()
        {
            if (Length > 4)
            {
                cancellation.Cancel();
            }
        }
    }
}
