using System.Text.Json;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class ExperimentResultsWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-results").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Publish(string name = "out")
        => ExperimentResultsWriter.Publish(Path.Combine(_root, name), ResultsFixture.Outcome, ResultsFixture.Provenance, null, CancellationToken.None);

    private static string Text(ParquetColumnData column, int row)
    {
        Assert.Equal(ParquetLogicalTypeKind.String, column.Column.LogicalType!.Kind);
        return System.Text.Encoding.UTF8.GetString(Assert.IsType<byte[]>(column.GetValue(row)));
    }

    [Fact]
    public void The_fixture_exercises_every_table()
    {
        var runs = ResultsFixture.Outcome.Runs;
        Assert.Equal(12, runs.Count);
        Assert.Contains(runs, r => r.Result.Liquidations.Count > 0);
        Assert.Contains(runs, r => r.Result.StopEvents.Count > 0);
        Assert.All(runs, r => Assert.NotEmpty(r.Result.Trades));
        Assert.All(runs, r => Assert.NotEmpty(r.Result.FundingPayments));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Streaming_every_table_run_by_run_gives_the_whole_outcome_files_byte_for_byte(int threads)
    {
        string whole = Publish("whole");
        string streamed = Path.Combine(_root, "streamed");
        Directory.CreateDirectory(streamed);
        var kept = new List<RunOutcome>();
        using (var writer = ResultsStreamWriter.Create(streamed))
        {
            var outcome = ResultsFixture.Outcome;
            ExperimentRunner.Stream(
                outcome.Plan,
                outcome.Data,
                LevBacktest.Core.Margin.LeverageBracketSchedule.FlatRate(0.004, 125),
                new ExperimentRunOptions { MaxDegreeOfParallelism = threads },
                run => kept.Add(writer.Append(run)),
                CancellationToken.None);
            writer.Complete(new ExperimentOutcome(outcome.Plan, outcome.Data, SweepShard.All, kept), ResultsFixture.Provenance);
        }

        // Rows were dropped as they were written: the kept runs hold metrics only.
        Assert.All(kept, r => Assert.Equal(0, r.Result.EquityCurve.Count));
        Assert.All(kept, r => Assert.Empty(r.Result.Trades));
        Assert.All(kept, r => Assert.Empty(r.Result.FundingPayments));
        Assert.Equal(ResultsFixture.Outcome.Runs.Select(r => r.Result.Metrics), kept.Select(r => r.Result.Metrics));
        foreach (string file in ExperimentResultsWriter.DataFileNames)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(streamed, file))), $"{file} differs");
        }
    }

    [Fact]
    public void Double_columns_are_optional_by_definition_even_when_no_value_is_missing()
    {
        string folder = Publish();
        using var trades = ParquetFileReader.Open(Path.Combine(folder, "trades.parquet"));
        Assert.True(trades.Schema.FindColumn("entryPrice")!.IsOptional);
        Assert.False(trades.ReadColumn("entryPrice").HasNulls); // every trade has an entry price, yet the column may hold nulls
        Assert.False(trades.Schema.FindColumn("entryBar")!.IsOptional);
        using var runs = ParquetFileReader.Open(Path.Combine(folder, "runs.parquet"));
        Assert.True(runs.Schema.FindColumn("finalEquity")!.IsOptional);
        Assert.False(runs.Schema.FindColumn("stop.distance")!.IsOptional);
        using var equity = ParquetFileReader.Open(Path.Combine(folder, "equity.parquet"));
        Assert.All(equity.Schema.Columns, c => Assert.False(c.IsOptional));
    }

    [Fact]
    public void Event_tables_and_equity_have_statistics_on_runIndex_only_and_the_measured_encodings()
    {
        string folder = Publish();
        foreach (string file in (string[])["trades.parquet", "liquidations.parquet", "funding.parquet", "stops.parquet", "equity.parquet"])
        {
            using var table = ParquetFileReader.Open(Path.Combine(folder, file));
            Assert.NotEmpty(table.Metadata.RowGroups);
            foreach (var group in table.Metadata.RowGroups)
            {
                for (int c = 0; c < group.Columns.Count; c++)
                {
                    string name = table.Schema.Columns[c].Name;
                    Assert.True((group.Columns[c].Statistics is not null) == (name == "runIndex"), $"{file} {name}: statistics on runIndex only");
                    Assert.True(
                        !group.Columns[c].Encodings.Contains(ParquetEncoding.RleDictionary)
                            || (file, name) is ("trades.parquet", "entryTime" or "entryPrice" or "exitTime" or "exitPrice") or ("stops.parquet", "time" or "triggerPrice" or "fillPrice")
                            or ("liquidations.parquet", "time" or "bar"),
                        $"{file} {name}: no dictionary but on recurring times and prices");
                    bool split = (file, name) is ("trades.parquet", "entryQuantity" or "exitQuantity" or "fees" or "realizedPnl" or "netPnl")
                        or ("equity.parquet", "equity" or "positionNotional" or "effectiveLeverage" or "marginRatio" or "liquidationPrice");
                    Assert.Equal(split, group.Columns[c].Encodings.Contains(ParquetEncoding.ByteStreamSplit));
                }

                var runs = group.Columns[0].Statistics!;
                Assert.Equal(BitConverter.GetBytes(table.ReadColumn("runIndex", group.Index).Int32s!.Min()), runs.Min);
                Assert.Equal(BitConverter.GetBytes(table.ReadColumn("runIndex", group.Index).Int32s!.Max()), runs.Max);
            }
        }

        using (var trades = ParquetFileReader.Open(Path.Combine(folder, "trades.parquet")))
        {
            Assert.Contains(ParquetEncoding.RleDictionary, trades.Metadata.RowGroups[0].Columns[trades.Schema.FindColumn("entryPrice")!.Index].Encodings);
        }

        using var equity = ParquetFileReader.Open(Path.Combine(folder, "equity.parquet"));
        Assert.Contains(ParquetEncoding.DeltaBinaryPacked, equity.Metadata.RowGroups[0].Columns[1].Encodings);
        Assert.DoesNotContain(ParquetEncoding.DeltaBinaryPacked, equity.Metadata.RowGroups[0].Columns[0].Encodings);
    }

    [Fact]
    public void Publishes_every_file_and_nothing_else()
    {
        string folder = Publish();
        Assert.Equal(ExperimentResultsWriter.DataFileNames.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([folder], Directory.GetDirectories(_root));
    }

    [Fact]
    public void Summary_json_bytes_do_not_depend_on_when_the_writer_hands_them_to_the_file()
    {
        // 12 runs, about 1.5 KB each: flushing after every run, after a few, or only at the end writes the same file.
        static byte[] Written(int flushThreshold)
        {
            using var stream = new MemoryStream();
            SummaryJsonWriter.Write(stream, ResultsFixture.Outcome, ResultsFixture.Provenance, flushThreshold);
            return stream.ToArray();
        }

        byte[] atTheEnd = Written(int.MaxValue);
        Assert.True(atTheEnd.Length > 12 * 1000, $"{atTheEnd.Length} bytes");
        Assert.Equal(atTheEnd, Written(1));
        Assert.Equal(atTheEnd, Written(4000));
        Assert.Equal(atTheEnd, File.ReadAllBytes(Path.Combine(Publish(), "summary.json")));
    }

    [Fact]
    public void Whole_metrics_written_as_integers_have_the_bytes_of_the_doubles_shortest_form()
    {
        static string Json(Action<System.Text.Json.Utf8JsonWriter> write)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                write(json);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        var random = new Random(16);
        var wholes = new List<double> { 0, 1, -1, 2, 10, 10000, 8760, 1672531200000, 1e14, -1e14, 999_999_999_999_999, -999_999_999_999_999, 123_456_789_012_345, 1L << 49 };
        for (int k = 0; k < 2000; k++)
        {
            // Every magnitude from 1 to 10^15.
            wholes.Add(Math.Round((random.NextDouble() - 0.5) * 2 * Math.Pow(10, random.NextDouble() * 15)));
        }

        foreach (double value in wholes.Where(v => !(v == 0 && double.IsNegative(v))))
        {
            Assert.True(SummaryJsonWriter.IsPlainInteger(value), value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Json(j => j.WriteNumberValue(value)), Json(j => j.WriteNumberValue((long)value)));
        }

        // −0 prints as -0 (a long cannot), so the rule leaves it out, with fractions, NaN and everything from 10^15 on.
        Assert.Equal("-0", Json(j => j.WriteNumberValue(-0.0)));
        foreach (double value in new[] { 1e15, -1e15, 1e16, -0.0, 0.5, -2.25, double.NaN, double.PositiveInfinity, double.Epsilon })
        {
            Assert.False(SummaryJsonWriter.IsPlainInteger(value), value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Summary_json_holds_spec_version_fingerprints_axes_and_every_metric()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Publish(), "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("levbt-results/1", root.GetProperty("format").GetString());
        Assert.Equal("levbt test", root.GetProperty("tool").GetString());
        Assert.Equal("ma-cross", root.GetProperty("spec").GetProperty("strategy").GetProperty("signal").GetProperty("name").GetString());
        Assert.Equal("2020-01-01T00:00:00Z", root.GetProperty("overrides").GetProperty("from").GetString());
        var file = Assert.Single(root.GetProperty("data").GetProperty("files").EnumerateArray());
        Assert.Equal(new string('a', 64), file.GetProperty("sha256").GetString());
        Assert.Equal("prices", file.GetProperty("role").GetString());
        Assert.Equal(1_577_836_800_000, file.GetProperty("firstTimeMs").GetInt64());
        Assert.Equal(1500, file.GetProperty("rowCount").GetInt64());
        Assert.Equal("2020-01-01T00:00:00Z", file.GetProperty("firstTime").GetString());
        Assert.Equal("2020-03-03T11:00:00Z", file.GetProperty("lastTime").GetString()); // bar 1499 = 62 days + 11 h
        Assert.Equal(12, root.GetProperty("sweep").GetProperty("runCount").GetInt32());
        Assert.Equal(["leverage", "stop.distance", "signal.kind"], root.GetProperty("sweep").GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("name").GetString()));

        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(12, runs.Length);
        for (int r = 0; r < runs.Length; r++)
        {
            var outcome = ResultsFixture.Outcome.Runs[r];
            Assert.Equal(r, runs[r].GetProperty("runIndex").GetInt32());
            var parameters = runs[r].GetProperty("parameters");
            Assert.Equal(outcome.Point.Leverage, parameters.GetProperty("leverage").GetDouble());
            Assert.Equal(outcome.Point.Stop.GetNumber("distance"), parameters.GetProperty("stop.distance").GetDouble());
            Assert.Equal(outcome.Point.Signal.GetChoice("kind"), parameters.GetProperty("signal.kind").GetString());
            var metrics = runs[r].GetProperty("metrics");
            Assert.Equal(RunMetrics.Names, metrics.EnumerateObject().Select(p => p.Name));
            foreach (var (name, value) in outcome.Result.Metrics.ToNamedValues())
            {
                var json = metrics.GetProperty(name);
                if (double.IsFinite(value))
                {
                    Assert.Equal(value, json.GetDouble()); // exact: JSON numbers round-trip
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, json.ValueKind);
                }
            }
        }
    }

    [Fact]
    public void Runs_parquet_reads_back_to_the_values_of_summary_json()
    {
        string folder = Publish();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var jsonRuns = summary.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        using var reader = ParquetFileReader.Open(Path.Combine(folder, "runs.parquet"));
        Assert.Equal(12, reader.RowCount);
        Assert.Equal(Enumerable.Range(0, 12), reader.ReadInt32Column("runIndex"));
        Assert.Equal(jsonRuns.Select(r => r.GetProperty("parameters").GetProperty("stop.distance").GetDouble()), reader.ReadDoubleColumn("stop.distance"));
        var kinds = reader.ReadColumn("signal.kind");
        for (int r = 0; r < 12; r++)
        {
            Assert.Equal(jsonRuns[r].GetProperty("parameters").GetProperty("signal.kind").GetString(), Text(kinds, r));
        }

        // "leverage" is both an axis and a metric: the metric column carries it, once.
        Assert.Single(reader.Schema.Columns, c => c.Name == "leverage");
        foreach (var name in RunMetrics.Names)
        {
            var column = reader.ReadColumn(name);
            for (int r = 0; r < 12; r++)
            {
                var json = jsonRuns[r].GetProperty("metrics").GetProperty(name);
                object? value = column.GetValue(r);
                if (json.ValueKind == JsonValueKind.Null)
                {
                    Assert.Null(value);
                }
                else
                {
                    Assert.Equal(json.GetDouble(), Assert.IsType<double>(value));
                }
            }
        }
    }

    [Fact]
    public void Equity_parquet_has_every_run_and_bar_in_order()
    {
        using var reader = ParquetFileReader.Open(Path.Combine(Publish(), "equity.parquet"));
        var runs = ResultsFixture.Outcome.Runs;
        int bars = ResultsFixture.Outcome.Data.Count;
        Assert.Equal(runs.Count * bars, reader.RowCount);
        var runIndex = reader.ReadInt32Column("runIndex");
        var time = reader.ReadColumn("time");
        Assert.Equal(ParquetLogicalTypeKind.Timestamp, time.Column.LogicalType!.Kind);
        var times = reader.ReadInt64Column("time");
        var equity = reader.ReadDoubleColumn("equity");
        var notional = reader.ReadDoubleColumn("positionNotional");
        var leverage = reader.ReadDoubleColumn("effectiveLeverage");
        var marginRatio = reader.ReadDoubleColumn("marginRatio");
        var liquidation = reader.ReadDoubleColumn("liquidationPrice");
        Assert.Equal(["runIndex", "time", "equity", "positionNotional", "effectiveLeverage", "marginRatio", "liquidationPrice"], reader.Schema.Columns.Select(c => c.Name));
        var dataTimes = ResultsFixture.Outcome.Data.OpenTimeMs.Span;
        for (int r = 0; r < runs.Count; r++)
        {
            var curve = runs[r].Result.EquityCurve;
            for (int i = 0; i < bars; i++)
            {
                int row = (r * bars) + i;
                Assert.Equal(r, runIndex[row]);
                Assert.Equal(dataTimes[i], times[row]);
                Assert.Equal(curve.Equity[i], equity[row]);
                Assert.Equal(curve.PositionNotional[i], notional[row]);
                Assert.Equal(curve.EffectiveLeverage[i], leverage[row]);
                Assert.Equal(curve.MarginRatio[i], marginRatio[row]);
                Assert.Equal(curve.LiquidationPrice[i], liquidation[row]); // NaN when flat
                Assert.Equal(curve.PositionNotional[i] == 0, double.IsNaN(liquidation[row]));
            }
        }
    }

    [Fact]
    public void An_error_while_completing_is_thrown_as_itself_after_equity_parquet_is_finished_and_leaves_no_temporary_file()
    {
        // runs.parquet cannot be renamed into place (a folder has its name), while equity.parquet is being finished on
        // another thread: Complete must wait for that, rethrow this thread's IOException, and Dispose must leave no
        // half-written temporary file.
        string directory = Path.Combine(_root, "failing");
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(directory, "runs.parquet", "in-the-way"));
        using (var writer = ResultsStreamWriter.Create(directory))
        {
            var kept = ResultsFixture.Outcome.Runs.Select(writer.Append).ToList();
            var outcome = ResultsFixture.Outcome;
            Assert.ThrowsAny<IOException>(() => writer.Complete(new ExperimentOutcome(outcome.Plan, outcome.Data, SweepShard.All, kept), ResultsFixture.Provenance));
        }

        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
        Assert.True(File.Exists(Path.Combine(directory, "equity.parquet")));
        Assert.False(File.Exists(Path.Combine(directory, "summary.json")));
    }

    [Fact]
    public void Exit_reasons_and_stop_kinds_are_written_as_their_names_in_camel_case()
    {
        // Every member, not only those the fixture's runs produce: the table's literals must match the enum names.
        static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
        foreach (var reason in Enum.GetValues<ExitReason>())
        {
            Assert.Equal(Camel(reason.ToString()), ResultTables.NameOf(reason));
        }

        foreach (var kind in Enum.GetValues<StopEventKind>())
        {
            Assert.Equal(Camel(kind.ToString()), ResultTables.NameOf(kind));
        }

        Assert.Equal("42", ResultTables.NameOf((ExitReason)42));
    }

    [Fact]
    public void Event_tables_hold_every_event_of_every_run()
    {
        string folder = Publish();
        var runs = ResultsFixture.Outcome.Runs;
        using (var trades = ParquetFileReader.Open(Path.Combine(folder, "trades.parquet")))
        {
            var all = runs.SelectMany(r => r.Result.Trades.Select(t => (r.Point.RunIndex, t))).ToArray();
            Assert.Equal(all.Length, trades.RowCount);
            Assert.Equal(all.Select(x => x.RunIndex), trades.ReadInt32Column("runIndex"));
            Assert.Equal(all.Select(x => x.t.EntryTimeMs), trades.ReadInt64Column("entryTime"));
            Assert.Equal(all.Select(x => x.t.NetPnl), trades.ReadDoubleColumn("netPnl"));
            var reasons = trades.ReadColumn("exitReason");
            Assert.Equal(all.Select(x => char.ToLowerInvariant(x.t.ExitReason.ToString()[0]) + x.t.ExitReason.ToString()[1..]), Enumerable.Range(0, all.Length).Select(i => Text(reasons, i)));
        }

        using (var liquidations = ParquetFileReader.Open(Path.Combine(folder, "liquidations.parquet")))
        {
            var all = runs.SelectMany(r => r.Result.Liquidations.Select(l => (r.Point.RunIndex, l))).ToArray();
            Assert.Equal(all.Length, liquidations.RowCount);
            Assert.Equal(all.Select(x => x.l.MarginLost), liquidations.ReadDoubleColumn("marginLost"));
            Assert.Equal(all.Select(x => x.l.TimeMs), liquidations.ReadInt64Column("time"));
            double summed = runs.Sum(r => r.Result.Metrics.MarginLost);
            Assert.Equal(summed, liquidations.ReadDoubleColumn("marginLost").Sum(), 6);
        }

        using (var funding = ParquetFileReader.Open(Path.Combine(folder, "funding.parquet")))
        {
            var all = runs.SelectMany(r => r.Result.FundingPayments.Select(f => (r.Point.RunIndex, f))).ToArray();
            Assert.Equal(all.Length, funding.RowCount);
            Assert.Equal(all.Select(x => x.f.Payment), funding.ReadDoubleColumn("payment"));
            Assert.Equal(all.Select(x => x.RunIndex), funding.ReadInt32Column("runIndex"));
        }

        using var stops = ParquetFileReader.Open(Path.Combine(folder, "stops.parquet"));
        Assert.Equal(runs.Sum(r => r.Result.StopEvents.Count), stops.RowCount);
    }

    [Fact]
    public void Cancellation_during_writing_publishes_nothing_and_keeps_the_old_folder()
    {
        string target = Path.Combine(_root, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "previous.txt"), "old results");
        using var cancellation = new CancellationTokenSource();
        string? working = null;
        Assert.ThrowsAny<OperationCanceledException>(() => ExperimentResultsWriter.Publish(
            target,
            ResultsFixture.Outcome,
            ResultsFixture.Provenance,
            (directory, token) =>
            {
                working = directory;
                Assert.True(File.Exists(Path.Combine(directory, "equity.parquet")));
                cancellation.Cancel(); // Ctrl-C while the charts are being drawn
            },
            cancellation.Token));
        Assert.NotNull(working);
        Assert.False(Directory.Exists(working));
        Assert.Equal(["previous.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetDirectories(_root));
    }

    [Fact]
    public void Cancellation_before_writing_leaves_no_folder()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ExperimentResultsWriter.Publish(
            Path.Combine(_root, "never"), ResultsFixture.Outcome, ResultsFixture.Provenance, null, cancellation.Token));
        Assert.Empty(Directory.GetDirectories(_root));
        Assert.Empty(Directory.GetFiles(_root));
    }

    [Fact]
    public void Republishing_replaces_the_folder_whole()
    {
        string first = Publish();
        File.WriteAllText(Path.Combine(first, "stale.txt"), "from an older run");
        string second = Publish();
        Assert.Equal(first, second);
        Assert.False(File.Exists(Path.Combine(second, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(second, "equity.parquet")));
    }
}
