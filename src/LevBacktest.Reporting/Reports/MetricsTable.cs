using System.Globalization;

using LevBacktest.Reporting.Formatting;

namespace LevBacktest.Reporting.Reports;

/// <summary>The metrics table of the report: one row per run, the sweep parameters then the key metrics, as text.</summary>
internal static class MetricsTable
{
    /// <summary>The columns; money in <paramref name="unit"/> (USDT, or the coin of inverse contracts), and for inverse runs their USD figures too.</summary>
    private static (string Header, Func<ResultsRun, string> Format)[] Columns(string unit, bool inverse)
    {
        var columns = new List<(string Header, Func<ResultsRun, string> Format)>
        {
            ("Total return", r => ReportContext.Percent(r.Metric("totalReturn"))),
            ("CAGR", r => ReportContext.Percent(r.Metric("cagr"))),
            ("Max drawdown", r => PercentText.Format(r.Metric("maxDrawdown"), "0.#", plusSign: false)),
        };
        if (inverse)
        {
            // The same account valued in USD (coin equity × price): a 1x short is flat in USD while its coin equity swings.
            columns.Add(($"Final equity ({unit})", r => Number(r.Metric("finalEquity"), "0.####")));
            columns.Add(("Final equity (USD)", r => ReportContext.Money(r.UsdMetrics.GetValueOrDefault("finalEquityUsd", double.NaN))));
            columns.Add(("CAGR (USD)", r => ReportContext.Percent(r.UsdMetrics.GetValueOrDefault("cagrUsd", double.NaN))));
            columns.Add(("Max drawdown (USD)", r => PercentText.Format(r.UsdMetrics.GetValueOrDefault("maxDrawdownUsd", double.NaN), "0.#", plusSign: false)));
        }

        columns.AddRange(
        [
            ("Sharpe", r => Number(r.Metric("sharpe"), "0.00")),
            ("Liquidations", r => Number(r.Metric("liquidationCount"), "0")),
            ("First liquidation", r => double.IsFinite(r.Metric("firstLiquidationTime")) ? ReportContext.FormatDate((long)r.Metric("firstLiquidationTime")) : "–"),
            ($"Margin lost ({unit})", r => Money(r.Metric("marginLost"), inverse)),
            ($"Net funding paid ({unit})", r => Money(r.Metric("fundingPaid") - r.Metric("fundingReceived"), inverse)),
            ($"Funding paid ({unit})", r => Money(r.Metric("fundingPaid"), inverse)),
            ($"Funding received ({unit})", r => Money(r.Metric("fundingReceived"), inverse)),
            ($"Fees ({unit})", r => Money(r.Metric("feesPaid"), inverse)),
            ("Effective leverage", EffectiveLeverage),
            ("Avg eff. leverage", r => Number(r.Metric("averageEffectiveLeverage"), "0.00") + "×"),
            ("Leverage decay", r => r.Metric("finalEquity") <= 0 ? "undefined (equity 0)" : ReportContext.Percent(r.Metric("leverageDecay"))),
        ]);
        return [.. columns];
    }

    /// <summary>Whole USDT, or a coin to 6 decimals (fees of a 1-BTC account are fractions of a coin).</summary>
    private static string Money(double value, bool coin) => coin ? Number(value, "0.######") : ReportContext.Money(value);

    public static IReadOnlyList<string> Headers(ResultsFolder folder)
    {
        var headers = new List<string> { "Run" };
        headers.AddRange(folder.Axes.Select(a => a.Name));
        headers.AddRange(Columns(folder.MoneyUnit, folder.IsInverse).Select(c => c.Header));
        return headers;
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(ResultsFolder folder)
    {
        var columns = Columns(folder.MoneyUnit, folder.IsInverse);
        foreach (var run in folder.Runs)
        {
            var cells = new List<string> { run.RunIndex.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(folder.Axes.Select(a => run.Parameters.GetValueOrDefault(a.Name) ?? string.Empty));
            cells.AddRange(columns.Select(c => c.Format(run)));
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
