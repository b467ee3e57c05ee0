using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// What a portfolio run produced, on its bar clock (the union of the instruments' bar open times, length n): the
/// account's equity curve and metrics, the liquidations, and each instrument's exposure, events and contribution.
/// Money is in the portfolio's settlement asset (USDT, or the coin for inverse contracts).
/// </summary>
public sealed class PortfolioResult
{
    internal PortfolioResult(long[] openTimeMs, EquityCurve account, RunMetrics metrics, UsdEquityMetrics? usdMetrics,
        IReadOnlyList<PortfolioLiquidationRecord> liquidations, IReadOnlyList<PortfolioInstrumentResult> instruments, PortfolioAccountRun accountRun)
    {
        AccountRun = accountRun;
        OpenTimeMs = openTimeMs;
        Account = account;
        Metrics = metrics;
        UsdMetrics = usdMetrics;
        Liquidations = liquidations;
        Instruments = instruments;
    }

    /// <summary>The clock: bar open times, UTC ms, strictly increasing, length n.</summary>
    public long[] OpenTimeMs { get; }

    /// <summary>
    /// The account at each bar close (arrays of length n): Equity = wallets + Σ uPnL at the mark closes; PositionNotional =
    /// Σ of the instruments' notionals (gross exposure); EffectiveLeverage = gross notional / equity; MarginRatio = total
    /// maintenance margin / equity (cross) or the highest position's maintenance margin / its margin balance (isolated);
    /// LiquidationPrice = the position's for a one-instrument portfolio, NaN otherwise (see each instrument's).
    /// </summary>
    public EquityCurve Account { get; }

    /// <summary>Account equity at each bar close (money), length n: <see cref="Account"/>.Equity.</summary>
    public double[] Equity => Account.Equity;

    /// <summary>
    /// The account's metrics, computed as for a single run from the account equity curve and the totals over instruments.
    /// LiquidationCount counts liquidation events (a cross account liquidation is one event however many positions it takes).
    /// With more than one instrument there is no single underlying: the leverage-decay figures are NaN.
    /// </summary>
    public RunMetrics Metrics { get; }

    /// <summary>Inverse portfolios: the account's equity in USD (coin equity × the first instrument's last price), else null.</summary>
    public UsdEquityMetrics? UsdMetrics { get; }

    /// <summary>Liquidated positions in time order (one row per position; a cross account liquidation gives a row for each open position).</summary>
    public IReadOnlyList<PortfolioLiquidationRecord> Liquidations { get; }

    /// <summary>Per instrument, in the order given to <see cref="PortfolioBacktester.Run"/>.</summary>
    public IReadOnlyList<PortfolioInstrumentResult> Instruments { get; }

    /// <summary>The account as one <see cref="RunResult"/> (metrics, curve, every instrument's events merged in time order) with the
    /// instrument of each event: what the single-run results writers take.</summary>
    public PortfolioAccountRun AccountRun { get; }

    /// <summary>Open time of the first liquidation's bar, UTC ms, or null.</summary>
    public long? FirstLiquidationTimeMs => Liquidations.Count > 0 ? Liquidations[0].TimeMs : null;
}
