using System.Globalization;

using LevBacktest.Core.Experiments;
using LevBacktest.Reporting.Formatting;

namespace LevBacktest.Cli;

/// <summary>
/// The table <c>levbt run</c> ends with: per run its index and swept values, total return, CAGR, max
/// drawdown, Sharpe, liquidations, net funding paid (paid − received) and fees, after the effective leverage
/// (the largest leverage orders were filled at once the tier table capped them) and the number of orders the
/// table reduced or rejected.
/// </summary>
internal static class RunSummaryTable
{
    /// <summary>Rows printed before the table is cut short (runs.parquet always has them all).</summary>
    internal const int MaxPrintedRows = 250;

    /// <summary>The fixed metric columns after the swept values.</summary>
    internal static readonly string[] MetricHeaders = ["effective leverage", "capped orders", "total return", "CAGR", "max drawdown", "Sharpe", "liquidations", "net funding paid (USDT)", "fees (USDT)"];

    /// <summary>Writes the table as right-aligned plain-text columns (never wrapped, so it stays readable in
    /// narrow terminals, logs and pipes, and can be parsed by splitting on runs of spaces).</summary>
    /// <param name="outcome">The runs.</param>
    /// <param name="output">Where it goes.</param>
    public static void Write(ExperimentOutcome outcome, TextWriter output)
    {
        // Only the rows printed are formatted: a 10,000-run sweep would format 120,000 numbers to print 250 rows.
        var (headers, rows) = Build(outcome, MaxPrintedRows);
        int shown = rows.Count;
        var widths = new int[headers.Length];
        for (int c = 0; c < headers.Length; c++)
        {
            widths[c] = headers[c].Length;
            for (int r = 0; r < shown; r++)
            {
                widths[c] = Math.Max(widths[c], rows[r][c].Length);
            }
        }

        output.WriteLine(string.Join("  ", headers.Select((h, c) => h.PadLeft(widths[c]))));
        for (int r = 0; r < shown; r++)
        {
            output.WriteLine(string.Join("  ", rows[r].Select((v, c) => v.PadLeft(widths[c]))));
        }

        if (shown < outcome.Runs.Count)
        {
            output.WriteLine($"({outcome.Runs.Count - shown} more runs not shown; every run is in runs.parquet and summary.json)");
        }
    }

    /// <summary>The headers and formatted rows (one per run, ascending run index, the first <paramref name="maxRows"/> runs).</summary>
    /// <param name="outcome">The runs.</param>
    /// <param name="maxRows">Rows to format, ≥ 0 (the rest are left out).</param>
    internal static (string[] Headers, List<string[]> Rows) Build(ExperimentOutcome outcome, int maxRows = int.MaxValue)
    {
        var axes = outcome.Plan.Grid.Axes;
        var headers = new string[1 + axes.Count + MetricHeaders.Length];
        headers[0] = "run";
        for (int k = 0; k < axes.Count; k++)
        {
            headers[1 + k] = axes[k].Name;
        }

        MetricHeaders.CopyTo(headers, 1 + axes.Count);
        if (outcome.Plan.Spec.Instrument.Contract == "inverse")
        {
            // An inverse contract's money is the coin (its USD figures are under usdMetrics in summary.json).
            for (int c = 1 + axes.Count; c < headers.Length; c++)
            {
                headers[c] = headers[c].Replace("(USDT)", "(coin)", StringComparison.Ordinal);
            }
        }

        var rows = new List<string[]>(Math.Min(outcome.Runs.Count, maxRows));
        foreach (var run in outcome.Runs.Take(maxRows))
        {
            var m = run.Result.Metrics;
            var row = new string[headers.Length];
            row[0] = run.Point.RunIndex.ToString(CultureInfo.InvariantCulture);
            for (int k = 0; k < axes.Count; k++)
            {
                row[1 + k] = outcome.Plan.Grid.Value(run.Point.RunIndex, k).ToString();
            }

            int c = 1 + axes.Count;
            row[c++] = run.Result.Metrics.TradeCount > 0 ? Number(m.MaxOrderLeverage, "0.##") : "-";
            row[c++] = (run.Result.ReducedOrders + run.Result.RejectedOrders).ToString(CultureInfo.InvariantCulture);
            row[c++] = Percent(m.TotalReturn);
            row[c++] = Percent(m.Cagr);
            row[c++] = Percent(m.MaxDrawdown);
            row[c++] = Number(m.Sharpe, "0.00");
            row[c++] = Number(m.LiquidationCount, "0");
            row[c++] = Number(m.FundingPaid - m.FundingReceived, "#,##0.00");
            row[c] = Number(m.FeesPaid, "#,##0.00");
            rows.Add(row);
        }

        return (headers, rows);
    }

    private static string Percent(double fraction) => PercentText.Format(fraction, "0.00", plusSign: false, asciiMinus: true);

    private static string Number(double value, string format) => double.IsFinite(value)
        ? value.ToString(format, CultureInfo.InvariantCulture)
        : "n/a";
}
