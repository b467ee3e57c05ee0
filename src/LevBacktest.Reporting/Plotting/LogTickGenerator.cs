using ScottPlot;

namespace LevBacktest.Reporting.Plotting;

/// <summary>
/// Ticks for an axis whose coordinates are log10 of the values (ScottPlot has no log scale: the caller plots
/// log10(y), see <see cref="ChartStyle.UseLogAxis"/>). Majors at 1-2-5 × 10^k when the axis spans up to about
/// four decades, else at every decade (or every n-th when there are too many), minors at 2…9 × 10^k; on an
/// axis narrower than a factor of about 4, at 1-2-5 steps of the value itself. Labels show the value, not its
/// logarithm, through the given formatter.
/// </summary>
public sealed class LogTickGenerator : ITickGenerator
{
    private readonly Func<double, string> _format;

    /// <summary>Creates the generator.</summary>
    /// <param name="format">Label of a tick at value v (not log10 v); null for <see cref="ChartStyle.FormatNumber"/>.</param>
    public LogTickGenerator(Func<double, string>? format = null) => _format = format ?? ChartStyle.FormatNumber;

    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 1000;

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double low = Math.Min(range.Min, range.Max), high = Math.Max(range.Min, range.Max);
        if (!double.IsFinite(low) || !double.IsFinite(high) || high - low > 300)
        {
            Ticks = [];
            return;
        }

        // Room for about one label per 28 px vertically, 90 px horizontally.
        double room = edge is Edge.Left or Edge.Right ? size.Length / 28.0 : size.Length / 90.0;
        int wanted = Math.Max(2, (int)Math.Floor(room));
        Ticks = Generate(low, high, wanted, _format);
    }

    /// <summary>The ticks for log10 coordinates <paramref name="low"/>…<paramref name="high"/> with at most about <paramref name="wanted"/> labels.</summary>
    internal static Tick[] Generate(double low, double high, int wanted, Func<double, string> format)
    {
        double decades = high - low;
        var ticks = new List<Tick>();
        if (decades < 0.6)
        {
            // Narrower than a factor of 4: plain 1-2-5 steps of the value, placed at their logarithms.
            double from = Math.Pow(10, low), to = Math.Pow(10, high);
            double step = NiceStep((to - from) / Math.Max(2, Math.Min(wanted, 8)));
            for (double v = Math.Ceiling(from / step) * step; v <= to * (1 + 1e-12); v += step)
            {
                ticks.Add(Tick.Major(Math.Log10(v), format(RoundTo(v, step))));
            }

            return [.. ticks];
        }

        int first = (int)Math.Floor(low), last = (int)Math.Ceiling(high);
        double[] mantissas = decades <= 1.3 ? [1, 2, 3, 5, 7] : decades * 3 <= wanted ? [1, 2, 5] : [1];
        int every = Math.Max(1, (int)Math.Ceiling(decades * mantissas.Length / wanted));
        if (mantissas.Length > 1 && every > 1)
        {
            mantissas = [1];
            every = Math.Max(1, (int)Math.Ceiling(decades / wanted));
        }

        for (int k = first; k <= last; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position < low - 1e-9 || position > high + 1e-9)
                {
                    continue;
                }

                bool major = Array.IndexOf(mantissas, (double)m) >= 0 && (m != 1 || ((k % every) + every) % every == 0);
                double value = m * Math.Pow(10, k);
                ticks.Add(major ? Tick.Major(position, format(value)) : Tick.Minor(position));
            }
        }

        return [.. ticks];
    }

    /// <summary>1, 2 or 5 × 10^k, the smallest at least <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static double RoundTo(double value, double step) => Math.Round(value / step) * step;
}
