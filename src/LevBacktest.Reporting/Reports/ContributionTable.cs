using System.Globalization;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// The portfolio section of the report: the account's rules, where an instrument had no bar, and one row per run
/// and instrument with its contribution (which add up, per run, to final equity − initial capital).
/// </summary>
internal static class ContributionTable
{
    /// <summary>Sentences about the portfolio (rules, bars without data); empty for a single instrument.</summary>
    public static IEnumerable<string> Facts(ResultsFolder folder)
    {
        if (folder.Portfolio is not { } portfolio)
        {
            yield break;
        }

        yield return $"Portfolio of {portfolio.Symbols.Count} instruments ({string.Join(", ", portfolio.Symbols)}) in one {portfolio.MarginMode}-margin account settled in {portfolio.SettlementAsset}: {portfolio.Sizing} weights of the account's target gross leverage (Σ notional / equity), rebalancing {portfolio.Rebalancing}. The metrics above are the account's.";
        for (int k = 0; k < portfolio.Symbols.Count; k++)
        {
            var spans = portfolio.NoBarSpans[k];
            if (spans.Count == 0)
            {
                continue;
            }

            string where = string.Join(", ", spans.Take(5).Select(s => string.Create(CultureInfo.InvariantCulture, $"{FormatTime(s.FromMs)} to {FormatTime(s.ToMs)} ({s.BarCount:N0} bars)")));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{portfolio.Symbols[k]} had no bar at {spans.Sum(s => s.BarCount):N0} bars of the clock: {where}{(spans.Count > 5 ? $" and {spans.Count - 5} more spans (summary.json portfolio.instruments[{k}].noBarSpans)" : string.Empty)}. There it did not trade, was marked at its last mark price and settled no funding.");
        }
    }

    public static IReadOnlyList<string> Headers(ResultsFolder folder)
    {
        string unit = folder.MoneyUnit;
        return ["Run", "Point", "Instrument", $"Contribution ({unit})", $"Realized PnL ({unit})", $"Unrealized PnL ({unit})", $"Fees ({unit})", $"Net funding paid ({unit})", $"Margin lost ({unit})", "Liquidations"];
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(ResultsFolder folder)
    {
        foreach (var run in folder.Runs)
        {
            foreach (var part in run.Contributions)
            {
                yield return
                [
                    run.RunIndex.ToString(CultureInfo.InvariantCulture),
                    folder.LabelOf(run),
                    part.Symbol,
                    Money(folder, part.ProfitAndLoss),
                    Money(folder, part.RealizedPnl),
                    Money(folder, part.UnrealizedPnl),
                    Money(folder, part.FeesPaid),
                    Money(folder, part.FundingPaid),
                    Money(folder, part.MarginLost),
                    part.LiquidationCount.ToString(CultureInfo.InvariantCulture),
                ];
            }
        }
    }

    /// <summary>Columns that hold numbers (right-aligned): all but point and instrument.</summary>
    public static bool IsNumeric(int column) => column is not (1 or 2);

    private static string Money(ResultsFolder folder, double value) => folder.IsInverse
        ? (double.IsFinite(value) ? value.ToString("0.######", CultureInfo.InvariantCulture).Replace('-', '−') : "n/a")
        : ReportContext.Money(value);

    private static string FormatTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
