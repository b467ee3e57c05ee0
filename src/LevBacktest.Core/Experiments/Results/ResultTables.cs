using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// The columns of the Parquet files of a results folder, built from an <see cref="ExperimentOutcome"/>.
/// Every table starts with <c>runIndex</c> (INT32, the run's index in the sweep's cartesian product);
/// times are TIMESTAMP(MILLIS, UTC); values that do not apply (NaN) are null.
/// </summary>
public static class ResultTables
{
    /// <summary>
    /// <c>runs.parquet</c>, one row per run: <c>runIndex</c>; one column per sweep axis named as the axis
    /// (<c>leverage</c>, <c>stop.distance</c>; DOUBLE for numbers, BOOLEAN, else STRING) unless a metric
    /// has the same name (<c>leverage</c>, <c>initialCapital</c>: the metric column holds the value); then
    /// one DOUBLE column per metric in the order of <see cref="RunMetrics.Names"/>.
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Runs(ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var runs = outcome.Runs;
        var grid = outcome.Plan.Grid;
        int n = runs.Count;
        var columns = new List<ParquetWriteColumn>();
        var index = new int[n];
        for (int r = 0; r < n; r++)
        {
            index[r] = runs[r].Point.RunIndex;
        }

        columns.Add(ParquetWriteColumn.Int32("runIndex", index));
        var metricNames = new HashSet<string>(RunMetrics.Names, StringComparer.Ordinal);
        for (int k = 0; k < grid.Axes.Count; k++)
        {
            var axis = grid.Axes[k];
            if (metricNames.Contains(axis.Name))
            {
                continue;
            }

            columns.Add(AxisColumn(axis, k, runs, grid));
        }

        var values = new double[RunMetrics.Names.Count][];
        for (int m = 0; m < values.Length; m++)
        {
            values[m] = new double[n];
        }

        for (int r = 0; r < n; r++)
        {
            var named = runs[r].Result.Metrics.ToNamedValues();
            for (int m = 0; m < values.Length; m++)
            {
                values[m][r] = named[m].Value;
            }
        }

        for (int m = 0; m < values.Length; m++)
        {
            columns.Add(ResultColumn.NullableDouble(RunMetrics.Names[m], values[m]));
        }

        return columns;
    }

    /// <summary>
    /// <c>trades.parquet</c>, one row per position opened: runIndex, entryTime, entryBar, entryPrice,
    /// exitTime, exitBar, exitPrice, side (+1/−1), entryQuantity, exitQuantity (base units), fees,
    /// fundingPaid, realizedPnl, marginLost, netPnl (USDT), exitReason (signal, stop, takeProfit,
    /// liquidation, end, timeStop).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Trades(ExperimentOutcome outcome)
        => new EventTableBuilder<TradeRecord>(outcome, r => r.Trades)
            .Time("entryTime", t => t.EntryTimeMs)
            .Int32("entryBar", t => t.EntryBar)
            .NullableDouble("entryPrice", t => t.EntryPrice)
            .Time("exitTime", t => t.ExitTimeMs)
            .Int32("exitBar", t => t.ExitBar)
            .NullableDouble("exitPrice", t => t.ExitPrice)
            .Int32("side", t => t.Side)
            .NullableDouble("entryQuantity", t => t.EntryQuantity)
            .NullableDouble("exitQuantity", t => t.ExitQuantity)
            .NullableDouble("fees", t => t.Fees)
            .NullableDouble("fundingPaid", t => t.FundingPaid)
            .NullableDouble("realizedPnl", t => t.RealizedPnl)
            .NullableDouble("marginLost", t => t.MarginLost)
            .NullableDouble("netPnl", t => t.NetPnl)
            .String("exitReason", t => CamelCase(t.ExitReason.ToString()))
            .Columns;

    /// <summary>
    /// <c>liquidations.parquet</c>, one row per liquidation: runIndex, time (open time of the bar), bar,
    /// markPrice, liquidationPrice, bankruptcyPrice (USDT), side, quantity (base units), marginLost and
    /// clearanceFee (USDT).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Liquidations(ExperimentOutcome outcome)
        => new EventTableBuilder<LiquidationRecord>(outcome, r => r.Liquidations)
            .Time("time", l => l.TimeMs)
            .Int32("bar", l => l.Bar)
            .NullableDouble("markPrice", l => l.MarkPrice)
            .NullableDouble("liquidationPrice", l => l.LiquidationPrice)
            .NullableDouble("bankruptcyPrice", l => l.BankruptcyPrice)
            .Int32("side", l => l.Side)
            .NullableDouble("quantity", l => l.Quantity)
            .NullableDouble("marginLost", l => l.MarginLost)
            .NullableDouble("clearanceFee", l => l.ClearanceFee)
            .Columns;

