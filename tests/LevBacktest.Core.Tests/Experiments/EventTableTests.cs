using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Simulation;
using LevBacktest.Parquet;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>
/// Each event table's columns hold the field they are named after: events whose fields all carry different values
/// (field k of event e = 100·e + k, so a value swapped between two columns of the same type, or left from another
/// row, shows), read back by column name, in memory (<see cref="EventTable{TEvent}.Gather"/>) and from a file written
/// through chunks that the run's rows cross.
/// </summary>
public sealed class EventTableTests : IDisposable
{
    private const int Events = 5;
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-event-table").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static double V(int e, int k) => (100 * e) + k + 0.25;

    private static TradeRecord Trade(int e) => new(
        EntryTimeMs: 1_700_000_000_000 + (100 * e) + 1,
        EntryBar: (100 * e) + 2,
        EntryPrice: V(e, 3),
        ExitTimeMs: 1_700_000_000_000 + (100 * e) + 4,
        ExitBar: (100 * e) + 5,
        ExitPrice: V(e, 6),
        Side: e % 2 == 0 ? 1 : -1,
        EntryQuantity: V(e, 8),
        InitialMargin: V(e, 9),
        ExitQuantity: V(e, 10),
        Fees: V(e, 11),
        FundingPaid: V(e, 12),
        RealizedPnl: V(e, 13),
        MarginLost: V(e, 14),
        NetPnl: V(e, 15),
        ExitReason: (ExitReason)(e % Enum.GetValues<ExitReason>().Length));

    private static LiquidationRecord Liquidation(int e) => new(
        TimeMs: 1_700_000_000_000 + (100 * e) + 1,
        Bar: (100 * e) + 2,
        MarkPrice: V(e, 3),
        LiquidationPrice: V(e, 4),
        BankruptcyPrice: V(e, 5),
        Side: e % 2 == 0 ? -1 : 1,
        Quantity: V(e, 7),
        MarginLost: V(e, 8),
        ClearanceFee: V(e, 9));

    private static FundingPaymentRecord Payment(int e) => new(
        TimeMs: 1_700_000_000_000 + (100 * e) + 1,
        Bar: (100 * e) + 2,
        Rate: V(e, 3),
        MarkPrice: V(e, 4),
        Side: e % 2 == 0 ? 1 : -1,
        Quantity: V(e, 6),
        Payment: V(e, 7));

    private static StopEventRecord Stop(int e) => new(
        TimeMs: 1_700_000_000_000 + (100 * e) + 1,
        Bar: (100 * e) + 2,
        Kind: e % 2 == 0 ? StopEventKind.Stop : StopEventKind.TakeProfit,
        TriggerPrice: V(e, 4),
        FillPrice: V(e, 5),
        Gap: e % 3 == 0);

    private static RunOutcome Run()
    {
        var template = ResultsFixture.Outcome.Runs[1];
        var result = new RunResult(
            template.Result.Metrics,
            template.Result.EquityCurve,
            Enumerable.Range(0, Events).Select(Trade).ToList(),
            Enumerable.Range(0, Events).Select(Liquidation).ToList(),
            Enumerable.Range(0, Events).Select(Payment).ToList(),
            Enumerable.Range(0, Events).Select(Stop).ToList(),
            rejectedOrders: 0,
            reducedOrders: 0,
            markFallbackBars: 0);
        return new RunOutcome(template.Point, result);
    }

