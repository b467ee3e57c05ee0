namespace LevBacktest.Core.Metrics;

/// <summary>
/// Summary metrics of one run. Fractions are plain numbers (0.25 = 25 %), money in USDT, times UTC epoch
/// milliseconds, durations in days. Annualisation uses the bar interval and a 365-day year
/// (bars per year = 365 · 86 400 000 / interval ms); the risk-free rate is 0.
/// </summary>
/// <remarks>
/// Returns r_t are simple returns of equity at consecutive bar closes, the first against
/// <see cref="InitialCapital"/>. Names in <see cref="ToNamedValues"/> are the camelCase property names,
/// in declaration order; that order is stable and is what summaries and baselines use.
/// </remarks>
public sealed record RunMetrics
{
    /// <summary>Starting balance, USDT.</summary>
    public double InitialCapital { get; init; }

    /// <summary>Equity at the last bar close, USDT (open position marked to the last mark close).</summary>
    public double FinalEquity { get; init; }

    /// <summary>FinalEquity / InitialCapital − 1.</summary>
    public double TotalReturn { get; init; }

    /// <summary>Compound annual growth rate: (FinalEquity / InitialCapital)^(1 / years) − 1; −1 when equity reached 0;
    /// NaN when the annualisation overflows (a run far shorter than a year with a large return).</summary>
    public double Cagr { get; init; }

    /// <summary>Sample standard deviation of r_t times √(bars per year).</summary>
    public double AnnualizedVolatility { get; init; }

    /// <summary>mean(r_t) / std(r_t) · √(bars per year); 0 when std is 0.</summary>
    public double Sharpe { get; init; }

    /// <summary>mean(r_t) / √(mean(min(r_t, 0)²)) · √(bars per year); 0 when there is no down bar.</summary>
    public double Sortino { get; init; }

    /// <summary>Cagr / MaxDrawdown; 0 when there is no drawdown; NaN when Cagr is.</summary>
    public double Calmar { get; init; }

    /// <summary>Largest fall from a running peak of close equity, as a positive fraction of the peak (the peak starts at InitialCapital).</summary>
    public double MaxDrawdown { get; init; }

    /// <summary>Days from the peak before the max drawdown to the first close back at that peak (or to the last close if never).</summary>
    public double MaxDrawdownDurationDays { get; init; }

    /// <summary>Number of liquidations.</summary>
    public double LiquidationCount { get; init; }

    /// <summary>Open time (UTC epoch ms) of the bar of the first liquidation; NaN when none.</summary>
    public double FirstLiquidationTime { get; init; }

    /// <summary>Days from the first bar's open to the first liquidation; NaN when none.</summary>
    public double TimeToFirstLiquidationDays { get; init; }

    /// <summary>Total margin lost to liquidations, USDT (clearance fees included).</summary>
    public double MarginLost { get; init; }

    /// <summary>Part of MarginLost kept as clearance fees, USDT.</summary>
    public double ClearanceFees { get; init; }

    /// <summary>Sum of funding payments made, USDT, ≥ 0.</summary>
    public double FundingPaid { get; init; }

    /// <summary>Sum of funding payments received, USDT, ≥ 0.</summary>
    public double FundingReceived { get; init; }

    /// <summary>Trading fees paid, USDT (taker and maker; clearance fees excluded).</summary>
    public double FeesPaid { get; init; }

    /// <summary>Realised price PnL of all closes and reductions, USDT (liquidations add nothing).</summary>
    public double RealizedPnl { get; init; }

    /// <summary>Unrealised PnL of a position open at the end, USDT.</summary>
    public double OpenUnrealizedPnl { get; init; }

    /// <summary>Fraction of bar closes with a position.</summary>
    public double Exposure { get; init; }

    /// <summary>Mean effective leverage (notional / equity) over the closes with a position; 0 if never in a position.</summary>
    public double AverageEffectiveLeverage { get; init; }

    /// <summary>Positions opened.</summary>
    public double TradeCount { get; init; }

    /// <summary>Stop-loss fills.</summary>
    public double StopCount { get; init; }

    /// <summary>Take-profit fills.</summary>
    public double TakeProfitCount { get; init; }

    /// <summary>Orders rejected for exceeding the bracket's max leverage.</summary>
    public double RejectedOrders { get; init; }

