using System.Globalization;

using LevBacktest.Reporting.Plotting;

using ScottPlot;

namespace LevBacktest.Reporting.Reports;

/// <summary>Everything the chart builders share: the folder, the prices, the options and the chosen runs.</summary>
internal sealed class ReportContext
{
    private readonly IReadOnlySet<string> _fixedAxes;

    /// <summary>Per line run: (group, rank within group) when lines are grouped by the other axes' values, else null.</summary>
    private readonly IReadOnlyList<(int Group, int Rank)>? _groups;

    public ReportContext(ResultsFolder folder, PriceHistory? prices, ReportOptions options)
    {
        Folder = folder;
        Prices = prices;
        Options = options;
        // A downsampled folder draws the runs planned from the grid before the sweep: those whose curves it keeps in full.
        bool planned = folder.EquityStorage.Kind == Core.Experiments.Results.EquityStorageKind.Downsampled;
        LineRuns = RunSelection.ForLines(folder.Axes, folder.Runs, options.MaxLines, planned, out string description, out var fixedAxes, out _groups);
        LineRunsDescription = description;
        _fixedAxes = fixedAxes;
        FocusRun = RunSelection.Focus(folder, options.RunIndex, planned ? LineRuns : folder.Runs);
    }

    public ResultsFolder Folder { get; }

    /// <summary>The unit of money on charts: "USDT", or the coin of inverse contracts (<see cref="ResultsFolder.MoneyUnit"/>).</summary>
    public string MoneyUnit => Folder.MoneyUnit;

    /// <summary>Legend label of a line run: its sweep point without the axes the selection holds fixed.</summary>
    public string Label(ResultsRun run)
    {
        var parts = new List<string>();
        foreach (var axis in Folder.Axes)
        {
            if (axis.Count < 2 || _fixedAxes.Contains(axis.Name) || !run.Parameters.TryGetValue(axis.Name, out string? value))
            {
                continue;
            }

            parts.Add(axis.IsLeverage ? value + "×" : $"{ResultsFolder.ShortAxisName(axis.Name)} {ShortValue(value)}");
        }

        return parts.Count == 0 ? $"run {run.RunIndex}" : string.Join(" · ", parts);
    }

    /// <summary>"vol-target(targetVolatility=0.5, lookback=720)" → "vol-target(targetVolatility=0.5, …)": legends stay short.</summary>
    internal static string ShortValue(string value)
    {
        int comma = value.IndexOf(", ", StringComparison.Ordinal);
        return value.Length <= 28 || comma < 0 ? value : value[..comma] + ", …)";
    }

    public PriceHistory? Prices { get; }

    public ReportOptions Options { get; }

    /// <summary>Runs drawn as lines, ascending leverage (then run index).</summary>
    public IReadOnlyList<ResultsRun> LineRuns { get; }

    /// <summary>"all 5 runs" or "8 of 21 runs: 1×, 2×, … (spread across the grid, liquidated and extreme ones kept)".</summary>
    public string LineRunsDescription { get; }

    /// <summary>"8 of 21 runs shown" or "all 5 runs", for subtitles.</summary>
    public string LineRunsShort => LineRuns.Count < Folder.Runs.Count
        ? $"{LineRuns.Count} of {Folder.Runs.Count} runs shown{(_fixedAxes.Count > 0 ? " at " + string.Join(", ", _fixedAxes.Select(a => $"{ResultsFolder.ShortAxisName(a)} = {LineRuns[0].Parameters.GetValueOrDefault(a)}")) : string.Empty)}"
        : LineRunsDescription;

    /// <summary>The run of the price panel.</summary>
    public ResultsRun FocusRun { get; }

    /// <summary>
    /// Bars of a run worth drawing: up to and including the first close with equity ≤ 0 (a run wiped out by a
    /// liquidation stays at 0 to the end of the data, which would draw as a long flat line), else all.
    /// </summary>
    public int ActiveLength(int runIndex)
    {
        var equity = Folder.EquityOf(runIndex).Equity.Span;
        for (int i = 0; i < equity.Length; i++)
        {
            if (!(equity[i] > 0))
            {
                return i + 1;
            }
        }

        return equity.Length;
    }

    /// <summary>
    /// The time span the line charts show: from the first bar to the last active bar of any drawn run. When
    /// every drawn run was wiped out well before the data ends, the axis stops there (plus 3 %) instead of
    /// showing years of nothing; <paramref name="note"/> then says so for the subtitle.
    /// </summary>
    public (long From, long To)? ActiveWindow(out string note)
    {
        note = string.Empty;
        long first = long.MaxValue, lastData = long.MinValue, lastActive = long.MinValue;
        foreach (var run in LineRuns)
        {
            var times = Folder.EquityOf(run.RunIndex).TimeMs.Span;
            if (times.Length == 0)
            {
                continue;
            }

            first = Math.Min(first, times[0]);
            lastData = Math.Max(lastData, times[^1]);
            lastActive = Math.Max(lastActive, times[ActiveLength(run.RunIndex) - 1]);
        }

        if (first > lastData)
        {
            return null;
        }

        if (lastActive < lastData - ((lastData - first) / 7))
        {
            note = $" · every run shown was wiped out by {FormatDate(lastActive)} (data to {FormatDate(lastData)})";
            return (first, Math.Min(lastData, lastActive + ((lastActive - first) / 33) + Folder.Data.BarIntervalMs));
        }

        return (first, lastData);
    }

