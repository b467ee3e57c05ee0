using System.Globalization;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// What a results folder keeps of each run's equity curve: the user's choice (<c>levbt run --equity</c>), recorded in
/// <c>summary.json</c> as <c>equityStorage</c>. The default, <see cref="Auto"/>, keeps every bar when the whole sweep
/// has at most <see cref="FullRowBudget"/> bar-rows (runs × bars), and otherwise a downsampled curve whose bucket
/// count shares that budget between the runs (between <see cref="MinimumBuckets"/> and <see cref="MaximumBuckets"/>
/// buckets, 2 rows each). The choice depends on the whole sweep's run count, never on a shard's, so the shards of a
/// sweep keep what the unsharded run keeps and merge into the same bytes.
/// A downsampled choice may name <see cref="FullRuns"/>, runs kept at every bar all the same: <c>levbt run --equity auto</c>
/// names the runs the report's charts will draw, which depend on the sweep grid alone and so are known before the
/// sweep (LevBacktest.Reporting's <c>ChartRunPlan</c>).
/// </summary>
/// <param name="Kind">Full, downsampled or none.</param>
/// <param name="Buckets">Buckets per run when <see cref="Kind"/> is <see cref="EquityStorageKind.Downsampled"/>, else 0.</param>
public readonly record struct EquityStorage(EquityStorageKind Kind, int Buckets)
{

    /// <summary>
    /// Run indices, ascending and distinct, whose curves a <see cref="EquityStorageKind.Downsampled"/> folder keeps at
    /// every bar; empty otherwise. Recorded in summary.json as <c>equityStorage.fullRuns</c> when not empty.
    /// </summary>
    public IReadOnlyList<int> FullRuns => FullRunArray ?? [];

    private int[]? FullRunArray { get; init; }

    /// <summary>
    /// This downsampled choice keeping <paramref name="runIndices"/> in full as well; a full or none choice is returned
    /// as it is (it has no downsampled runs to exempt).
    /// </summary>
    /// <param name="runIndices">Run indices of the whole sweep, any order (duplicates are dropped).</param>
    public EquityStorage WithFullRuns(IEnumerable<int> runIndices)
    {
        ArgumentNullException.ThrowIfNull(runIndices);
        if (Kind != EquityStorageKind.Downsampled)
        {
            return this;
        }

        int[] runs = runIndices.Distinct().Order().ToArray();
        return this with { FullRunArray = runs.Length == 0 ? null : runs };
    }

    /// <summary>Whether the folder keeps every bar of run <paramref name="runIndex"/>'s curve.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public bool KeepsFullCurve(int runIndex) => Kind switch
    {
        EquityStorageKind.Full => true,
        EquityStorageKind.Downsampled => FullRunArray is not null && Array.BinarySearch(FullRunArray, runIndex) >= 0,
        _ => false,
    };

    /// <summary>Equal kind, buckets and full runs.</summary>
    public bool Equals(EquityStorage other)
        => Kind == other.Kind && Buckets == other.Buckets && FullRuns.SequenceEqual(other.FullRuns);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Buckets, FullRuns.Count);

    /// <summary>Bar-rows (runs × bars) up to which <see cref="Auto"/> keeps full curves: about 110 MB in memory and
    /// 40–60 MB on disk.</summary>
    public const long FullRowBudget = 2_000_000;

    /// <summary>Fewest buckets per run <see cref="Auto"/> picks: the curve's shape at 100 points.</summary>
    public const int MinimumBuckets = 100;

    /// <summary>Most buckets per run <see cref="Auto"/> picks: 2,000 points, a point per pixel of a 1600-pixel chart and more.</summary>
    public const int MaximumBuckets = 1_000;

    /// <summary>Every bar of every run.</summary>
    public static EquityStorage Full => new(EquityStorageKind.Full, 0);

    /// <summary>No equity rows.</summary>
    public static EquityStorage None => new(EquityStorageKind.None, 0);

    /// <summary>A downsampled curve of <paramref name="buckets"/> buckets per run.</summary>
    /// <param name="buckets">≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">buckets &lt; 1.</exception>
    public static EquityStorage Downsampled(int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        return new(EquityStorageKind.Downsampled, buckets);
    }

    /// <summary>The default choice for a sweep of <paramref name="runCount"/> runs over <paramref name="barCount"/> bars.</summary>
    /// <param name="runCount">Runs in the whole sweep (not a shard).</param>
    /// <param name="barCount">Bars per run.</param>
    public static EquityStorage Auto(int runCount, int barCount)
    {
        if ((long)runCount * barCount <= FullRowBudget)
        {
            return Full;
        }

        long buckets = FullRowBudget / (2L * Math.Max(runCount, 1));
        return Downsampled((int)Math.Clamp(buckets, MinimumBuckets, MaximumBuckets));
    }

    /// <summary>
    /// Parses the command line's choice: <c>auto</c>, <c>full</c>, <c>none</c>, <c>downsampled</c> (with
    /// <see cref="MaximumBuckets"/> buckets) or <c>downsampled:N</c>.
    /// </summary>
    /// <param name="text">The choice.</param>
    /// <param name="runCount">Runs in the whole sweep, for <c>auto</c>.</param>
    /// <param name="barCount">Bars per run, for <c>auto</c>.</param>
    /// <exception cref="FormatException">Not one of those forms; the message lists them.</exception>
    public static EquityStorage Parse(string text, int runCount, int barCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text)
        {
            case "auto":
                return Auto(runCount, barCount);
            case "full":
                return Full;
            case "none":
                return None;
            case "downsampled":
                return Downsampled(MaximumBuckets);
        }

        const string Prefix = "downsampled:";
        if (text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int buckets)
            && buckets >= 1)
        {
            return Downsampled(buckets);
        }

        throw new FormatException($"--equity '{text}' must be auto, full, downsampled, downsampled:N (N ≥ 1 buckets per run) or none.");
    }

    /// <summary>
    /// What the folder keeps of <paramref name="run"/>: the run itself (<see cref="EquityStorageKind.Full"/>, or one of
    /// <see cref="FullRuns"/>), or the
    /// run with its equity curve cut to the kept bars, so that the full curve can be dropped as soon as the run is
    /// handed to the results writers.
    /// </summary>
    /// <param name="run">A finished run with its full curve.</param>
    public RunOutcome Keep(RunOutcome run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return KeptBarsOf(run) is { } bars
            ? run with { Result = run.Result.WithEquityCurve(EquityDownsampler.Select(run.Result.EquityCurve, bars)) }
            : run;
    }

    /// <summary>
    /// The bars of <paramref name="run"/>'s curve the folder keeps, ascending: null when it keeps every bar, empty for
    /// <see cref="EquityStorageKind.None"/>, else <see cref="EquityDownsampler.KeptBars(ReadOnlySpan{double}, int, ReadOnlySpan{int})"/>.
    /// </summary>
    /// <param name="run">A finished run with its full curve.</param>
    internal int[]? KeptBarsOf(RunOutcome run) => KeepsFullCurve(run.Point.RunIndex) || Kind == EquityStorageKind.Full
        ? null
        : Kind == EquityStorageKind.None
            ? []
            : EquityDownsampler.KeptBars(run.Result.EquityCurve.Equity, Buckets, LiquidationBars(run.Result));

    private static int[] LiquidationBars(Simulation.RunResult result)
    {
        var liquidations = result.Liquidations;
        int[] bars = liquidations.Count == 0 ? [] : new int[liquidations.Count];
        for (int k = 0; k < bars.Length; k++)
        {
            bars[k] = liquidations[k].Bar;
        }

        return bars;
    }

    /// <summary>The name recorded in summary.json: <c>full</c>, <c>downsampled</c> or <c>none</c>.</summary>
    public string KindName => Kind switch
    {
        EquityStorageKind.Full => "full",
        EquityStorageKind.Downsampled => "downsampled",
        _ => "none",
    };

    /// <summary><c>full</c>, <c>none</c> or <c>downsampled:N</c>, the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => Kind == EquityStorageKind.Downsampled
        ? string.Create(CultureInfo.InvariantCulture, $"downsampled:{Buckets}")
        : KindName;
}
