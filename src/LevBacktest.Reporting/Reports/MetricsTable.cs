using System.Globalization;

namespace LevBacktest.Reporting.Reports;

/// <summary>The metrics table of the report: one row per run, the sweep parameters then the key metrics, as text.</summary>
internal static class MetricsTable
{
    private static readonly (string Header, string Metric, Func<double, string> Format)[] Columns =
    [
        ("Total return", "totalReturn", v => ReportContext.Percent(v)),
        ("CAGR", "cagr", v => ReportContext.Percent(v)),
        ("Max drawdown", "maxDrawdown", v => double.IsFinite(v) ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "n/a"),
        ("Sharpe", "sharpe", v => Number(v, "0.00")),
        ("Liquidations", "liquidationCount", v => Number(v, "0")),
        ("First liquidation", "firstLiquidationTime", v => double.IsFinite(v) ? ReportContext.FormatDate((long)v) : "–"),
        ("Margin lost (USDT)", "marginLost", ReportContext.Money),
        ("Funding paid (USDT)", "fundingPaid", ReportContext.Money),
        ("Funding received (USDT)", "fundingReceived", ReportContext.Money),
        ("Fees (USDT)", "feesPaid", ReportContext.Money),
        ("Avg eff. leverage", "averageEffectiveLeverage", v => Number(v, "0.00") + "×"),
        ("Leverage decay", "leverageDecay", v => ReportContext.Percent(v)),
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
            cells.AddRange(Columns.Select(c => c.Format(run.Metric(c.Metric))));
            yield return cells;
        }
    }

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture).Replace('-', '−') : "n/a";
}