    /// <summary>Applies <see cref="ActiveWindow"/> to a time axis (ChartStyle time coordinates).</summary>
    public static void LimitTime(IAxis axis, (long From, long To)? window)
    {
        if (window is { } w && w.To > w.From)
        {
            axis.Range.Set(ChartStyle.TimeCoordinate(w.From), ChartStyle.TimeCoordinate(w.To));
        }
    }

    public ChartFigure NewFigure(int rows = 1, int columns = 1) => new(Options.Width, Options.Height, rows, columns);

    /// <summary>"BTCUSDT · 1h bars · 2023-01-01 → 2024-12-30 · isolated" for subtitles.</summary>
    public string DataLine
    {
        get
        {
            var data = Folder.Data;
            return $"{data.Symbol} · {FormatInterval(data.BarIntervalMs)} bars · {ShortDate(data.FirstBarOpenTime)} → {ShortDate(data.LastBarOpenTime)}";
        }
    }

    /// <summary>
    /// Colour of line <paramref name="index"/>: the Okabe–Ito series colours in leverage order, or, when the lines
    /// come in groups of the other axes' values (sizing A/B/C at two leverages), one colour per group.
    /// </summary>
    public Color LineColor(int index) => _groups is null ? ChartColors.SeriesColor(index) : ChartColors.SeriesColor(_groups[index].Group);

    /// <summary>Colour of liquidation ✕ markers: vermillion, or black when vermillion is a line colour.</summary>
    public Color LiquidationColor => LineRuns.Count > 1 ? ChartColors.Black : ChartColors.Vermillion;

    /// <summary>
    /// Pattern of line <paramref name="index"/>: solid while six colours suffice, then solid, dashed and dotted in
    /// turn (no two lines share colour and pattern); in groups, solid, dashed, dotted by rank within the group.
    /// </summary>
    public LinePattern LinePatternOf(int index) => _groups is null
        ? ChartColors.SeriesPattern(index, LineRuns.Count)
        : _groups[index].Rank switch { 0 => LinePattern.Solid, 1 => LinePattern.Dashed, 2 => LinePattern.Dotted, _ => LinePattern.DenselyDashed };

    /// <summary>Adds line run <paramref name="index"/>'s series in its colour and pattern.</summary>
    public IReadOnlyList<ScottPlot.Plottables.SignalXY> AddRunLine(Plot plot, int index, ReadOnlySpan<double> x, ReadOnlySpan<double> y, string? legend, float width) =>
        ChartStyle.AddLine(plot, x, y, legend, LineColor(index), width, LinePatternOf(index));

    public static string FormatInterval(long ms) => ms switch
    {
        _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
        _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
        _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
        _ => $"{ms} ms",
    };

    public static string ShortDate(string iso) => iso.Length >= 10 ? iso[..10] : iso;

    public static string FormatDate(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"+12.3 %" / "−45 %" by the shared rule of <see cref="Formatting.PercentText"/>.</summary>
    public static string Percent(double fraction, string format = "0.#") => Formatting.PercentText.Format(fraction, format);

    /// <summary>"liquidated 2019-09-12" (or "3 liquidations, first 2019-09-12"), or null when never liquidated.</summary>
    public string? LiquidationNote(ResultsRun run)
    {
        if (run.LiquidationCount == 0)
        {
            return null;
        }

        double first = run.Metric("firstLiquidationTime");
        string date = double.IsFinite(first) ? FormatDate((long)first) : "?";
        return run.LiquidationCount == 1 ? $"liquidated {date}" : $"{run.LiquidationCount} liquidations, first {date}";
    }

    /// <summary>Whether the tier table capped (reduced or rejected) any of the run's orders: its leverage setting was not what it got.</summary>
    public static bool IsCapped(ResultsRun run) => run.OrdersCapped;

    /// <summary>" capped at 39×" (the largest leverage an order was filled at, metric maxOrderLeverage) for a capped run, else "".</summary>
    public static string CappedNote(ResultsRun run)
    {
        if (!IsCapped(run))
        {
            return string.Empty;
        }

        double effective = run.EffectiveLeverage;
        return double.IsFinite(effective) && effective > 0
            ? Invariant($" capped at {effective:0.#}× by the tier table")
            : " capped by the tier table";
    }

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
