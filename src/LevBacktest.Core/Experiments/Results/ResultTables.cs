using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;
using LevBacktest.Parquet;
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
            columns.Add(NullableDouble(RunMetrics.Names[m], values[m]));
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
    {
        ArgumentNullException.ThrowIfNull(outcome);
        int n = Total(outcome, r => r.Trades.Count);
        var run = new int[n];
        var entryTime = new long[n];
        var entryBar = new int[n];
        var entryPrice = new double[n];
        var exitTime = new long[n];
        var exitBar = new int[n];
        var exitPrice = new double[n];
        var side = new int[n];
        var entryQuantity = new double[n];
        var exitQuantity = new double[n];
        var fees = new double[n];
        var funding = new double[n];
        var realized = new double[n];
        var marginLost = new double[n];
        var net = new double[n];
        var reason = new string?[n];
        int i = 0;
        foreach (var outcomeRun in outcome.Runs)
        {
            foreach (var t in outcomeRun.Result.Trades)
            {
                run[i] = outcomeRun.Point.RunIndex;
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
                funding[i] = t.FundingPaid;
                realized[i] = t.RealizedPnl;
                marginLost[i] = t.MarginLost;
                net[i] = t.NetPnl;
                reason[i] = CamelCase(t.ExitReason.ToString());
                i++;
            }
        }

        return
        [
            ParquetWriteColumn.Int32("runIndex", run),
            Time("entryTime", entryTime),
            ParquetWriteColumn.Int32("entryBar", entryBar),
            NullableDouble("entryPrice", entryPrice),
            Time("exitTime", exitTime),
            ParquetWriteColumn.Int32("exitBar", exitBar),
            NullableDouble("exitPrice", exitPrice),
            ParquetWriteColumn.Int32("side", side),
            NullableDouble("entryQuantity", entryQuantity),
            NullableDouble("exitQuantity", exitQuantity),
            NullableDouble("fees", fees),
            NullableDouble("fundingPaid", funding),
            NullableDouble("realizedPnl", realized),
            NullableDouble("marginLost", marginLost),
            NullableDouble("netPnl", net),
            ParquetWriteColumn.String("exitReason", reason),
        ];
    }

    /// <summary>
    /// <c>liquidations.parquet</c>, one row per liquidation: runIndex, time (open time of the bar), bar,
    /// markPrice, liquidationPrice, bankruptcyPrice (USDT), side, quantity (base units), marginLost and
    /// clearanceFee (USDT).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Liquidations(ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        int n = Total(outcome, r => r.Liquidations.Count);
        var run = new int[n];
        var time = new long[n];
        var bar = new int[n];
        var mark = new double[n];
        var liquidation = new double[n];
        var bankruptcy = new double[n];
        var side = new int[n];
        var quantity = new double[n];
        var lost = new double[n];
        var clearance = new double[n];
        int i = 0;
        foreach (var outcomeRun in outcome.Runs)
        {
            foreach (var l in outcomeRun.Result.Liquidations)
            {
                run[i] = outcomeRun.Point.RunIndex;
                time[i] = l.TimeMs;
                bar[i] = l.Bar;
                mark[i] = l.MarkPrice;
                liquidation[i] = l.LiquidationPrice;
                bankruptcy[i] = l.BankruptcyPrice;
                side[i] = l.Side;
                quantity[i] = l.Quantity;
                lost[i] = l.MarginLost;
                clearance[i] = l.ClearanceFee;
                i++;
            }
        }

        return
        [
            ParquetWriteColumn.Int32("runIndex", run),
            Time("time", time),
            ParquetWriteColumn.Int32("bar", bar),
            NullableDouble("markPrice", mark),
            NullableDouble("liquidationPrice", liquidation),
            NullableDouble("bankruptcyPrice", bankruptcy),
            ParquetWriteColumn.Int32("side", side),
            NullableDouble("quantity", quantity),
            NullableDouble("marginLost", lost),
            NullableDouble("clearanceFee", clearance),
        ];
    }

    /// <summary>
    /// <c>funding.parquet</c>, one row per funding settlement on an open position: runIndex, time
    /// (settlement time), bar, rate (fraction), markPrice (USDT), side, quantity (base units), payment
    /// (USDT, positive = paid by the account, negative = received).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Funding(ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        int n = Total(outcome, r => r.FundingPayments.Count);
        var run = new int[n];
        var time = new long[n];
        var bar = new int[n];
        var rate = new double[n];
        var mark = new double[n];
        var side = new int[n];
        var quantity = new double[n];
        var payment = new double[n];
        int i = 0;
        foreach (var outcomeRun in outcome.Runs)
        {
            foreach (var f in outcomeRun.Result.FundingPayments)
            {
                run[i] = outcomeRun.Point.RunIndex;
                time[i] = f.TimeMs;
                bar[i] = f.Bar;
                rate[i] = f.Rate;
                mark[i] = f.MarkPrice;
                side[i] = f.Side;
                quantity[i] = f.Quantity;
                payment[i] = f.Payment;
                i++;
            }
        }

        return
        [
            ParquetWriteColumn.Int32("runIndex", run),
            Time("time", time),
            ParquetWriteColumn.Int32("bar", bar),
            NullableDouble("rate", rate),
            NullableDouble("markPrice", mark),
            ParquetWriteColumn.Int32("side", side),
            NullableDouble("quantity", quantity),
            NullableDouble("payment", payment),
        ];
    }

    /// <summary>
    /// <c>stops.parquet</c>, one row per stop or take-profit fill: runIndex, time, bar, kind (stop,
    /// takeProfit), triggerPrice, fillPrice (USDT), gap (true when the bar opened beyond the trigger).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    public static IReadOnlyList<ParquetWriteColumn> Stops(ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        int n = Total(outcome, r => r.StopEvents.Count);
        var run = new int[n];
        var time = new long[n];
        var bar = new int[n];
        var kind = new string?[n];
        var trigger = new double[n];
        var fill = new double[n];
        var gap = new bool[n];
        int i = 0;
        foreach (var outcomeRun in outcome.Runs)
        {
            foreach (var s in outcomeRun.Result.StopEvents)
            {
                run[i] = outcomeRun.Point.RunIndex;
                time[i] = s.TimeMs;
                bar[i] = s.Bar;
                kind[i] = CamelCase(s.Kind.ToString());
                trigger[i] = s.TriggerPrice;
                fill[i] = s.FillPrice;
                gap[i] = s.Gap;
                i++;
            }
        }

        return
        [
            ParquetWriteColumn.Int32("runIndex", run),
            Time("time", time),
            ParquetWriteColumn.Int32("bar", bar),
            ParquetWriteColumn.String("kind", kind),
            NullableDouble("triggerPrice", trigger),
            NullableDouble("fillPrice", fill),
            ParquetWriteColumn.Boolean("gap", gap),
        ];
    }

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
        var runs = outcome.Runs;
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
            Time("time", time),
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

    private static int Total(ExperimentOutcome outcome, Func<RunResult, int> count)
    {
        long total = 0;
        foreach (var run in outcome.Runs)
        {
            total += count(run.Result);
        }

        return checked((int)total);
    }

    private static ParquetWriteColumn Time(string name, long[] milliseconds)
        => ParquetWriteColumn.Timestamp(name, milliseconds, ParquetTimeUnit.Millis);

    /// <summary>A DOUBLE column whose NaN entries are written as null, so Parquet agrees with summary.json.</summary>
    private static ParquetWriteColumn NullableDouble(string name, double[] values)
    {
        bool[]? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                validity ??= CreateAllTrue(values.Length);
                validity[i] = false;
            }
        }

        return ParquetWriteColumn.Double(name, values, validity);
    }

    private static bool[] CreateAllTrue(int length)
    {
        var flags = new bool[length];
        Array.Fill(flags, true);
        return flags;
    }

    private static string CamelCase(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
