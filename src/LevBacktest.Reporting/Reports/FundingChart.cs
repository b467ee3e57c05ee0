using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>funding.png: cumulative funding paid (received negative) per run, and the funding rate.</summary>
internal static class FundingChart
{
    public const string Name = "funding";

    public const string Title = "Funding";

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure(2, 1);
        var window = context.ActiveWindow(out string windowNote);
        figure.Title = $"{folder.Experiment}: funding";
        figure.Subtitle = $"{context.DataLine} · {context.LineRunsShort}{windowNote}";
        var top = figure[0, 0];
        var bottom = figure[1, 0];
        ReportContext.LimitTime(top.XAxis, window);
        ReportContext.LimitTime(bottom.XAxis, window);
        top.Title = "Cumulative funding paid by the account (negative = received)";
        top.YAxis.Label = "Cumulative funding paid";
        top.YAxis.Unit = "USDT";
        top.YAxis.IncludeZero = true;
        bottom.YAxis.Label = "Funding rate";
        bottom.YAxis.Unit = "% per interval";
        bottom.YAxis.Format = AxisFormat.Percent;
        bottom.XAxis.Label = "Time";
        bottom.XAxis.Unit = "UTC";
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

            string label = $"{context.Label(run)}  {(sum >= 0 ? "paid" : "received")} {ReportContext.Money(Math.Abs(sum))} USDT";
            top.AddLine(times.ToArray(), cumulative.ToArray(), label, new LineStyle(ReportContext.RunColor(k, context.LineRuns.Count), 2));
        }

        top.AddHorizontalLine(0, null, new LineStyle(Color.Gray, 1));
        top.Legend = LegendPosition.Auto;

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
            foreach (var run in folder.Runs)
            {
                int count = folder.FundingOf(run.RunIndex).Count;
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

        bottom.Title = $"Funding rate ({source})";
        if (rateTimes.Length > 0)
        {
            bottom.AddArea(rateTimes, rateValues, 0, null, Palette.Blue.WithAlpha(0.2));
            bottom.AddLine(rateTimes, rateValues, "Funding rate", new LineStyle(Palette.Blue, 1));
        }

        bottom.AddHorizontalLine(0, null, new LineStyle(Color.Gray, 1));
        bottom.Legend = LegendPosition.None;
        caption = $"Top: running sum of funding payments of {context.LineRunsDescription} (USDT, positive = paid by the account: longs pay shorts when the rate is positive), up to each run's end. Bottom: the funding rate, as a fraction of notional per funding interval shown in percent (Binance's rate is 0.01 % per 8 h when the premium is zero).";
        return figure;
    }
}
