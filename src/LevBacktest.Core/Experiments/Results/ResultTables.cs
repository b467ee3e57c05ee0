using System.Runtime.InteropServices;

using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// The Parquet tables of a results folder: their schemas, fixed before any run is seen, and how a run's rows fill
/// them. Every table starts with <c>runIndex</c> (INT32, the run's index in the sweep's cartesian product) and holds
/// the runs in ascending index; times are TIMESTAMP(MILLIS, UTC). A DOUBLE column whose value can be missing is
/// OPTIONAL by definition — every metric of runs.parquet and every DOUBLE of the event tables — and null exactly
/// where the value is not finite (NaN: does not apply); equity.parquet's columns are REQUIRED and store NaN as NaN.
/// </summary>
public static class ResultTables
{
    /// <summary>
    /// <c>trades.parquet</c>, one row per position opened: runIndex, entryTime, entryBar, entryPrice,
    /// exitTime, exitBar, exitPrice, side (+1/−1), entryQuantity, exitQuantity (base units), fees,
    /// fundingPaid, realizedPnl, marginLost, netPnl (USDT), exitReason (signal, stop, takeProfit,
    /// liquidation, end, timeStop).
    /// </summary>
    /// <remarks>
    /// Encodings, measured in process on S1 (bench/workloads/s1.json, 278,722 trades) and the README's real-data sweep
    /// (334,222): times and prices keep a dictionary (the same bars and prices recur across runs: without one the
    /// real-data file would grow from 18.3 to 20.7 MB); the five amounts that never repeat are BYTE_STREAM_SPLIT (11 % smaller
    /// than PLAIN on S1, 7–11 % on real data, for the same or less CPU); side and exitReason are PLAIN (long runs of
    /// few values: exitReason 8.6 → 6.5 ms on S1 for 4 → 11 KB).
    /// </remarks>
    internal static EventTable<TradeRecord> Trades { get; } = new EventTable<TradeRecord>(r => r.Trades, FillTrades)
        .Time("entryTime")
        .Int32("entryBar", dictionary: false)
        .OptionalDouble("entryPrice")
        .Time("exitTime")
        .Int32("exitBar", dictionary: false)
        .OptionalDouble("exitPrice")
        .Int32("side", dictionary: false)
        .SplitDouble("entryQuantity")
        .SplitDouble("exitQuantity")
        .SplitDouble("fees")
        .OptionalDouble("fundingPaid", dictionary: false)
        .SplitDouble("realizedPnl")
        .OptionalDouble("marginLost", dictionary: false)
        .SplitDouble("netPnl")
        .String("exitReason", dictionary: false);

    /// <summary>
    /// <c>liquidations.parquet</c>, one row per liquidation: runIndex, time (open time of the bar), bar,
    /// markPrice, liquidationPrice, bankruptcyPrice (USDT), side, quantity (base units), marginLost and
    /// clearanceFee (USDT).
    /// </summary>
    internal static EventTable<LiquidationRecord> Liquidations { get; } = new EventTable<LiquidationRecord>(r => r.Liquidations, FillLiquidations)
        .Time("time")
        .Int32("bar")
        .OptionalDouble("markPrice", dictionary: false)
        .OptionalDouble("liquidationPrice", dictionary: false)
        .OptionalDouble("bankruptcyPrice", dictionary: false)
        .Int32("side", dictionary: false)
        .OptionalDouble("quantity", dictionary: false)
        .OptionalDouble("marginLost", dictionary: false)
        .OptionalDouble("clearanceFee", dictionary: false);

