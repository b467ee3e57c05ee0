using System.Globalization;

using LevBacktest.Reporting.Formatting;

namespace LevBacktest.Reporting.Reports;

/// <summary>The metrics table of the report: one row per run, the sweep parameters then the key metrics, as text.</summary>
internal static class MetricsTable
{
    private static readonly (string Header, Func<ResultsRun, string> Format)[] Columns =
    [
        ("Total return", r => ReportContext.Percent(r.Metric("totalReturn"))),
        ("CAGR", r => ReportContext.Percent(r.Metric("cagr"))),
        ("Max drawdown", r => PercentText.Format(r.Metric("maxDrawdown"), "0.#", plusSign: false)),
        ("Sharpe", r => Number(r.Metric("sharpe"), "0.00")),
        ("Liquidations", r => Number(r.Metric("liquidationCount"), "0")),
        ("First liquidation", r => double.IsFinite(r.Metric("firstLiquidationTime")) ? ReportContext.FormatDate((long)r.Metric("firstLiquidationTime")) : "–"),
        ("Margin lost (USDT)", r => ReportContext.Money(r.Metric("marginLost"))),
        ("Net funding paid (USDT)", r => ReportContext.Money(r.Metric("fundingPaid") - r.Metric("fundingReceived"))),
        ("Funding paid (USDT)", r => ReportContext.Money(r.Metric("fundingPaid"))),
        ("Funding received (USDT)", r => ReportContext.Money(r.Metric("fundingReceived"))),
        ("Fees (USDT)", r => ReportContext.Money(r.Metric("feesPaid"))),
        ("Effective leverage", EffectiveLeverage),
        ("Avg eff. leverage", r => Number(r.Metric("averageEffectiveLeverage"), "0.00") + "×"),
        ("Leverage decay", r => r.Metric("finalEquity") <= 0 ? "undefined (equity 0)" : ReportContext.Percent(r.Metric("leverageDecay"))),
    ];

    public static IReadOnlyList<string> Headers(ResultsFolder folder)
    {
        var headers = new List<string> { "Run" };
        headers.AddRange(folder.Axes.Select(a => a.Name));
        headers.AddRange(Columns.Select(c => c.Header));
        return headers;
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(ResultsFolder folder)
    {
        foreach (var run in folder.Runs)
        {
            var cells = new List<string> { run.RunIndex.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(folder.Axes.Select(a => run.Parameters.GetValueOrDefault(a.Name) ?? string.Empty));
            cells.AddRange(Columns.Select(c => c.Format(run)));
            yield return cells;
        }
    }

    /// <summary>The leverage orders were filled at after the tier table's cap, marked "(capped)" when it reduced or rejected any.</summary>
    private static string EffectiveLeverage(ResultsRun run)
    {
        string value = Number(run.EffectiveLeverage, "0.##") + "×";
        return run.OrdersCapped ? value + " (capped)" : value;
    }

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture).Replace('-', '−') : "n/a";
}
