using System.Text.Json;

using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Reporting.Results;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Tests.Results;

/// <summary>
/// <see cref="Experiment"/> run in-process on the sample and <see cref="ExperimentResults"/> read back: the DataFrames
/// hold the numbers summary.json holds, with the promised column types, and agree with each other's counts.
/// </summary>
public sealed class ExperimentResultsTests : IClassFixture<ExperimentResultsTests.SampleRun>
{
    private readonly SampleRun _sample;

    public ExperimentResultsTests(SampleRun sample) => _sample = sample;

    /// <summary>The buy-and-hold leverage example run once into a folder (and read back), and once without one.</summary>
    public sealed class SampleRun : IDisposable
    {
        public SampleRun()
        {
            Spec = SharedFolder.InRepository("strategies", "examples", "buy-and-hold-leverage.json");
            OutputFolder = Path.Combine(Directory.CreateTempSubdirectory("levbt-experiment-").FullName, "out");
            Written = Experiment.Load(Spec).Run(OutputFolder, threads: 2);
            InMemory = Experiment.Load(Spec).Run(threads: 1);
            Read = ExperimentResults.Open(OutputFolder);
        }

        public string Spec { get; }

        public string OutputFolder { get; }

        public ExperimentResults Written { get; }

        public ExperimentResults InMemory { get; }

        public ExperimentResults Read { get; }

        public void Dispose() => Directory.Delete(Path.GetDirectoryName(OutputFolder)!, recursive: true);
    }