    /// <summary>
    /// <c>funding.parquet</c>, one row per funding settlement on an open position: runIndex, time
    /// (settlement time), bar, rate (fraction), markPrice (USDT), side, quantity (base units), payment
    /// (USDT, positive = paid by the account, negative = received).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Funding(ExperimentOutcome outcome)
        => new EventTableBuilder<FundingPaymentRecord>(outcome, r => r.FundingPayments)
            .Time("time", f => f.TimeMs)
            .Int32("bar", f => f.Bar)
            .NullableDouble("rate", f => f.Rate)
            .NullableDouble("markPrice", f => f.MarkPrice)
            .Int32("side", f => f.Side)
            .NullableDouble("quantity", f => f.Quantity)
            .NullableDouble("payment", f => f.Payment)
            .Columns;

    /// <summary>
    /// <c>stops.parquet</c>, one row per stop or take-profit fill: runIndex, time, bar, kind (stop,
    /// takeProfit), triggerPrice, fillPrice (USDT), gap (true when the bar opened beyond the trigger).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Stops(ExperimentOutcome outcome)
        => new EventTableBuilder<StopEventRecord>(outcome, r => r.StopEvents)
            .Time("time", s => s.TimeMs)
            .Int32("bar", s => s.Bar)
            .String("kind", s => CamelCase(s.Kind.ToString()))
            .NullableDouble("triggerPrice", s => s.TriggerPrice)
            .NullableDouble("fillPrice", s => s.FillPrice)
            .Boolean("gap", s => s.Gap)
            .Columns;

    /// <summary>
    /// <c>equity.parquet</c>, one row per run and bar (runs in ascending index, bars in time order):
    /// runIndex, time (the bar's open time; the values are taken at its close), equity (USDT),
    /// positionNotional (USDT, 0 when flat), effectiveLeverage (notional / equity), marginRatio
    /// (maintenance margin / margin balance; 1 = liquidation), liquidationPrice (USDT; NaN when flat — NaN
    /// rather than null, since a validity column over millions of rows would cost write time for nothing).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Equity(ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Equity(outcome.Runs);
    }

    /// <summary>The equity rows of <paramref name="runs"/> (in that order), as <see cref="Equity(ExperimentOutcome)"/>.</summary>
    internal static IReadOnlyList<ParquetWriteColumn> Equity(IReadOnlyList<RunOutcome> runs)
    {
        long total = 0;
        foreach (var r in runs)
        {
            total += r.Result.EquityCurve.Count;
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The equity table would have {total:N0} rows, more than one file can hold; split the sweep with --shard.");
        }

        int n = (int)total;
        var run = new int[n];
        var time = new long[n];
        var equity = new double[n];
        var notional = new double[n];
        var leverage = new double[n];
        var marginRatio = new double[n];
        var liquidation = new double[n];
        int offset = 0;
        foreach (var r in runs)
        {
            var curve = r.Result.EquityCurve;
            int count = curve.Count;
            run.AsSpan(offset, count).Fill(r.Point.RunIndex);
            curve.OpenTimeMs.Span.CopyTo(time.AsSpan(offset, count));
            curve.Equity.CopyTo(equity.AsSpan(offset, count));
            curve.PositionNotional.CopyTo(notional.AsSpan(offset, count));
            curve.EffectiveLeverage.CopyTo(leverage.AsSpan(offset, count));
            curve.MarginRatio.CopyTo(marginRatio.AsSpan(offset, count));
            curve.LiquidationPrice.CopyTo(liquidation.AsSpan(offset, count));
            offset += count;
        }

        return
        [
            ParquetWriteColumn.Int32("runIndex", run),
            ResultColumn.Time("time", time),
            ParquetWriteColumn.Double("equity", equity),
            ParquetWriteColumn.Double("positionNotional", notional),
            ParquetWriteColumn.Double("effectiveLeverage", leverage),
            ParquetWriteColumn.Double("marginRatio", marginRatio),
            ParquetWriteColumn.Double("liquidationPrice", liquidation),
        ];
    }

    private static ParquetWriteColumn AxisColumn(SweepAxis axis, int k, IReadOnlyList<RunOutcome> runs, SweepGrid grid)
    {
        int n = runs.Count;
        bool allNumbers = axis.Values.All(v => v.Kind == SpecValueKind.Number);
        bool allBooleans = axis.Values.All(v => v.Kind == SpecValueKind.Boolean);
        if (allNumbers)
        {
            var values = new double[n];
            for (int r = 0; r < n; r++)
            {
                values[r] = grid.Value(runs[r].Point.RunIndex, k).Number;
            }

            return ParquetWriteColumn.Double(axis.Name, values);
        }

        if (allBooleans)
        {
            var flags = new bool[n];
            for (int r = 0; r < n; r++)
            {
                flags[r] = grid.Value(runs[r].Point.RunIndex, k).Boolean;
            }

            return ParquetWriteColumn.Boolean(axis.Name, flags);
        }

        var text = new string?[n];
        for (int r = 0; r < n; r++)
        {
            text[r] = grid.Value(runs[r].Point.RunIndex, k).ToString();
        }

        return ParquetWriteColumn.String(axis.Name, text);
    }

    private static string CamelCase(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