    /// <summary>
    /// <c>funding.parquet</c>, one row per funding settlement on an open position: runIndex, time
    /// (settlement time), bar, rate (fraction), markPrice (USDT), side, quantity (base units), payment
    /// (USDT, positive = paid by the account, negative = received).
    /// </summary>
    /// <remarks>
    /// Every column without a dictionary. A sweep's runs settle on the same data, so run after run repeats the same
    /// times, bars, rates and mark prices, which ZSTD finds as long matches in PLAIN values; dictionary indices are
    /// bit-packed and hide them. In process on S1 (bench/workloads/s1.json, 3.08 million rows): markPrice 47 ms and
    /// 2.02 MB with a dictionary, 23 ms and 0.69 MB PLAIN; rate 28 against 17 ms; runIndex 21 against 8 ms; side 20
    /// against 8 ms; the file 4.21 → 2.83 MB. On the README's real-data sweep (1.07 million rows, runs holding
    /// positions at different settlements) PLAIN is faster too (funding.parquet 134 → 110 ms) but 10 % larger
    /// (15.9 → 17.5 MB).
    /// </remarks>
    internal static EventTable<FundingPaymentRecord> Funding { get; } = new EventTable<FundingPaymentRecord>(r => r.FundingPayments, FillFunding)
        .Time("time", dictionary: false)
        .Int32("bar", dictionary: false)
        .OptionalDouble("rate", dictionary: false)
        .OptionalDouble("markPrice", dictionary: false)
        .Int32("side", dictionary: false)
        .OptionalDouble("quantity", dictionary: false)
        .OptionalDouble("payment", dictionary: false);

    /// <summary>
    /// <c>stops.parquet</c>, one row per stop or take-profit fill: runIndex, time, bar, kind (stop,
    /// takeProfit), triggerPrice, fillPrice (USDT), gap (true when the bar opened beyond the trigger).
    /// </summary>
    /// <remarks>
    /// time and the prices keep a dictionary (on the README's real-data sweep the file would double without one:
    /// 2.6 → 4.6 MB); bar and kind are PLAIN (S1's 268,722 stops: bar 3.7 → 1.4 ms and 166 → 42 KB; kind 7.1 → 5.7 ms,
    /// same size; real data: bar 4.3 → 2.8 ms for 473 → 539 KB).
    /// </remarks>
    internal static EventTable<StopEventRecord> Stops { get; } = new EventTable<StopEventRecord>(r => r.StopEvents, FillStops)
        .Time("time")
        .Int32("bar", dictionary: false)
        .String("kind", dictionary: false)
        .OptionalDouble("triggerPrice")
        .OptionalDouble("fillPrice")
        .Boolean("gap");

    private static readonly EventTable<TradeRecord> PortfolioTrades = Trades.WithInstrument(d => d.TradeInstrument);
    private static readonly EventTable<LiquidationRecord> PortfolioLiquidations = Liquidations.WithInstrument(d => d.LiquidationInstrument);
    private static readonly EventTable<FundingPaymentRecord> PortfolioFunding = Funding.WithInstrument(d => d.FundingInstrument);
    private static readonly EventTable<StopEventRecord> PortfolioStops = Stops.WithInstrument(d => d.StopInstrument);

    /// <summary>trades.parquet's table; a portfolio's has the <c>instrument</c> column (the symbol) after runIndex.</summary>
    internal static EventTable<TradeRecord> TradesOf(bool portfolio) => portfolio ? PortfolioTrades : Trades;

    /// <summary>liquidations.parquet's table; a portfolio's has the <c>instrument</c> column after runIndex.</summary>
    internal static EventTable<LiquidationRecord> LiquidationsOf(bool portfolio) => portfolio ? PortfolioLiquidations : Liquidations;

    /// <summary>funding.parquet's table; a portfolio's has the <c>instrument</c> column after runIndex.</summary>
    internal static EventTable<FundingPaymentRecord> FundingOf(bool portfolio) => portfolio ? PortfolioFunding : Funding;

    /// <summary>stops.parquet's table; a portfolio's has the <c>instrument</c> column after runIndex.</summary>
    internal static EventTable<StopEventRecord> StopsOf(bool portfolio) => portfolio ? PortfolioStops : Stops;