    [Fact]
    public void Runs_hold_summary_json_metrics_with_typed_columns()
    {
        var runs = _sample.Read.Runs;
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_sample.OutputFolder, "summary.json")));
        var expected = summary.RootElement.GetProperty("runs").EnumerateArray().ToList();

        Assert.Equal(21, runs.Rows.Count);
        Assert.Equal(typeof(int), runs.Columns["runIndex"].DataType);
        Assert.Equal(typeof(double), runs.Columns["leverage"].DataType);
        Assert.Equal(typeof(double), runs.Columns["totalReturn"].DataType);
        Assert.Equal(typeof(int), runs.Columns["liquidationCount"].DataType);
        Assert.Equal(typeof(int), runs.Columns["tradeCount"].DataType);
        Assert.Equal(typeof(DateTime), runs.Columns["firstLiquidationTime"].DataType);
        for (int r = 0; r < expected.Count; r++)
        {
            var metrics = expected[r].GetProperty("metrics");
            Assert.Equal(expected[r].GetProperty("runIndex").GetInt32(), (int)runs.Columns["runIndex"][r]!);
            Assert.Equal(metrics.GetProperty("totalReturn").GetDouble(), (double)runs.Columns["totalReturn"][r]!);
            Assert.Equal(metrics.GetProperty("liquidationCount").GetDouble(), (int)runs.Columns["liquidationCount"][r]!);
            var first = metrics.GetProperty("firstLiquidationTime");
            if (first.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(runs.Columns["firstLiquidationTime"][r]);
            }
            else
            {
                var time = (DateTime)runs.Columns["firstLiquidationTime"][r]!;
                Assert.Equal(DateTimeKind.Utc, time.Kind);
                Assert.Equal(first.GetDouble(), (time - DateTime.UnixEpoch).TotalMilliseconds);
            }
        }

        // The sweep reaches leverages that are liquidated on the sample, and 1x that is not.
        Assert.Equal(0, (int)runs.Columns["liquidationCount"][0]!);
        Assert.Equal(1, (int)runs.Columns["liquidationCount"][20]!);
    }

    [Fact]
    public void Event_tables_agree_with_the_run_counts()
    {
        var results = _sample.Read;
        var runs = results.Runs;
        for (int r = 0; r < runs.Rows.Count; r++)
        {
            int index = (int)runs.Columns["runIndex"][r]!;
            Assert.Equal((int)runs.Columns["tradeCount"][r]!, CountRows(results.Trades, index));
            Assert.Equal((int)runs.Columns["liquidationCount"][r]!, CountRows(results.Liquidations, index));
        }

        Assert.Equal(typeof(DateTime), results.Trades.Columns["entryTime"].DataType);
        Assert.Equal(typeof(string), results.Trades.Columns["exitReason"].DataType);
        Assert.Equal(typeof(int), results.Trades.Columns["side"].DataType);
        Assert.Equal(typeof(double), results.FundingPayments.Columns["payment"].DataType);
        Assert.Equal("liquidation", results.Trades.Columns["exitReason"][results.Trades.Rows.Count - 1]);
        Assert.True(results.FundingPayments.Rows.Count > 1000);
    }

    [Fact]
    public void Equity_of_a_run_ends_at_its_final_equity_one_row_per_bar()
    {
        var runs = _sample.Read.Runs;
        var equity = _sample.Read.Equity(0);

        Assert.Equal((int)runs.Columns["barCount"][0]!, (int)equity.Rows.Count);
        Assert.Equal((double)runs.Columns["finalEquity"][0]!, (double)equity.Columns["equity"][equity.Rows.Count - 1]!);
        var first = (DateTime)equity.Columns["time"][0]!;
        Assert.Equal(DateTimeKind.Utc, first.Kind);
        Assert.Equal(new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc), first);
        Assert.Throws<ArgumentOutOfRangeException>(() => _sample.Read.Equity(21));
    }

    [Fact]
    public void Tables_built_in_memory_equal_the_tables_read_back_from_the_folder()
    {
        Assert.Null(_sample.InMemory.Folder);
        Assert.Equal(_sample.OutputFolder, _sample.Written.Folder);
        Assert.Equal(_sample.OutputFolder, _sample.Read.Folder);
        ResultsAssert.Equal(_sample.Read, _sample.InMemory);
        ResultsAssert.Equal(_sample.Read, _sample.Written);
    }

    [Fact]
    public void A_signal_object_passed_in_runs_like_the_built_in_it_copies()
    {
        var custom = Experiment.Load(_sample.Spec).WithSignal(() => new AlwaysLong(), "always-long").Run(threads: 2);

        Assert.Equal(
            ((DoubleDataFrameColumn)_sample.Written.Runs.Columns["finalEquity"]).ToArray(),
            ((DoubleDataFrameColumn)custom.Runs.Columns["finalEquity"]).ToArray());
    }

    [Fact]
    public void Open_names_a_missing_folder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "levbt-no-such-results-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<LevBacktest.Reporting.Reports.ResultsFolderException>(() => ExperimentResults.Open(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Market_data_round_trips_through_data_frames()
    {
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = SharedFolder.InRepository("data", "sample", "prices.parquet"),
            MarkPath = SharedFolder.InRepository("data", "sample", "mark.parquet"),
            FundingPath = SharedFolder.InRepository("data", "sample", "funding.parquet"),
        }).Data;

        var bars = loaded.ToDataFrame();
        var funding = loaded.FundingToDataFrame();
        var back = MarketDataFrames.FromDataFrame(bars, loaded.Symbol, funding: funding);

        Assert.Equal(loaded.Count, (int)bars.Rows.Count);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(loaded.OpenTimeMs.Span[0]), bars.Columns["time"][0]);
        Assert.Equal(loaded.BarIntervalMs, back.BarIntervalMs);
        Assert.Equal(loaded.OpenTimeMs.ToArray(), back.OpenTimeMs.ToArray());
        Assert.Equal(loaded.Close.ToArray(), back.Close.ToArray());
        Assert.Equal(loaded.MarkLow.ToArray(), back.MarkLow.ToArray());
        Assert.Equal(loaded.Funding.Rate.ToArray(), back.Funding.Rate.ToArray());
        Assert.Equal(loaded.Funding.TimeMs.ToArray(), back.Funding.TimeMs.ToArray());
    }

    private static int CountRows(DataFrame table, int runIndex)
    {
        var column = table.Columns["runIndex"];
        int count = 0;
        for (long i = 0; i < column.Length; i++)
        {
            count += (int)column[i]! == runIndex ? 1 : 0;
        }

        return count;
    }

    private sealed class AlwaysLong : ISignal
    {
        public void Prepare(MarketData data)
        {
        }

        public int DesiredSide(int barIndex) => 1;
    }
}
