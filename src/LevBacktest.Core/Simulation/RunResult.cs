using LevBacktest.Core.Metrics;

namespace LevBacktest.Core.Simulation;

/// <summary>Everything one run produced: metrics, the per-bar curve and the event lists.</summary>
public sealed class RunResult
{
    internal RunResult(
        RunMetrics metrics,
        EquityCurve equityCurve,
        IReadOnlyList<TradeRecord> trades,
        IReadOnlyList<LiquidationRecord> liquidations,
        IReadOnlyList<FundingPaymentRecord> fundingPayments,
        IReadOnlyList<StopEventRecord> stopEvents,
        int rejectedOrders,
        int reducedOrders,
        int markFallbackBars,
        UsdEquityMetrics? usdMetrics = null,
        RunBuffers? buffers = null)
    {
        _buffers = buffers;
        UsdMetrics = usdMetrics;
        Metrics = metrics;
        EquityCurve = equityCurve;
        Trades = trades;
        Liquidations = liquidations;
        FundingPayments = fundingPayments;
        StopEvents = stopEvents;
        RejectedOrders = rejectedOrders;
        ReducedOrders = reducedOrders;
        MarkFallbackBars = markFallbackBars;
    }

    private RunBuffers? _buffers;

    /// <summary>Summary metrics (DESIGN.md "Experiments, sweeps and results").</summary>
    public RunMetrics Metrics { get; }

    /// <summary>Equity, notional, effective leverage, margin ratio and liquidation price at every bar close.</summary>
    public EquityCurve EquityCurve { get; }

    /// <summary>Trades in entry order; a position still open at the end is the last, with <see cref="ExitReason.End"/>.</summary>
    public IReadOnlyList<TradeRecord> Trades { get; }

    /// <summary>Liquidations in time order.</summary>
    public IReadOnlyList<LiquidationRecord> Liquidations { get; }

    /// <summary>Funding settlements on open positions in time order.</summary>
    public IReadOnlyList<FundingPaymentRecord> FundingPayments { get; }

    /// <summary>Stop-loss and take-profit fills in time order.</summary>
    public IReadOnlyList<StopEventRecord> StopEvents { get; }

    /// <summary>Orders not filled because they exceeded the bracket's max leverage (policy <see cref="OverLeveragePolicy.Reject"/>).</summary>
    public int RejectedOrders { get; }

    /// <summary>Orders reduced to the bracket's max leverage (policy <see cref="OverLeveragePolicy.Reduce"/>).</summary>
    public int ReducedOrders { get; }

    /// <summary>
    /// True when the bracket table's max leverage reduced or rejected at least one order of this run
    /// (<see cref="ReducedOrders"/> + <see cref="RejectedOrders"/> &gt; 0): the run did not trade at the leverage asked
    /// for; <see cref="RunMetrics.MaxOrderLeverage"/> is the effective (capped) leverage. The same fact from a
    /// results folder: metrics <c>reducedOrders</c> + <c>rejectedOrders</c> &gt; 0.
    /// </summary>
    public bool OrdersCapped => ReducedOrders + RejectedOrders > 0;

    /// <summary>Inverse contracts: the equity valued in USD (CAGR and drawdown in dollars); null for linear contracts, whose money is already USDT.</summary>
    public UsdEquityMetrics? UsdMetrics { get; }

    /// <summary>Bars at which no mark price was available (no mark series, or NaN) and the last price stood in for it.</summary>
    public int MarkFallbackBars { get; }

    /// <summary>
    /// The pooled buffers this result's curve arrays and event lists live in, taken away so that they are given back
    /// once only; null (and nothing taken) when they are not <paramref name="pool"/>'s or were taken already.
    /// </summary>
    internal RunBuffers? DetachBuffers(RunBufferPool pool)
    {
        var buffers = Volatile.Read(ref _buffers);
        return buffers is not null && ReferenceEquals(buffers.Pool, pool) && ReferenceEquals(Interlocked.CompareExchange(ref _buffers, null, buffers), buffers)
            ? buffers
            : null;
    }

    /// <summary>This result with <paramref name="curve"/> in place of its equity curve (what a results folder keeps).</summary>
    internal RunResult WithEquityCurve(EquityCurve curve)
        => new(Metrics, curve, Trades, Liquidations, FundingPayments, StopEvents, RejectedOrders, ReducedOrders, MarkFallbackBars, UsdMetrics);

    /// <summary>This result without its equity curve (zero bars), once the curve has been written out.</summary>
    internal RunResult WithoutEquityCurve()
        => WithEquityCurve(new EquityCurve([], [], [], [], [], []));

    /// <summary>
    /// This result with its metrics and counts only: no equity curve and no trades, liquidations, funding payments or
    /// stop events, once a results writer has written them out (what a streamed sweep keeps for summary.json).
    /// </summary>
    internal RunResult WithoutRows()
        => new(Metrics, new EquityCurve([], [], [], [], [], []), [], [], [], [], RejectedOrders, ReducedOrders, MarkFallbackBars, UsdMetrics);
}