    /// <summary>
    /// <c>exposure.parquet</c> of a portfolio's folder, one row per run, instrument and bar of the clock (runs ascending,
    /// then instruments in spec order, then bars): runIndex, instrument (symbol), time (the bar's open time; values at
    /// its close), notional (≥ 0, in the settlement asset; 0 when flat), side (+1, −1, 0 flat), liquidationPrice (NaN
    /// when flat), hasBar (false where the instrument had no bar and was marked at its last mark).
    /// </summary>
    internal static IReadOnlyList<ParquetColumnDefinition> ExposureColumns { get; } =
    [
        ParquetColumnDefinition.Int32("runIndex"),
        ParquetColumnDefinition.String("instrument"),
        ParquetColumnDefinition.Timestamp("time", ParquetTimeUnit.Millis),
        ParquetColumnDefinition.Double("notional"),
        ParquetColumnDefinition.Int32("side"),
        ParquetColumnDefinition.Double("liquidationPrice"),
        ParquetColumnDefinition.Boolean("hasBar"),
    ];

    /// <summary>Appends a portfolio run's exposure rows (<see cref="ExposureColumns"/>); nothing for a single-instrument run.</summary>
    internal static void AppendExposure(ResultTableAppender table, RunOutcome run)
    {
        if (run.Portfolio is not { } detail)
        {
            return;
        }

        int runIndex = run.Point.RunIndex;
        long[] clock = detail.OpenTimeMs;
        foreach (var part in detail.Instruments)
        {
            table.Append(clock.Length, (chunk, at, source, count) =>
            {
                chunk.Int32s(0).AsSpan(at, count).Fill(runIndex);
                ((string?[])chunk[1]).AsSpan(at, count).Fill(part.Symbol);
                clock.AsSpan(source, count).CopyTo(chunk.Int64s(2).AsSpan(at, count));
                part.Notional.AsSpan(source, count).CopyTo(chunk.Doubles(3).AsSpan(at, count));
                var side = chunk.Int32s(4);
                var hasBar = (bool[])chunk[6];
                for (int i = 0; i < count; i++)
                {
                    side[at + i] = part.Side[source + i];
                    hasBar[at + i] = part.BarIndex[source + i] >= 0;
                }

                part.LiquidationPrice.AsSpan(source, count).CopyTo(chunk.Doubles(5).AsSpan(at, count));
            });
        }
    }

    /// <summary>
    /// <c>equity.parquet</c>, one row per run and kept bar (runs in ascending index, bars in time order):
    /// runIndex, time (the bar's open time; the values are taken at its close), equity (USDT),
    /// positionNotional (USDT, 0 when flat), effectiveLeverage (notional / equity), marginRatio
    /// (maintenance margin / margin balance; 1 = liquidation), liquidationPrice (USDT; NaN when flat — NaN
    /// rather than null, since a validity column over millions of rows would cost write time for nothing).
    /// All REQUIRED.
    /// </summary>
    internal static IReadOnlyList<ParquetColumnDefinition> EquityColumns { get; } =
    [
        ParquetColumnDefinition.Int32("runIndex"),
        ParquetColumnDefinition.Timestamp("time", ParquetTimeUnit.Millis),
        ParquetColumnDefinition.Double("equity"),
        ParquetColumnDefinition.Double("positionNotional"),
        ParquetColumnDefinition.Double("effectiveLeverage"),
        ParquetColumnDefinition.Double("marginRatio"),
        ParquetColumnDefinition.Double("liquidationPrice"),
    ];

    /// <summary>
    /// Appends the rows of <paramref name="run"/>'s equity curve at <paramref name="bars"/> (ascending bar indices) to
    /// <paramref name="table"/>: the rows <c>AppendEquity(table, run with its curve cut to those bars)</c> would write,
    /// read straight from the full curve instead of from a cut copy of it.
    /// </summary>
    internal static void AppendEquity(ResultTableAppender table, RunOutcome run, int[] bars)
    {
        var curve = run.Result.EquityCurve;
        int runIndex = run.Point.RunIndex;
        table.Append(bars.Length, (chunk, at, source, count) =>
        {
            chunk.Int32s(0).AsSpan(at, count).Fill(runIndex);
            EquityDownsampler.Gather(
                curve,
                bars.AsSpan(source, count),
                chunk.Int64s(1).AsSpan(at, count),
                chunk.Doubles(2).AsSpan(at, count),
                chunk.Doubles(3).AsSpan(at, count),
                chunk.Doubles(4).AsSpan(at, count),
                chunk.Doubles(5).AsSpan(at, count),
                chunk.Doubles(6).AsSpan(at, count));
        });
    }

