using System.Globalization;

using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Reports;

/// <summary>Everything the chart builders share: the folder, the prices, the options and the chosen runs.</summary>
internal sealed class ReportContext
{
    public ReportContext(ResultsFolder folder, PriceHistory? prices, ReportOptions options)
    {
        Folder = folder;
        Prices = prices;
        Options = options;
        LineRuns = RunSelection.ForLines(folder, options.MaxLines, out string description);
        LineRunsDescription = description;
        FocusRun = RunSelection.Focus(folder, options.RunIndex);
    }

    public ResultsFolder Folder { get; }

    public PriceHistory? Prices { get; }

    public ReportOptions Options { get; }

    /// <summary>Runs drawn as lines, ascending leverage (then run index).</summary>
    public IReadOnlyList<ResultsRun> LineRuns { get; }

    /// <summary>"all 5 runs" or "8 of 21 runs: 1×, 2×, … (spread across the grid, liquidated and extreme ones kept)".</summary>
    public string LineRunsDescription { get; }

    /// <summary>"8 of 21 runs shown" or "all 5 runs", for subtitles.</summary>
    public string LineRunsShort => LineRuns.Count < Folder.Runs.Count ? $"{LineRuns.Count} of {Folder.Runs.Count} runs shown (see report)" : LineRunsDescription;

    /// <summary>The run of the price panel.</summary>
    public ResultsRun FocusRun { get; }

    public Figure NewFigure(int rows = 1, int columns = 1) => new(Options.Width, Options.Height, rows, columns);

    /// <summary>"BTCUSDT · 1h bars · 2023-01-01 → 2024-12-30 · isolated" for subtitles.</summary>
    public string DataLine
    {
        get
        {
            var data = Folder.Data;
            return $"{data.Symbol} · {FormatInterval(data.BarIntervalMs)} bars · {ShortDate(data.FirstBarOpenTime)} → {ShortDate(data.LastBarOpenTime)}";
        }
    }

    /// <summary>Colour of line run <paramref name="index"/> of <paramref name="count"/>: a dark-to-light ramp by leverage.</summary>
    public static Color RunColor(int index, int count)
    {
        if (count <= 1)
        {
            return Palette.Blue;
        }

        // Viridis without its pale yellow end, which vanishes on white: dark = low leverage, green = high.
        return ColorMap.Viridis.Map(0.05 + (0.8 * index / (count - 1)));
    }

    public Color ColorOf(ResultsRun run)
    {
        for (int i = 0; i < LineRuns.Count; i++)
        {
            if (LineRuns[i].RunIndex == run.RunIndex)
            {
                return RunColor(i, LineRuns.Count);
            }
        }

        return Palette.Black;
    }

    public static string FormatInterval(long ms) => ms switch
    {
        _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
        _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
        _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
        _ => $"{ms} ms",
    };

    public static string ShortDate(string iso) => iso.Length >= 10 ? iso[..10] : iso;

    public static string FormatDate(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(double fraction, string format = "0.#") => double.IsFinite(fraction)
        ? (fraction >= 0 ? "+" : "−") + Math.Abs(fraction * 100).ToString(format, CultureInfo.InvariantCulture) + " %"
        : "n/a";

    public static string Money(double value) => double.IsFinite(value)
        ? (value < 0 ? "−" : string.Empty) + Math.Abs(value).ToString("#,0", CultureInfo.InvariantCulture)
        : "n/a";

    /// <summary>Spec value of a sizing name, e.g. "fixed-leverage", from the first run's strategy line.</summary>
    public string SizingName
    {
        get
        {
            string strategy = Folder.Runs[0].Strategy;
            string[] parts = strategy.Split(" · ");
            return parts.Length > 1 ? parts[1].Split('(')[0] : string.Empty;
        }
    }

    internal static string LeverageText(double leverage) => leverage.ToString("0.##", CultureInfo.InvariantCulture) + "×";

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal static long[] Times(ReadOnlyMemory<long> times) => times.ToArray();
}