    /// <summary>Orders reduced to the bracket's max leverage.</summary>
    public double ReducedOrders { get; init; }

    /// <summary>
    /// Effective (capped) leverage: the largest leverage any order was filled at once the bracket table's max
    /// leverage was applied — notional / margin at the fill (isolated: the allocated wallet; cross: equity;
    /// a resize: the backing margin balance). Equals the leverage asked for unless orders were reduced
    /// (<see cref="ReducedOrders"/>); 0 when no order was filled.
    /// </summary>
    public double MaxOrderLeverage { get; init; }

    /// <summary>Underlying return over the run: last close / first close − 1 (last price).</summary>
    public double UnderlyingReturn { get; init; }

    /// <summary>
    /// Leverage decay: Leverage · UnderlyingReturn − TotalReturn (DESIGN.md; meaningful for constant-leverage runs).
    /// NaN (undefined) for a run whose equity reached zero: there is no leveraged path left to compare.
    /// </summary>
    public double LeverageDecay { get; init; }

    /// <summary>Volatility drag in log terms: Leverage · ln(1 + UnderlyingReturn) − ln(1 + TotalReturn); NaN when equity reached 0.</summary>
    public double VolatilityDrag { get; init; }

    /// <summary>Analytic volatility drag (L² − L) / 2 · Σ r_t² over the underlying's close-to-close bar returns.</summary>
    public double AnalyticVolatilityDrag { get; init; }

    /// <summary>The leverage under test (settings), for the decay figures.</summary>
    public double Leverage { get; init; }

    /// <summary>Number of bars in the run.</summary>
    public double BarCount { get; init; }

    /// <summary>Length of the run in years of 365 days (bars · interval).</summary>
    public double Years { get; init; }

    /// <summary>The metric names of <see cref="ToNamedValues"/>, in their stable order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "initialCapital", "finalEquity", "totalReturn", "cagr", "annualizedVolatility", "sharpe", "sortino", "calmar",
        "maxDrawdown", "maxDrawdownDurationDays", "liquidationCount", "firstLiquidationTime", "timeToFirstLiquidationDays",
        "marginLost", "clearanceFees", "fundingPaid", "fundingReceived", "feesPaid", "realizedPnl", "openUnrealizedPnl",
        "exposure", "averageEffectiveLeverage", "tradeCount", "stopCount", "takeProfitCount", "rejectedOrders", "reducedOrders",
        "maxOrderLeverage", "underlyingReturn", "leverageDecay", "volatilityDrag", "analyticVolatilityDrag", "leverage", "barCount", "years",
    ];

    /// <summary>(name, value) pairs in the order of <see cref="Names"/>; NaN marks "not applicable".</summary>
    public IReadOnlyList<KeyValuePair<string, double>> ToNamedValues()
    {
        Span<double> values = stackalloc double[Names.Count];
        CopyValuesTo(values);
        var pairs = new KeyValuePair<string, double>[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            pairs[k] = new KeyValuePair<string, double>(Names[k], values[k]);
        }

        return pairs;
    }

    /// <summary>
    /// The values of <see cref="ToNamedValues"/> without their names, into <paramref name="destination"/> (at least
    /// <see cref="Names"/>.Count long): what runs.parquet and summary.json write for each of 10,000s of runs, without
    /// two arrays per run.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Names"/>.</exception>
    internal void CopyValuesTo(Span<double> destination)
    {
        ReadOnlySpan<double> values =
        [
            InitialCapital, FinalEquity, TotalReturn, Cagr, AnnualizedVolatility, Sharpe, Sortino, Calmar,
            MaxDrawdown, MaxDrawdownDurationDays, LiquidationCount, FirstLiquidationTime, TimeToFirstLiquidationDays,
            MarginLost, ClearanceFees, FundingPaid, FundingReceived, FeesPaid, RealizedPnl, OpenUnrealizedPnl,
            Exposure, AverageEffectiveLeverage, TradeCount, StopCount, TakeProfitCount, RejectedOrders, ReducedOrders,
            MaxOrderLeverage, UnderlyingReturn, LeverageDecay, VolatilityDrag, AnalyticVolatilityDrag, Leverage, BarCount, Years,
        ];
        values.CopyTo(destination);
    }
}