    /// <summary>Appends the kept bars of <paramref name="run"/>'s equity curve to <paramref name="table"/> (opened with <see cref="EquityColumns"/>).</summary>
    /// <remarks>
    /// Whole chunks of the curve go to the writer as views of the curve's own arrays (no copy into the chunk buffers: for
    /// W1's 525,600 bars that was 27 MB copied, part of it into freshly faulted pages); the rest is copied.
    /// </remarks>
    internal static void AppendEquity(ResultTableAppender table, RunOutcome run)
    {
        var curve = run.Result.EquityCurve;
        int runIndex = run.Point.RunIndex;
        table.Append(
            curve.Count,
            (chunk, at, source, count) =>
            {
                chunk.Int32s(0).AsSpan(at, count).Fill(runIndex);
                curve.OpenTimeMs.Span.Slice(source, count).CopyTo(chunk.Int64s(1).AsSpan(at, count));
                curve.Equity.AsSpan(source, count).CopyTo(chunk.Doubles(2).AsSpan(at, count));
                curve.PositionNotional.AsSpan(source, count).CopyTo(chunk.Doubles(3).AsSpan(at, count));
                curve.EffectiveLeverage.AsSpan(source, count).CopyTo(chunk.Doubles(4).AsSpan(at, count));
                curve.MarginRatio.AsSpan(source, count).CopyTo(chunk.Doubles(5).AsSpan(at, count));
                curve.LiquidationPrice.AsSpan(source, count).CopyTo(chunk.Doubles(6).AsSpan(at, count));
            },
            (chunk, source, count) =>
            {
                if (!MemoryMarshal.TryGetArray(curve.OpenTimeMs, out ArraySegment<long> time))
                {
                    return null;
                }

                var runIndices = chunk.Int32s(0);
                runIndices.AsSpan(0, count).Fill(runIndex);
                return
                [
                    ParquetWriteColumn.Int32("runIndex", runIndices).Rows(0, count),
                    ParquetWriteColumn.Timestamp("time", time.Array!, ParquetTimeUnit.Millis).Rows(time.Offset + source, count),
                    ParquetWriteColumn.Double("equity", curve.Equity).Rows(source, count),
                    ParquetWriteColumn.Double("positionNotional", curve.PositionNotional).Rows(source, count),
                    ParquetWriteColumn.Double("effectiveLeverage", curve.EffectiveLeverage).Rows(source, count),
                    ParquetWriteColumn.Double("marginRatio", curve.MarginRatio).Rows(source, count),
                    ParquetWriteColumn.Double("liquidationPrice", curve.LiquidationPrice).Rows(source, count),
                ];
            });
    }

    /// <summary>
    /// <c>runs.parquet</c>'s schema, one row per run: <c>runIndex</c>; one column per sweep axis named as the axis
    /// (<c>leverage</c>, <c>stop.distance</c>; REQUIRED DOUBLE for numbers, BOOLEAN, else STRING) unless a metric
    /// has the same name (<c>leverage</c>, <c>initialCapital</c>: the metric column holds the value); then
    /// one OPTIONAL DOUBLE column per metric in the order of <see cref="RunMetrics.Names"/>.
    /// </summary>
    /// <param name="grid">The sweep.</param>
    internal static IReadOnlyList<ParquetColumnDefinition> RunsColumns(SweepGrid grid)
    {
        var columns = new List<ParquetColumnDefinition> { ParquetColumnDefinition.Int32("runIndex") };
        foreach (var (axis, _) in AxisColumns(grid))
        {
            columns.Add(AxisKind(axis) switch
            {
                SpecValueKind.Number => ParquetColumnDefinition.Double(axis.Name),
                SpecValueKind.Boolean => ParquetColumnDefinition.Boolean(axis.Name),
                _ => ParquetColumnDefinition.String(axis.Name),
            });
        }

        foreach (string name in RunMetrics.Names)
        {
            columns.Add(ParquetColumnDefinition.Double(name, optional: true));
        }

        return columns;
    }

