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
        figure.Title = $"{folder.Experiment}: funding";
        figure.Subtitle = $"{context.DataLine} · {folder.Funding.Count:N0} settlements on open positions · {context.LineRunsShort}";
        var top = figure[0, 0];
        var bottom = figure[1, 0];
        top.Title = "Cumulative funding paid (negative = received)";
        top.YAxis.Label = "Cumulative funding paid";
        top.YAxis.Unit = "USDT";
        top.YAxis.IncludeZero = true;
        bottom.Title = "Funding rate at each settlement";
        bottom.YAxis.Label = "Funding rate";
        bottom.YAxis.Unit = "% per interval";
        bottom.YAxis.Format = AxisFormat.Percent;
        bottom.XAxis.Label = "Time";
        bottom.XAxis.Unit = "UTC";
        long first = long.MaxValue, last = long.MinValue;
        int busiest = -1, busiestCount = 0;
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            var settlements = folder.FundingOf(run.RunIndex);
            var curve = folder.EquityOf(run.RunIndex);
            if (curve.Count > 0)
            {
                first = Math.Min(first, curve.TimeMs.Span[0]);
                last = Math.Max(last, curve.TimeMs.Span[^1]);
            }

            if (settlements.Count > busiestCount)
            {
                busiest = run.RunIndex;
                busiestCount = settlements.Count;
            }

            // Start at zero at the first bar, step through the settlements, hold to the last bar.
            var times = new List<long>(settlements.Count + 2);
            var cumulative = new List<double>(settlements.Count + 2);
            double sum = 0;
            if (curve.Count > 0)
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

            if (curve.Count > 0 && curve.TimeMs.Span[^1] > times[^1])
            {
                times.Add(curve.TimeMs.Span[^1]);
                cumulative.Add(sum);
            }

            string label = $"{folder.LabelOf(run)}  net {ReportContext.Money(sum)} USDT";
            top.AddLine(times.ToArray(), cumulative.ToArray(), label, new LineStyle(ReportContext.RunColor(k, context.LineRuns.Count), 2));
        }

        top.AddHorizontalLine(0, null, new LineStyle(Color.Gray, 1));
        top.Legend = LegendPosition.Auto;

        // The rate is market data, the same for every run: draw it from the run that held a position longest.
        if (busiest < 0)
        {
            foreach (var run in folder.Runs)
            {
                int count = folder.FundingOf(run.RunIndex).Count;
                if (count > busiestCount)
                {
                    busiest = run.RunIndex;
                    busiestCount = count;
                }
            }
        }

        if (busiest >= 0)
        {
            var rates = folder.FundingOf(busiest);
            var rateTimes = rates.Select(r => r.TimeMs).ToArray();
            var rateValues = rates.Select(r => r.Rate).ToArray();
            bottom.AddLine(rateTimes, rateValues, "Funding rate", new LineStyle(Palette.Blue, 1.2));
            bottom.AddArea(rateTimes, rateValues, 0, null, Palette.Blue.WithAlpha(0.18));
            bottom.AddHorizontalLine(0, null, new LineStyle(Color.Gray, 1));
            bottom.Legend = LegendPosition.None;
        }

        if (first <= last)
        {
            top.XAxis.SetLimits(first, last);
            bottom.XAxis.SetLimits(first, last);
        }

        caption = $"Top: running sum of funding payments of {context.LineRunsDescription} (USDT, positive = paid by the account: longs pay when the rate is positive). Bottom: the funding rate at each settlement while a position was open (fraction per funding interval, shown in percent).";
        return figure;
    }
}