    /// <summary>Every column's expected values by name, from the records' fields (runIndex included).</summary>
    private static Dictionary<string, object[]> Expected(string table, int runIndex)
    {
        var e = Enumerable.Range(0, Events).ToArray();
        object[] Of<T>(Func<int, T> field) => e.Select(i => (object)field(i)!).ToArray();
        var columns = table switch
        {
            "trades" => new Dictionary<string, object[]>
            {
                ["entryTime"] = Of(i => Trade(i).EntryTimeMs),
                ["entryBar"] = Of(i => Trade(i).EntryBar),
                ["entryPrice"] = Of(i => Trade(i).EntryPrice),
                ["exitTime"] = Of(i => Trade(i).ExitTimeMs),
                ["exitBar"] = Of(i => Trade(i).ExitBar),
                ["exitPrice"] = Of(i => Trade(i).ExitPrice),
                ["side"] = Of(i => Trade(i).Side),
                ["entryQuantity"] = Of(i => Trade(i).EntryQuantity),
                ["exitQuantity"] = Of(i => Trade(i).ExitQuantity),
                ["fees"] = Of(i => Trade(i).Fees),
                ["fundingPaid"] = Of(i => Trade(i).FundingPaid),
                ["realizedPnl"] = Of(i => Trade(i).RealizedPnl),
                ["marginLost"] = Of(i => Trade(i).MarginLost),
                ["netPnl"] = Of(i => Trade(i).NetPnl),
                ["exitReason"] = Of(i => char.ToLowerInvariant(Trade(i).ExitReason.ToString()[0]) + Trade(i).ExitReason.ToString()[1..]),
            },
            "liquidations" => new Dictionary<string, object[]>
            {
                ["time"] = Of(i => Liquidation(i).TimeMs),
                ["bar"] = Of(i => Liquidation(i).Bar),
                ["markPrice"] = Of(i => Liquidation(i).MarkPrice),
                ["liquidationPrice"] = Of(i => Liquidation(i).LiquidationPrice),
                ["bankruptcyPrice"] = Of(i => Liquidation(i).BankruptcyPrice),
                ["side"] = Of(i => Liquidation(i).Side),
                ["quantity"] = Of(i => Liquidation(i).Quantity),
                ["marginLost"] = Of(i => Liquidation(i).MarginLost),
                ["clearanceFee"] = Of(i => Liquidation(i).ClearanceFee),
            },
            "funding" => new Dictionary<string, object[]>
            {
                ["time"] = Of(i => Payment(i).TimeMs),
                ["bar"] = Of(i => Payment(i).Bar),
                ["rate"] = Of(i => Payment(i).Rate),
                ["markPrice"] = Of(i => Payment(i).MarkPrice),
                ["side"] = Of(i => Payment(i).Side),
                ["quantity"] = Of(i => Payment(i).Quantity),
                ["payment"] = Of(i => Payment(i).Payment),
            },
            _ => new Dictionary<string, object[]>
            {
                ["time"] = Of(i => Stop(i).TimeMs),
                ["bar"] = Of(i => Stop(i).Bar),
                ["kind"] = Of(i => Stop(i).Kind == StopEventKind.Stop ? "stop" : "takeProfit"),
                ["triggerPrice"] = Of(i => Stop(i).TriggerPrice),
                ["fillPrice"] = Of(i => Stop(i).FillPrice),
                ["gap"] = Of(i => Stop(i).Gap),
            },
        };
        columns["runIndex"] = Of(_ => runIndex);
        return columns;
    }

    private static IReadOnlyList<Parquet.Writer.ParquetColumnDefinition> ColumnsOf(string table) => table switch
    {
        "trades" => ResultTables.Trades.Columns,
        "liquidations" => ResultTables.Liquidations.Columns,
        "funding" => ResultTables.Funding.Columns,
        _ => ResultTables.Stops.Columns,
    };

    public static TheoryData<string> Tables => new() { "trades", "liquidations", "funding", "stops" };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Gathered_columns_hold_the_fields_they_are_named_after(string table)
    {
        var run = Run();
        var gathered = table switch
        {
            "trades" => ResultTables.Trades.Gather([run]),
            "liquidations" => ResultTables.Liquidations.Gather([run]),
            "funding" => ResultTables.Funding.Gather([run]),
            _ => ResultTables.Stops.Gather([run]),
        };
        var columns = ColumnsOf(table);
        var expected = Expected(table, run.Point.RunIndex);
        Assert.Equal(expected.Keys.Order(), columns.Select(c => c.Name).Order());
        for (int c = 0; c < columns.Count; c++)
        {
            Assert.Equal(expected[columns[c].Name], gathered[c].Cast<object>().ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Written_columns_hold_the_fields_they_are_named_after_when_chunks_split_the_run(string table)
    {
        var run = Run();
        string path = Path.Combine(_root, table + ".parquet");
        var columns = ColumnsOf(table);
        using (var appender = ResultTableAppender.Create(path, columns, ExperimentResultsWriter.WriterOptionsOf(table + ".parquet"), chunkRows: 2))
        {
            switch (table)
            {
                case "trades": ResultTables.Trades.Append(appender, run); break;
                case "liquidations": ResultTables.Liquidations.Append(appender, run); break;
                case "funding": ResultTables.Funding.Append(appender, run); break;
                default: ResultTables.Stops.Append(appender, run); break;
            }

            appender.Complete();
        }

        var expected = Expected(table, run.Point.RunIndex);
        using var file = ParquetFileReader.Open(path);
        Assert.Equal(Events, file.RowCount);
        foreach (var column in columns)
        {
            var data = file.ReadColumn(column.Name);
            var values = Enumerable.Range(0, Events).Select(i => data.GetValue(i) is byte[] utf8 ? System.Text.Encoding.UTF8.GetString(utf8) : data.GetValue(i)).ToArray();
            Assert.Equal(expected[column.Name], values);
        }
    }
}
