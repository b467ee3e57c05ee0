namespace LevBacktest.Reporting.Reports;

/// <summary>One run of a results folder: its sweep point and metrics (from <c>summary.json</c>).</summary>
public sealed class ResultsRun
{
    private readonly IReadOnlyDictionary<string, double> _metrics;

    /// <summary>Creates the run.</summary>
    /// <param name="runIndex">Index in the sweep's cartesian product.</param>
    /// <param name="parameters">Axis name → value as text, one per sweep axis.</param>
    /// <param name="strategy">Signal, sizing and stop as written by the run ("name(parameters)").</param>
    /// <param name="metrics">Metric name → value; NaN where summary.json has null.</param>
    public ResultsRun(int runIndex, IReadOnlyDictionary<string, string> parameters, string strategy, IReadOnlyDictionary<string, double> metrics)
    {
        RunIndex = runIndex;
        Parameters = parameters;
        Strategy = strategy;
        _metrics = metrics;
    }

    /// <summary>Index in the sweep's cartesian product.</summary>
    public int RunIndex { get; }

    /// <summary>Axis name → value as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Signal, sizing and stop, e.g. "buy-and-hold-long() · fixed-leverage(leverage=3) · none()".</summary>
    public string Strategy { get; }

    /// <summary>All metrics by name (fractions, USDT, days; see RunMetrics).</summary>
    public IReadOnlyDictionary<string, double> Metrics => _metrics;

    /// <summary>A metric by name, NaN when absent or not applicable.</summary>
    /// <param name="name">camelCase metric name, e.g. <c>totalReturn</c>.</param>
    public double Metric(string name) => _metrics.TryGetValue(name, out double value) ? value : double.NaN;

    /// <summary>The leverage under test (metric <c>leverage</c>).</summary>
    public double Leverage => Metric("leverage");

    /// <summary>Number of liquidations (metric <c>liquidationCount</c>).</summary>
    public int LiquidationCount => double.IsFinite(Metric("liquidationCount")) ? (int)Metric("liquidationCount") : 0;

    /// <summary>
    /// True when the tier table's max leverage reduced or rejected at least one order of the run (metrics
    /// <c>reducedOrders</c> + <c>rejectedOrders</c> &gt; 0): it did not trade at <see cref="Leverage"/>.
    /// </summary>
    public bool OrdersCapped => Count("reducedOrders") + Count("rejectedOrders") > 0;

    /// <summary>
    /// The effective (capped) leverage: the largest leverage an order was filled at after the tier table's cap
    /// (metric <c>maxOrderLeverage</c>); NaN in results written before that metric existed.
    /// </summary>
    public double EffectiveLeverage => Metric("maxOrderLeverage");

    /// <summary>Inverse contracts: the account valued in USD (summary.json <c>usdMetrics</c>: initialCapitalUsd, finalEquityUsd,
    /// totalReturnUsd, cagrUsd, maxDrawdownUsd); empty otherwise.</summary>
    public IReadOnlyDictionary<string, double> UsdMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>A portfolio run: each instrument's contribution, in spec order; empty for a single instrument.</summary>
    public IReadOnlyList<InstrumentContribution> Contributions { get; init; } = [];

    private double Count(string name) => double.IsFinite(Metric(name)) ? Metric(name) : 0;
}
