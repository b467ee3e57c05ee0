using System.Globalization;

using LevBacktest.Core.Metrics;
using LevBacktest.Core.MonteCarlo;

namespace LevBacktest.Cli;

/// <summary>
/// The table <c>levbt montecarlo</c> prints: per run its swept values, P(liquidation) with its 95 % Wilson interval, the
/// median and 5 % quantile of final equity, P(loss &gt; 50 %), and whether the historical run was liquidated.
/// </summary>
internal static class MonteCarloTablePrinter
{
    /// <summary>Writes right-aligned plain-text columns.</summary>
    /// <param name="outcome">The rows (all paths of this folder).</param>
    /// <param name="historical">Each run's metrics on the data itself.</param>
    /// <param name="output">Where it goes.</param>
    public static void Write(MonteCarloOutcome outcome, IReadOnlyList<RunMetrics> historical, TextWriter output)
    {
        var axes = outcome.Plan.Grid.Axes;
        var headers = new List<string> { "run" };
        bool leverageSwept = axes.Any(a => a.Name == "leverage");
        if (!leverageSwept)
        {
            headers.Add("leverage");
        }

        headers.AddRange(axes.Select(a => a.Name));
        headers.AddRange(["P(liquidation)", "95 % interval", "median final equity", "5 % final equity", "P(loss > 50 %)", "history"]);
        var rows = new List<string[]>();
        for (int r = 0; r < outcome.RunCount; r++)
        {
            var risk = RunRiskSummary.Compute(outcome.Rows, outcome.RunCount, r);
            var row = new List<string> { r.ToString(CultureInfo.InvariantCulture) };
            if (!leverageSwept)
            {
                row.Add(outcome.Plan.GetRun(r).Leverage.ToString(CultureInfo.InvariantCulture));
            }

            for (int k = 0; k < axes.Count; k++)
            {
                row.Add(outcome.Plan.Grid.Value(r, k).ToString());
            }

            var h = historical[r];
            row.Add(Percent(risk.LiquidationProbability));
            row.Add($"{Percent(risk.LiquidationProbabilityLower)} – {Percent(risk.LiquidationProbabilityUpper)}");
            row.Add(risk.FinalEquityQuantiles[2].ToString("#,##0.00", CultureInfo.InvariantCulture));
            row.Add(risk.FinalEquityQuantiles[0].ToString("#,##0.00", CultureInfo.InvariantCulture));
            row.Add(Percent(risk.ProbabilityLossOverHalf));
            row.Add(h.LiquidationCount > 0
                ? string.Create(CultureInfo.InvariantCulture, $"liquidated after {h.TimeToFirstLiquidationDays:0} d")
                : string.Create(CultureInfo.InvariantCulture, $"{h.TotalReturn * 100:+0.0;-0.0} %"));
            rows.Add([.. row]);
        }

        var widths = headers.Select((text, c) => Math.Max(text.Length, rows.Count == 0 ? 0 : rows.Max(row => row[c].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((text, c) => text.PadLeft(widths[c]))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((text, c) => text.PadLeft(widths[c]))));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"({outcome.PathCount:N0} paths; P(liquidation): share of paths liquidated at least once within the horizon; history: the same run on the data itself)"));
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
