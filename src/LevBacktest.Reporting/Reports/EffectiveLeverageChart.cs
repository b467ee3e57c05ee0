using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// effective-leverage.png: effective leverage (notional / equity) and margin ratio (maintenance margin /
/// margin balance, 100 % = liquidation) over time — how far a fixed-quantity position drifts from the
/// leverage it was opened at.
/// </summary>
internal static class EffectiveLeverageChart
{
    public const string Name = "effective-leverage";

    public const string Title = "Effective leverage and margin ratio";

    public static Figure Create(ReportContext context, out string caption)
    {
        var folder = context.Folder;
        var figure = context.NewFigure(2, 1);
        figure.Title = $"{folder.Experiment}: leverage drift";
        var window = context.ActiveWindow(out string windowNote);
        // When the sweep varies the sizing rule, the first run's rule is not "the" sizing: each legend entry names its own.
        bool sizingSwept = folder.Axes.Any(a => a.Count > 1 && ResultsFolder.ShortAxisName(a.Name) == "sizing");
        string sizing = sizingSwept ? string.Empty : $" · sizing {context.SizingName}";
        figure.Subtitle = $"{context.DataLine}{sizing} · {context.LineRunsShort}{windowNote}";
        ReportContext.LimitTime(figure[1, 0].XAxis, window);
        ReportContext.LimitTime(figure[0, 0].XAxis, window);
        var top = figure[0, 0];
        var bottom = figure[1, 0];
        top.Title = "Effective leverage = position notional / equity (gaps = flat)";
        top.YAxis.Label = "Effective leverage";
        top.YAxis.Unit = "×, log";
        top.YAxis.Scale = AxisScale.Log;
        bottom.Title = "Margin ratio = maintenance margin / margin balance (100 % = liquidation)";
        bottom.YAxis.Label = "Margin ratio";
        bottom.YAxis.Unit = "%";
        bottom.YAxis.Format = AxisFormat.Percent;
        bottom.YAxis.IncludeZero = true;
        bottom.XAxis.Label = "Time";
        bottom.XAxis.Unit = "UTC";
        double highest = 0;
        for (int k = 0; k < context.LineRuns.Count; k++)
        {
            var run = context.LineRuns[k];
            var curve = folder.EquityOf(run.RunIndex);
            int active = context.ActiveLength(run.RunIndex);
            var leverage = curve.EffectiveLeverage.Span[..active];
            var ratio = curve.MarginRatio.Span[..active];
            var y = new double[leverage.Length];
            var m = new double[ratio.Length];
            for (int i = 0; i < y.Length; i++)
            {
                bool open = curve.PositionNotional.Span[i] > 0 && leverage[i] > 0 && double.IsFinite(leverage[i]);
                y[i] = open ? leverage[i] : double.NaN;
                m[i] = open && double.IsFinite(ratio[i]) ? Math.Min(ratio[i], 1.0) : double.NaN;
                if (open)
                {
                    highest = Math.Max(highest, leverage[i]);
                }
            }

            var style = context.LineStyleOf(k, 1.8);
            string label = $"{context.Label(run)}  mean {run.Metric("averageEffectiveLeverage"):0.#}×";
            top.AddLine(curve.TimeMs.Span[..active], y, label, style);
            bottom.AddLine(curve.TimeMs.Span[..active], m, null, style);
        }

        if (highest > 0)
        {
            // Runs liquidated near the end spike to huge leverage; cap the view at 4× the highest tested leverage.
            double tested = context.LineRuns.Max(r => double.IsFinite(r.Leverage) ? r.Leverage : 0);
            if (tested > 0 && highest > tested * 4)
            {
                top.YAxis.Maximum = tested * 4;
                top.Title += $" · axis cut at {ReportContext.LeverageText(tested * 4)}, higher spikes run off the top";
            }
        }

        bottom.AddHorizontalLine(1.0, "Liquidation", new LineStyle(Palette.Vermillion, 1.5, LineDash.Dashed));
        bottom.YAxis.Maximum = 1.05;
        bottom.Legend = LegendPosition.Auto;
        top.Legend = LegendPosition.Auto;
        caption = $"Effective leverage and margin ratio at every bar close while a position is open, for {context.LineRunsDescription}. A fixed-quantity position's leverage rises as the price falls and falls as it rises; the margin ratio reaching 100 % is a liquidation.";
        return figure;
    }
}
