using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>funding.png: cumulative funding paid (received negative) per run, and the funding rate.</summary>
internal static class FundingChart
{
    public const string Name = "funding";

    public const string Title = "Funding";

    public static ChartFigure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure(2, 1);
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = $"{folder.Experiment}: funding";
        figure.Subtitle = $"{context.DataLine} · {context.LineRunsShort}{windowNote}";
        var top = figure[0, 0];
        var bottom = figure[1, 0];
        foreach (var panel in figure.Panels)
        {
            ChartStyle.UseTimeAxis(panel.Axes.Bottom);
            ReportContext.LimitTime(panel.Axes.Bottom, window);
        }

        top.Title("Cumulative net funding paid by the account (paid − received; negative = net received)", ChartStyle.TitleSize);
        top.YLabel($"Cumulative net funding paid ({context.MoneyUnit})");
        ChartStyle.UseNumberTicks(top.Axes.Left);
        bottom.YLabel("Funding rate (% per interval)");
        ChartStyle.UsePercentTicks(bottom.Axes.Left);
        bottom.XLabel("Time (UTC)");
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            var settlements = folder.FundingOf(run.RunIndex);
            var curve = folder.EquityOf(run.RunIndex);
            int active = context.ActiveLength(run.RunIndex);

            // Start at zero at the first bar, step through the settlements, hold to the run's last active bar.
            var times = new List<long>(settlements.Count + 2);
            var cumulative = new List<double>(settlements.Count + 2);
            double sum = 0;
            if (active > 0)
            {
                times.Add(curve.TimeMs.Span[0]);
                cumulative.Add(0);
            }

            foreach (var s in settlements)
            {
                if (times.Count > 0 && s.TimeMs < times[^1])
                {
                    continue;
                }

                sum += s.Payment;
                times.Add(s.TimeMs);
                cumulative.Add(sum);
            }

            if (active > 0 && curve.TimeMs.Span[active - 1] > times[^1])
            {
                times.Add(curve.TimeMs.Span[active - 1]);
                cumulative.Add(sum);
            }

            string label = $"{context.Label(run)}  net {(sum >= 0 ? "paid" : "received")} {ReportContext.Money(Math.Abs(sum))} {context.MoneyUnit}";
            context.AddRunLine(top, k, ChartStyle.TimeCoordinates(times.ToArray()), cumulative.ToArray(), label, 2);
        }

        top.Add.HorizontalLine(0, 1, ChartColors.ReferenceGray);
        top.ShowLegend(Edge.Right);

        // The rate is market data: from the funding file when it is still there, else from the settlements.
        long[] rateTimes;
        double[] rateValues;
        string source;
        if (context.Prices is { FundingTimeMs.Length: > 0 } prices)
        {
            rateTimes = prices.FundingTimeMs;
            rateValues = prices.FundingRate;
            source = "every funding event of the data";
        }
        else
        {
            int busiest = -1, busiestCount = -1;
            var counts = folder.FundingCountsByRun();
            foreach (var run in folder.Runs)
            {
                int count = counts.GetValueOrDefault(run.RunIndex);
                if (count > busiestCount)
                {
                    busiest = run.RunIndex;
                    busiestCount = count;
                }
            }

            var rates = folder.FundingOf(busiest);
            rateTimes = rates.Select(r => r.TimeMs).ToArray();
            rateValues = rates.Select(r => r.Rate).ToArray();
            source = $"settlements while run {busiest} held a position (funding file unavailable)";
        }

        bottom.Title($"Funding rate ({source})", ChartStyle.TitleSize);
        if (rateTimes.Length > 0)
        {
            var x = ChartStyle.TimeCoordinates(rateTimes);
            ChartStyle.AddBand(bottom, x, new double[x.Length], rateValues, ChartColors.Blue.WithAlpha(0.2));
            ChartStyle.AddLine(bottom, x, rateValues, "Funding rate", ChartColors.Blue, 1);
        }

        bottom.Add.HorizontalLine(0, 1, ChartColors.ReferenceGray);
        caption = $"Top: running sum of net funding payments (paid − received) of {context.LineRunsDescription} ({context.MoneyUnit}, positive = paid by the account: longs pay shorts when the rate is positive), up to each run's end. Bottom: the funding rate, as a fraction of notional per funding interval shown in percent (Binance's rate is 0.01 % per 8 h when the premium is zero).";
        return figure;
    }
}