    /// <summary>Appends one row per run of <paramref name="runs"/> (ascending run index) to <paramref name="table"/> (opened with <see cref="RunsColumns"/>).</summary>
    internal static void AppendRuns(ResultTableAppender table, SweepGrid grid, IReadOnlyList<RunOutcome> runs)
        => table.Append(runs.Count, RunsFill(grid, runs));

    /// <summary>Fills rows of <see cref="RunsColumns"/> from <paramref name="runs"/> (row k = runs[k]), for a file or in memory (<see cref="InMemoryResultTable"/>).</summary>
    internal static ResultTableFill RunsFill(SweepGrid grid, IReadOnlyList<RunOutcome> runs)
    {
        var axes = AxisColumns(grid);
        return (chunk, at, source, count) =>
        {
            // The metric columns' buffers once per stretch and each run's metrics copied out once: a list of named values
            // per run and an interface call and cast per value were most of runs.parquet's CPU for 10,000 runs.
            var runIndices = chunk.Int32s(0);
            int firstMetric = 1 + axes.Count;
            var metricColumns = new double[RunMetrics.Names.Count][];
            for (int m = 0; m < metricColumns.Length; m++)
            {
                metricColumns[m] = chunk.Doubles(firstMetric + m);
            }

            Span<double> metrics = stackalloc double[metricColumns.Length];
            for (int i = 0; i < count; i++)
            {
                var run = runs[source + i];
                int index = run.Point.RunIndex;
                int row = at + i;
                runIndices[row] = index;
                int c = 1;
                foreach (var (axis, k) in axes)
                {
                    var value = grid.Value(index, k);
                    switch (chunk[c])
                    {
                        case double[] numbers: numbers[row] = value.Number; break;
                        case bool[] flags: flags[row] = value.Boolean; break;
                        case string?[] text: text[row] = value.ToString(); break;
                    }

                    c++;
                }

                run.Result.Metrics.CopyValuesTo(metrics);
                for (int m = 0; m < metrics.Length; m++)
                {
                    metricColumns[m][row] = metrics[m];
                }
            }
        };
    }

    private static List<(SweepAxis Axis, int Index)> AxisColumns(SweepGrid grid)
    {
        var metricNames = new HashSet<string>(RunMetrics.Names, StringComparer.Ordinal);
        var axes = new List<(SweepAxis, int)>();
        for (int k = 0; k < grid.Axes.Count; k++)
        {
            if (!metricNames.Contains(grid.Axes[k].Name))
            {
                axes.Add((grid.Axes[k], k));
            }
        }

        return axes;
    }

    private static SpecValueKind AxisKind(SweepAxis axis)
        => axis.Values.All(v => v.Kind == SpecValueKind.Number) ? SpecValueKind.Number
            : axis.Values.All(v => v.Kind == SpecValueKind.Boolean) ? SpecValueKind.Boolean
            : SpecValueKind.Text;

    private static void FillTrades(ReadOnlySpan<TradeRecord> trades, EventColumns columns)
    {
        var entryTime = columns.Int64s("entryTime");
        var entryBar = columns.Int32s("entryBar");
        var entryPrice = columns.Doubles("entryPrice");
        var exitTime = columns.Int64s("exitTime");
        var exitBar = columns.Int32s("exitBar");
        var exitPrice = columns.Doubles("exitPrice");
        var side = columns.Int32s("side");
        var entryQuantity = columns.Doubles("entryQuantity");
        var exitQuantity = columns.Doubles("exitQuantity");
        var fees = columns.Doubles("fees");
        var fundingPaid = columns.Doubles("fundingPaid");
        var realizedPnl = columns.Doubles("realizedPnl");
        var marginLost = columns.Doubles("marginLost");
        var netPnl = columns.Doubles("netPnl");
        var exitReason = columns.Strings("exitReason");
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly var t = ref trades[i];
            entryTime[i] = t.EntryTimeMs;
            entryBar[i] = t.EntryBar;
            entryPrice[i] = t.EntryPrice;
            exitTime[i] = t.ExitTimeMs;
            exitBar[i] = t.ExitBar;
            exitPrice[i] = t.ExitPrice;
            side[i] = t.Side;
            entryQuantity[i] = t.EntryQuantity;
            exitQuantity[i] = t.ExitQuantity;
            fees[i] = t.Fees;
            fundingPaid[i] = t.FundingPaid;
            realizedPnl[i] = t.RealizedPnl;
            marginLost[i] = t.MarginLost;
            netPnl[i] = t.NetPnl;
            exitReason[i] = NameOf(t.ExitReason);
        }
    }

    private static void FillLiquidations(ReadOnlySpan<LiquidationRecord> liquidations, EventColumns columns)
    {
        var time = columns.Int64s("time");
        var bar = columns.Int32s("bar");
        var markPrice = columns.Doubles("markPrice");
        var liquidationPrice = columns.Doubles("liquidationPrice");
        var bankruptcyPrice = columns.Doubles("bankruptcyPrice");
        var side = columns.Int32s("side");
        var quantity = columns.Doubles("quantity");
        var marginLost = columns.Doubles("marginLost");
        var clearanceFee = columns.Doubles("clearanceFee");
        for (int i = 0; i < liquidations.Length; i++)
        {
            ref readonly var l = ref liquidations[i];
            time[i] = l.TimeMs;
            bar[i] = l.Bar;
            markPrice[i] = l.MarkPrice;
            liquidationPrice[i] = l.LiquidationPrice;
            bankruptcyPrice[i] = l.BankruptcyPrice;
            side[i] = l.Side;
            quantity[i] = l.Quantity;
            marginLost[i] = l.MarginLost;
            clearanceFee[i] = l.ClearanceFee;
        }
    }

    private static void FillFunding(ReadOnlySpan<FundingPaymentRecord> payments, EventColumns columns)
    {
        var time = columns.Int64s("time");
        var bar = columns.Int32s("bar");
        var rate = columns.Doubles("rate");
        var markPrice = columns.Doubles("markPrice");
        var side = columns.Int32s("side");
        var quantity = columns.Doubles("quantity");
        var payment = columns.Doubles("payment");
        for (int i = 0; i < payments.Length; i++)
        {
            ref readonly var f = ref payments[i];
            time[i] = f.TimeMs;
            bar[i] = f.Bar;
            rate[i] = f.Rate;
            markPrice[i] = f.MarkPrice;
            side[i] = f.Side;
            quantity[i] = f.Quantity;
            payment[i] = f.Payment;
        }
    }

    private static void FillStops(ReadOnlySpan<StopEventRecord> stops, EventColumns columns)
    {
        var time = columns.Int64s("time");
        var bar = columns.Int32s("bar");
        var kind = columns.Strings("kind");
        var triggerPrice = columns.Doubles("triggerPrice");
        var fillPrice = columns.Doubles("fillPrice");
        var gap = columns.Booleans("gap");
        for (int i = 0; i < stops.Length; i++)
        {
            ref readonly var s = ref stops[i];
            time[i] = s.TimeMs;
            bar[i] = s.Bar;
            kind[i] = NameOf(s.Kind);
            triggerPrice[i] = s.TriggerPrice;
            fillPrice[i] = s.FillPrice;
            gap[i] = s.Gap;
        }
    }

    /// <summary>
    /// exitReason's text: the member's name in camelCase, from literals (Enum.ToString and a new string per trade
    /// were 1.5 % of S1's whole-process CPU); a member added later falls back to its camelCased name.
    /// </summary>
    internal static string NameOf(ExitReason reason) => reason switch
    {
        ExitReason.Signal => "signal",
        ExitReason.Stop => "stop",
        ExitReason.TakeProfit => "takeProfit",
        ExitReason.Liquidation => "liquidation",
        ExitReason.End => "end",
        ExitReason.TimeStop => "timeStop",
        _ => CamelCase(reason.ToString()),
    };

    /// <summary>A stop event's kind in camelCase, from literals as <see cref="NameOf(ExitReason)"/>.</summary>
    internal static string NameOf(StopEventKind kind) => kind switch
    {
        StopEventKind.Stop => "stop",
        StopEventKind.TakeProfit => "takeProfit",
        _ => CamelCase(kind.ToString()),
    };

    private static string CamelCase(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
